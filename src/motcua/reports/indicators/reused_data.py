"""Indicator 4.3: dossiers reusing digitised data (Decision 766/QĐ-TTg, group 4, full marks at
80%)."""

from django.db.models import Exists, OuterRef

from motcua.dossiers.models import DossierDocument
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, received_in_period

CODE = "4.3"


def reused_data(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 4.3: dossiers received in the period with at least one
    document taken from data already digitised (`reused`) instead of submitted again ÷ dossiers
    received in the period."""
    reused = DossierDocument.objects.filter(dossier_id=OuterRef("pk"), reused=True)
    received = received_in_period(scope)
    return Terms(numerator=received.filter(Exists(reused)).count(), denominator=received.count())
