"""Roll-up facts follow the dossiers: every dossier event refreshes that dossier's share.

Subscribed in `ReportsConfig.ready()`; runs after the act's transaction commits
(`core.events`). A failure is logged by the event bus and repaired by `motcua reports
rebuild`; `motcua reports check` finds it.
"""

from motcua.dossiers.events import DossierActed
from motcua.dossiers.models import Dossier
from motcua.reports.rollups import refresh_dossier
from motcua.results.events import ResultIssued


def refresh_on_dossier_event(event: DossierActed) -> None:
    refresh_dossier(dossier_id=event.dossier_id)


def refresh_on_result_issued(event: ResultIssued) -> None:
    """An e-result counts towards indicator 4.1 of the dossier it was issued for."""
    if not event.dossier_code:
        return
    dossier_id = (
        Dossier.objects.filter(code=event.dossier_code).values_list("pk", flat=True).first()
    )
    if dossier_id is not None:
        refresh_dossier(dossier_id=dossier_id)
