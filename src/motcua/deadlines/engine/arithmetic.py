"""Due moments: a duration from a receipt, supplements, extensions and per-step budgets."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from motcua.deadlines.engine.durations import WORKING_DAY_SECONDS, Duration, Unit
from motcua.deadlines.engine.errors import (
    ExtensionAlreadyGrantedError,
    ExtensionNotLaterError,
    ExtensionReasonMissingError,
    ExtensionTooLateError,
    InvalidStepBudgetError,
    NotAWorkingMomentError,
    SupplementOutOfOrderError,
    UnknownSupplementPolicyError,
)
from motcua.deadlines.engine.timebase import format_moment, to_vietnam
from motcua.deadlines.engine.work_calendar import WorkCalendar, shift_months


class SupplementPolicy(StrEnum):
    """How the clock runs after a supplement (a per-procedure-variant choice)."""

    # Decree 118/2025 Art. 19.5: the full processing time runs again from the complete supplement.
    RESTART = "restart"
    # Practice and the Decision 766 formula: the time left at the request resumes.
    PAUSE = "pause"


def parse_supplement_policy(value: object) -> SupplementPolicy:
    try:
        return SupplementPolicy(str(value))
    except ValueError:
        raise UnknownSupplementPolicyError(policy=value) from None


@dataclass(frozen=True, slots=True)
class Supplement:
    """The one supplement of a dossier: requested, then received complete."""

    requested_at: datetime
    received_at: datetime
    policy: SupplementPolicy

    def __post_init__(self) -> None:
        object.__setattr__(self, "policy", parse_supplement_policy(self.policy))


@dataclass(frozen=True, slots=True)
class DueComputation:
    """Everything a due moment depends on; dossiers keep one to recompute after calendar changes."""

    received_at: datetime
    duration: Duration
    supplement: Supplement | None = None


def add_duration(calendar: WorkCalendar, start: datetime, duration: Duration) -> datetime:
    """The due moment of `duration` counted from `start`."""
    if duration.is_working_time:
        return calendar.add_working_seconds(start, duration.working_seconds)
    if duration.unit is Unit.CALENDAR_DAYS:
        return calendar.add_calendar_days(start, duration.value)
    return calendar.add_months(start, duration.value)


def due_at(
    calendar: WorkCalendar,
    *,
    received_at: datetime,
    duration: Duration,
    supplement: Supplement | None = None,
) -> datetime:
    """The due moment of a dossier received at `received_at`.

    Raises SupplementOutOfOrderError unless receipt ≤ request ≤ supplement received and the
    request comes before the first due moment.
    """
    first_due = add_duration(calendar, received_at, duration)
    if supplement is None:
        return first_due
    _check_supplement_order(received_at, supplement, first_due)
    if supplement.policy is SupplementPolicy.RESTART:
        return add_duration(calendar, supplement.received_at, duration)
    # PAUSE: the time left at the request resumes when the supplement arrives.
    if duration.is_working_time:
        used = calendar.working_seconds_between(received_at, supplement.requested_at)
        left = max(duration.working_seconds - used, 0)
        return calendar.add_working_seconds(supplement.received_at, left)
    # Calendar days and months: the unrolled due moment moves by the paused wall-clock time.
    if duration.unit is Unit.CALENDAR_DAYS:
        unrolled = to_vietnam(received_at) + timedelta(days=duration.value)
    else:
        unrolled = shift_months(received_at, duration.value)
    paused = supplement.received_at - supplement.requested_at
    return calendar.add_calendar_days(unrolled + paused, 0)


def compute_due(calendar: WorkCalendar, computation: DueComputation) -> datetime:
    return due_at(
        calendar,
        received_at=computation.received_at,
        duration=computation.duration,
        supplement=computation.supplement,
    )


def _check_supplement_order(
    received_at: datetime, supplement: Supplement, first_due: datetime
) -> None:
    if supplement.requested_at < received_at:
        raise SupplementOutOfOrderError(
            detail_vi="yêu cầu bổ sung trước khi tiếp nhận",
            detail_en="supplement requested before the receipt",
        )
    if supplement.received_at < supplement.requested_at:
        raise SupplementOutOfOrderError(
            detail_vi="nhận bổ sung trước khi yêu cầu", detail_en="supplement received before asked"
        )
    if supplement.requested_at > first_due:
        raise SupplementOutOfOrderError(
            detail_vi=f"yêu cầu sau thời hạn {format_moment(first_due)}",
            detail_en=f"requested after the due moment {format_moment(first_due)}",
        )


def working_time_between(calendar: WorkCalendar, start: datetime, end: datetime) -> timedelta:
    """The working time from `start` to `end` (negative if `end` is earlier)."""
    return timedelta(seconds=calendar.working_seconds_between(start, end))


@dataclass(frozen=True, slots=True)
class Extension:
    """An apology and extension to a new due moment (Decree 118/2025 Art. 19.6)."""

    previous_due_at: datetime
    new_due_at: datetime
    reason: str
    requested_at: datetime


def extend(
    calendar: WorkCalendar,
    *,
    due_at: datetime,
    new_due_at: datetime,
    requested_at: datetime,
    reason: str,
    extensions_so_far: int = 0,
) -> Extension:
    """Check and build the dossier's one extension.

    Decree 118/2025 Art. 19.6: only once; requested at least 1 working day before the due
    moment; with a reason and a new, later due moment. Raises ExtensionAlreadyGrantedError,
    ExtensionReasonMissingError, ExtensionTooLateError, ExtensionNotLaterError,
    NotAWorkingMomentError.
    """
    if extensions_so_far >= 1:
        raise ExtensionAlreadyGrantedError()
    if not reason or not reason.strip():
        raise ExtensionReasonMissingError()
    if calendar.working_seconds_between(requested_at, due_at) < WORKING_DAY_SECONDS:
        raise ExtensionTooLateError(
            due_at=format_moment(due_at), requested_at=format_moment(requested_at)
        )
    if new_due_at <= due_at:
        raise ExtensionNotLaterError(
            new_due_at=format_moment(new_due_at), due_at=format_moment(due_at)
        )
    if not calendar.is_working_moment(new_due_at):
        raise NotAWorkingMomentError(value=format_moment(new_due_at))
    return Extension(due_at, new_due_at, reason.strip(), requested_at)


@dataclass(frozen=True, slots=True)
class StepBudget:
    """A process step's budget in working hours; steps sharing `parallel_group` run together."""

    order: int
    hours: int
    parallel_group: str | None = None


def step_due_moments(
    calendar: WorkCalendar, *, start_at: datetime, steps: Iterable[StepBudget]
) -> dict[int, datetime]:
    """Internal due moment of each step (by `order`), steps run in order; consecutive steps
    of one parallel group start together and the group ends with its longest step.

    Raises InvalidStepBudgetError for a budget that is not a whole number ≥ 1.
    """
    ordered = sorted(steps, key=lambda step: step.order)
    moments: dict[int, datetime] = {}
    cursor = start_at
    index = 0
    while index < len(ordered):
        group = [ordered[index]]
        if ordered[index].parallel_group:
            while (
                index + len(group) < len(ordered)
                and ordered[index + len(group)].parallel_group == ordered[index].parallel_group
            ):
                group.append(ordered[index + len(group)])
        group_end = cursor
        for step in group:
            if isinstance(step.hours, bool) or not isinstance(step.hours, int) or step.hours < 1:
                raise InvalidStepBudgetError(order=step.order, hours=step.hours)
            moments[step.order] = add_duration(
                calendar, cursor, Duration(step.hours, Unit.WORKING_HOURS)
            )
            group_end = max(group_end, moments[step.order])
        cursor = group_end
        index += len(group)
    return moments
