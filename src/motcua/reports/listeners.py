"""Roll-up facts follow the dossiers: every dossier event refreshes that dossier's share.

Subscribed in `ReportsConfig.ready()`. With `REPORTS_REFRESH = "after-commit"` the dossier's
facts are refreshed after the act's transaction commits (`core.events`): a failure is logged by
the event bus and repaired by `motcua reports rebuild`; `motcua reports check` finds it. With
`"queued"` the dossier is queued for `motcua reports follow` (`reports.refresh_queue`) inside
the act's transaction, so the act and its queue row commit or roll back together.
"""

from django.conf import settings

from motcua.dossiers.events import DossierActed
from motcua.dossiers.models import Dossier
from motcua.reports.refresh_queue import queue_refresh
from motcua.reports.rollups import refresh_dossier
from motcua.results.events import ResultIssued


def _queued() -> bool:
    return bool(settings.REPORTS_REFRESH == "queued")


def refresh_on_dossier_event(event: DossierActed) -> None:
    if not _queued():
        refresh_dossier(dossier_id=event.dossier_id)


def queue_on_dossier_event(event: DossierActed) -> None:
    if _queued():
        queue_refresh(dossier_id=event.dossier_id)


def _dossier_of(event: ResultIssued) -> int | None:
    """An e-result counts towards indicator 4.1 of the dossier it was issued for."""
    if not event.dossier_code:
        return None
    return Dossier.objects.filter(code=event.dossier_code).values_list("pk", flat=True).first()


def refresh_on_result_issued(event: ResultIssued) -> None:
    if not _queued() and (dossier_id := _dossier_of(event)) is not None:
        refresh_dossier(dossier_id=dossier_id)


def queue_on_result_issued(event: ResultIssued) -> None:
    if _queued() and (dossier_id := _dossier_of(event)) is not None:
        queue_refresh(dossier_id=dossier_id)
