"""The dossiers whose result was approved in the period, shared by indicators 4.1 and 4.2.

The indicators here count their numerator with the subquery in the WHERE clause (a second
count) rather than in an aggregate's FILTER: PostgreSQL then runs it as a hashed semi-join
instead of probing once per dossier.
"""

from django.db.models import Exists, OuterRef, QuerySet

from motcua.dossiers.models import Dossier
from motcua.reports.indicators.scope import Scope, dossiers_in_scope
from motcua.results.models import EResult


def results_in_period(scope: Scope) -> QuerySet[Dossier]:
    """Dossiers of the scope whose result was approved in the period (before the cut-off)."""
    return dossiers_in_scope(scope).filter(
        decided_at__gte=scope.start_moment, decided_at__lt=scope.cutoff
    )


def has_e_result() -> Exists:
    """The dossier has a signed electronic result (Decree 118/2025 Art. 22) in the store."""
    return Exists(EResult.objects.filter(dossier=OuterRef("pk")))
