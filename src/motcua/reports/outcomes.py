"""How one dossier counts in a reporting period: the columns of form II.06a.

Form II.06a of Circular 01/2020/TT-VPCP (DOMAIN §5) counts, for a period of days:
received (online; in person or by post; carried over from before the period), resolved
(early, on time, late) and in progress at the period's end (within time, overdue). A dossier
withdrawn (Decree 118/2025 Art. 21) or refused after appraisal leaves the count without being
resolved; a dossier refused at intake or never received is not counted at all.

`classify_dossier` is the one rule; the roll-up facts (`reports.contributions`) hold the same
classes by day so that the form is read from a small table, and `motcua reports check` proves
they agree. Days are Vietnam's days (UTC+7): a period is `first_day` 00:00 to the midnight
after `last_day`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from motcua.deadlines.engine import classify_finished
from motcua.deadlines.engine.timebase import to_vietnam

# Decision 766/QĐ-TTg (indicator 2.1, DOMAIN §5): more than one supplement request makes the
# dossier late, whatever its due moment says.
MAX_SUPPLEMENT_REQUESTS_ON_TIME = 1

# Dossier statuses (dossiers.choices.DossierStatus values) that settle a received dossier.
RESOLVED_STATUSES = frozenset({"result_ready", "returned"})
WITHDRAWN_STATUSES = frozenset({"withdrawn"})
REFUSED_STATUSES = frozenset({"stopped"})

# Channels of Decree 118/2025 Art. 15 (dossiers.choices.Channel values).
COUNTER, ONLINE, POSTAL = 1, 2, 3


class Received(StrEnum):
    ONLINE = "online"  # trực tuyến
    IN_PERSON = "in_person"  # trực tiếp
    POSTAL = "postal"  # qua dịch vụ bưu chính công ích
    CARRIED_OVER = "carried_over"  # từ kỳ trước chuyển qua


class Resolved(StrEnum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


class InProgress(StrEnum):
    WITHIN_TIME = "within_time"  # trong hạn
    OVERDUE = "overdue"  # quá hạn


class Ended(StrEnum):
    """Received, then left without a result: not resolved, no longer in progress."""

    WITHDRAWN = "withdrawn"
    REFUSED = "refused"


RECEIVED_BY_CHANNEL = {
    COUNTER: Received.IN_PERSON,
    ONLINE: Received.ONLINE,
    POSTAL: Received.POSTAL,
}


@dataclass(frozen=True, kw_only=True)
class DossierTimes:
    """What the classification reads of a dossier (a `dossiers.models.Dossier` fits)."""

    channel: int
    status: str
    received_at: datetime | None
    due_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    supplement_requests: int


@dataclass(frozen=True)
class Classification:
    """The dossier's place in each group of form II.06a (None: not counted in that group)."""

    received: Received | None = None
    resolved: Resolved | None = None
    in_progress: InProgress | None = None
    ended: Ended | None = None


def local_day(moment: datetime) -> date:
    """The day in Vietnam of an aware moment."""
    return to_vietnam(moment).date()


def resolution_class(*, dossier: DossierTimes) -> Resolved:
    """Early, on time or late for a resolved dossier (DOMAIN §4 and the 766 late rule).

    Judged against `due_at`, which is the extended due moment when the dossier was extended
    (Decree 118/2025 Art. 19.6) and the moved one after a supplement (Art. 19.5). A dossier
    without a due moment cannot be late.
    """
    assert dossier.decided_at is not None
    if dossier.supplement_requests > MAX_SUPPLEMENT_REQUESTS_ON_TIME:
        return Resolved.LATE
    if dossier.due_at is None:
        return Resolved.ON_TIME
    return Resolved(classify_finished(due_at=dossier.due_at, finished_at=dossier.decided_at))


def effective_due_day(*, dossier: DossierTimes) -> date | None:
    """The day from whose end an unfinished dossier counts overdue (None: never overdue).

    Overdue at the end of a day means due before the next midnight. More than one supplement
    request makes the dossier late from its receipt (Decision 766, indicator 2.1).
    """
    if dossier.received_at is None:
        return None
    if dossier.supplement_requests > MAX_SUPPLEMENT_REQUESTS_ON_TIME:
        return local_day(dossier.received_at)
    if dossier.due_at is None:
        return None
    return local_day(dossier.due_at)


def finished_day(*, dossier: DossierTimes) -> date | None:
    """The day the dossier stopped being in progress: result ready, withdrawn or refused."""
    if dossier.status in RESOLVED_STATUSES and dossier.decided_at is not None:
        return local_day(dossier.decided_at)
    if dossier.status in WITHDRAWN_STATUSES | REFUSED_STATUSES and dossier.closed_at is not None:
        return local_day(dossier.closed_at)
    return None


def ended_class(*, dossier: DossierTimes) -> Ended | None:
    if dossier.status in WITHDRAWN_STATUSES:
        return Ended.WITHDRAWN
    if dossier.status in REFUSED_STATUSES:
        return Ended.REFUSED
    return None


def classify_dossier(*, dossier: DossierTimes, first_day: date, last_day: date) -> Classification:
    """The dossier's columns on form II.06a for the period `first_day`..`last_day`.

    Circular 01/2020/TT-VPCP, form II.06a: received in the period by channel, or carried over
    when received before it and still in progress at its start; resolved in the period by
    on-time class; in progress at the period's end, overdue when its (effective) due day is
    in the period or before. Withdrawn and refused dossiers are shown apart (`ended`).
    """
    if dossier.received_at is None:
        return Classification()
    received_on = local_day(dossier.received_at)
    if received_on > last_day:
        return Classification()
    ended_on = finished_day(dossier=dossier)
    if ended_on is not None and ended_on < first_day:
        return Classification()
    received = (
        RECEIVED_BY_CHANNEL[dossier.channel] if received_on >= first_day else Received.CARRIED_OVER
    )
    if ended_on is not None and ended_on <= last_day:
        ended = ended_class(dossier=dossier)
        if ended is not None:
            return Classification(received=received, ended=ended)
        return Classification(received=received, resolved=resolution_class(dossier=dossier))
    due_on = effective_due_day(dossier=dossier)
    overdue = due_on is not None and due_on <= last_day
    return Classification(
        received=received,
        in_progress=InProgress.OVERDUE if overdue else InProgress.WITHIN_TIME,
    )
