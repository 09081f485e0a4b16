"""Indicator 4.3: dossiers reusing digitised data (Decision 766/QĐ-TTg, group 4, full marks at
80%)."""

from django.db.models import Count, Q

from motcua.dossiers.models import DossierDocument
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope, received_in_period

CODE = "4.3"


def reused_data(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 4.3: dossiers received in the period with at least one
    document taken from data already digitised (`reused`) instead of submitted again ÷ dossiers
    received in the period."""
    reused = DossierDocument.objects.filter(reused=True).values("dossier_id")
    counts = received_in_period(scope).aggregate(
        total=Count("pk"), reused=Count("pk", filter=Q(pk__in=reused))
    )
    return Terms(numerator=counts["reused"], denominator=counts["total"])
