"""On-time classes used in reports (DOMAIN §4; form II.06a of Circular 01/2020/TT-VPCP)."""

from datetime import datetime
from enum import StrEnum

from motcua.deadlines.engine.durations import Duration, Unit
from motcua.deadlines.engine.timebase import to_vietnam
from motcua.deadlines.engine.work_calendar import WorkCalendar

DEFAULT_APPROACHING_WITHIN = Duration(1, Unit.WORKING_DAYS)


class FinishedClass(StrEnum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn


class ProgressClass(StrEnum):
    WITHIN_TIME = "within_time"  # trong hạn
    APPROACHING = "approaching"  # sắp đến hạn
    OVERDUE = "overdue"  # quá hạn


def classify_finished(*, due_at: datetime, finished_at: datetime) -> FinishedClass:
    """Early if finished on an earlier date than the due date; on time if on the due date and
    not after the due moment; late otherwise. Dates are read in Vietnam's time."""
    due, finished = to_vietnam(due_at), to_vietnam(finished_at)
    if finished.date() < due.date():
        return FinishedClass.EARLY
    if finished <= due:
        return FinishedClass.ON_TIME
    return FinishedClass.LATE


def classify_in_progress(
    calendar: WorkCalendar,
    *,
    due_at: datetime,
    at: datetime,
    approaching_within: Duration = DEFAULT_APPROACHING_WITHIN,
) -> ProgressClass:
    """Overdue after the due moment; approaching when at most `approaching_within` of working
    time is left (1 working day by default); within time otherwise."""
    if at > due_at:
        return ProgressClass.OVERDUE
    if calendar.working_seconds_between(at, due_at) <= approaching_within.working_seconds:
        return ProgressClass.APPROACHING
    return ProgressClass.WITHIN_TIME
