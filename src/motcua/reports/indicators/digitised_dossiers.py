"""Indicator 4.2: dossiers digitised, documents and result (Decision 766/QĐ-TTg, group 4, full
marks at 80%)."""

from django.db.models import Exists, OuterRef

from motcua.dossiers.models import DossierDocument
from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope
from motcua.reports.indicators.settled_results import has_e_result, results_in_period

CODE = "4.2"


def digitised_dossiers(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 4.2: dossiers whose result was approved in the period,
    with every document held as a file (uploaded online or scanned at the counter) and a
    signed e-result ÷ dossiers whose result was approved in the period.

    A paper handed in and only counted (no file) leaves the dossier not digitised; so does a
    dossier without any document.
    """
    documents = DossierDocument.objects.filter(dossier_id=OuterRef("pk"))
    results = results_in_period(scope)
    digitised = results.filter(
        Exists(documents), ~Exists(documents.filter(file="")), has_e_result()
    )
    return Terms(numerator=digitised.count(), denominator=results.count())
