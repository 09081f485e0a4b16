"""Indicator 4.1: dossiers with an electronic result (Decision 766/QĐ-TTg, group 4)."""

from motcua.reports.indicators.measure import Terms
from motcua.reports.indicators.scope import Scope
from motcua.reports.indicators.settled_results import has_e_result, results_in_period

CODE = "4.1"


def electronic_results(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 4.1: dossiers whose result was approved in the period and
    issued as a signed e-result (Decree 118/2025 Art. 22) ÷ dossiers whose result was approved
    in the period. A dossier in progress has no result yet, so it is in neither term."""
    results = results_in_period(scope)
    return Terms(numerator=results.filter(has_e_result()).count(), denominator=results.count())
