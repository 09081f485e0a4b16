"""Several dossiers moved at once by one officer (Decree 118/2025 Art. 20): each goes through
the single-dossier services of `processing`, with its own timeline entry, audit row and event.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.clock import now
from motcua.dossiers.errors import BulkRefused, DossierError, InvalidInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.processing import complete_step, transfer_dossier
from motcua.organizations.models import Agency


@dataclass(frozen=True)
class BulkOutcome:
    code: str
    ok: bool
    error: str = ""
    message: str = ""


def bulk_transfer(
    *, officer: Any, dossiers: Sequence[Dossier], to_agency: Agency, note: str = ""
) -> list[BulkOutcome]:
    """Transfer several dossiers; each succeeds or fails on its own (its own transaction)."""
    outcomes = []
    for dossier in dossiers:
        try:
            transfer_dossier(officer=officer, dossier=dossier, to_agency=to_agency, note=note)
        except DossierError as error:
            outcomes.append(BulkOutcome(dossier.code, False, error.code, error.message))
        else:
            outcomes.append(BulkOutcome(dossier.code, True))
    return outcomes


def hand_over_together(
    *,
    officer: Any,
    dossiers: Sequence[Dossier],
    to_agency: Agency | None = None,
    hours: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> list[BulkOutcome]:
    """Move several dossiers on together, all or nothing: each completes its current step
    (the next one starts) or, with `to_agency`, is transferred there (Art. 20).

    Every dossier goes through `complete_step` or `transfer_dossier` (its own timeline entry,
    audit row and event); if any of them is refused, nothing of any is kept and `BulkRefused`
    lists every dossier's outcome (`details["outcomes"]`). Raises InvalidInput (no dossier,
    a dossier twice), BulkRefused.
    """
    if not dossiers:
        raise InvalidInput(_("Choose at least one dossier."), field="codes")
    codes = [dossier.code for dossier in dossiers]
    if len(set(codes)) != len(codes):
        raise InvalidInput(_("A dossier is chosen twice."), field="codes")
    moment = at or now()
    outcomes: list[BulkOutcome] = []
    try:
        with transaction.atomic():
            for dossier in dossiers:
                outcomes.append(
                    _hand_over_one(
                        officer=officer,
                        dossier=dossier,
                        to_agency=to_agency,
                        hours=hours,
                        note=note,
                        at=moment,
                    )
                )
            if not all(outcome.ok for outcome in outcomes):
                raise BulkRefused(
                    _("%(count)d of %(total)d dossiers cannot move; none was moved.")
                    % {
                        "count": sum(not outcome.ok for outcome in outcomes),
                        "total": len(outcomes),
                    },
                    outcomes=[outcome.__dict__ for outcome in outcomes],
                )
    except BulkRefused:
        # The dossiers that did move in memory were rolled back in the database.
        for dossier in dossiers:
            dossier.refresh_from_db()
        raise
    return outcomes


def _hand_over_one(
    *,
    officer: Any,
    dossier: Dossier,
    to_agency: Agency | None,
    hours: int | None,
    note: str,
    at: datetime,
) -> BulkOutcome:
    try:
        if to_agency is None:
            complete_step(officer=officer, dossier=dossier, note=note, at=at)
        else:
            transfer_dossier(
                officer=officer, dossier=dossier, to_agency=to_agency, hours=hours, note=note, at=at
            )
    except DossierError as error:
        return BulkOutcome(dossier.code, False, error.code, error.message)
    return BulkOutcome(dossier.code, True)
