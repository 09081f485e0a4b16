"""Every due moment of a dossier, computed by the deadlines app's engine and calendar.

Nothing here adds days by itself: receipt due moments, the online intake window, step due
moments from hour budgets, the supplement (restart or pause), the extension check and the
on-time classes all come from `motcua.deadlines`. `DossierDueMoments` is the dossiers' source in
the deadlines registry: a calendar change lists and recomputes open dossiers' due moments.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from time import monotonic
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.core.clock import VIETNAM, to_local
from motcua.deadlines import engine
from motcua.deadlines.queries import get_work_calendar
from motcua.deadlines.sources import OpenDueMoment

# Decree 118/2025 Art. 17.2: an online dossier is looked at within 2 hours and accepted or
# returned within 8 working hours.
INTAKE_ALERT_HOURS = 2
INTAKE_WORKING_HOURS = 8
# Decree 118/2025 Art. 19.5: a supplement is asked within 3 working days of receipt.
SUPPLEMENT_REQUEST_WORKING_DAYS = 3
# Decree 118/2025 Art. 19.6: an extension is asked at least 1 working day before due.
EXTENSION_NOTICE_WORKING_DAYS = 1


# The deadlines app checks its calendars' revisions on every call (two queries); dossiers ask
# for the calendar on every act, so the answer is kept a few seconds. A calendar change reaches
# new acts within that time; due moments already stored follow it through the registry.
CALENDAR_KEPT_SECONDS = 5
_calendar: list[tuple[float, engine.WorkCalendar]] = []


def work_calendar() -> engine.WorkCalendar:
    """The compiled working calendar of this deployment's province."""
    if not settings.DOSSIERS_CATALOG_CACHE:
        return get_work_calendar(province=settings.PROVINCE_CODE)
    moment = monotonic()
    if _calendar and _calendar[0][0] > moment:
        return _calendar[0][1]
    calendar = get_work_calendar(province=settings.PROVINCE_CODE)
    _calendar[:] = [(moment + CALENDAR_KEPT_SECONDS, calendar)]
    return calendar


def forget_calendar() -> None:
    _calendar.clear()


def duration(*, value: int, unit: str) -> engine.Duration:
    return engine.Duration(value, engine.Unit(unit))


def receipt_due_at(
    calendar: engine.WorkCalendar, *, received_at: datetime, value: int, unit: str
) -> datetime:
    """Decree 118/2025 Art. 17.3: the time counts from the receipt of a complete dossier."""
    return engine.due_at(
        calendar, received_at=received_at, duration=duration(value=value, unit=unit)
    )


def intake_due_at(calendar: engine.WorkCalendar, *, submitted_at: datetime) -> datetime:
    """The end of the 8 working hours an online dossier may wait for intake (Art. 17.2)."""
    return engine.add_duration(
        calendar, submitted_at, engine.Duration(INTAKE_WORKING_HOURS, engine.Unit.WORKING_HOURS)
    )


# Decree 118/2025 Art. 18: a paper dossier reaches the processing unit the same working day,
# or the next morning when received after 15:00.
PAPER_TRANSFER_CUTOFF = time(15, 0)


def paper_transfer_due_at(calendar: engine.WorkCalendar, *, received_at: datetime) -> datetime:
    """When a dossier received on paper (counter, post) must have reached the processing unit:
    the end of the day's office hours if received on a working day before 15:00, otherwise the
    end of the next working day's morning period."""
    local = to_local(received_at)
    if calendar.is_working_day(local.date()) and local.time() < PAPER_TRANSFER_CUTOFF:
        return _clock_on(local.date(), calendar.spec.office_hours_on(local.date()).periods[-1][1])
    # The day after the receipt (a date, not a duration): the calendar finds the working day.
    following = calendar.next_working_day(local.date() + timedelta(days=1))
    return _clock_on(following, calendar.spec.office_hours_on(following).periods[0][1])


def _clock_on(day: date, seconds: int) -> datetime:
    return datetime.combine(day, time(seconds // 3600, seconds % 3600 // 60), tzinfo=VIETNAM)


def working_seconds_between(calendar: engine.WorkCalendar, start: datetime, end: datetime) -> int:
    return calendar.working_seconds_between(start, end)


def is_supplement_request_late(
    calendar: engine.WorkCalendar, *, received_at: datetime, requested_at: datetime
) -> bool:
    """More than 3 working days after receipt (Art. 19.5): allowed, but flagged."""
    limit = engine.Duration(SUPPLEMENT_REQUEST_WORKING_DAYS, engine.Unit.WORKING_DAYS)
    return calendar.working_seconds_between(received_at, requested_at) > limit.working_seconds


def supplement_wait_until(calendar: engine.WorkCalendar, *, requested_at: datetime) -> datetime:
    """When a dossier still without its supplement is stopped (Art. 19.5: 15 days)."""
    value, unit = settings.DOSSIERS_SUPPLEMENT_WAIT
    return engine.add_duration(calendar, requested_at, engine.Duration(value, engine.Unit(unit)))


def due_after_supplement(
    calendar: engine.WorkCalendar,
    *,
    received_at: datetime,
    value: int,
    unit: str,
    requested_at: datetime,
    supplied_at: datetime,
    policy: str,
) -> datetime:
    """The due moment once the supplement arrived: restart or pause, as the variant says."""
    return engine.due_at(
        calendar,
        received_at=received_at,
        duration=duration(value=value, unit=unit),
        supplement=engine.Supplement(
            requested_at, supplied_at, engine.parse_supplement_policy(policy)
        ),
    )


def step_due_moments(
    calendar: engine.WorkCalendar, *, start_at: datetime, steps: Iterable[tuple[int, int, str]]
) -> dict[int, datetime]:
    """Due moment of each (order, hours, parallel group) step when the steps start at `start_at`."""
    budgets = [engine.StepBudget(order, hours, group or None) for order, hours, group in steps]
    return engine.step_due_moments(calendar, start_at=start_at, steps=budgets)


def add_working_hours(calendar: engine.WorkCalendar, start: datetime, hours: int) -> datetime:
    return engine.add_duration(calendar, start, engine.Duration(hours, engine.Unit.WORKING_HOURS))


def timeliness(*, due_at: datetime | None, finished_at: datetime | None) -> str | None:
    """`early`, `on_time` or `late` for something finished; None while open or without a due."""
    if due_at is None or finished_at is None:
        return None
    return engine.classify_finished(due_at=due_at, finished_at=finished_at).value


def progress(calendar: engine.WorkCalendar, *, due_at: datetime, at: datetime) -> str:
    """`within_time`, `approaching` (≤ 1 working day left) or `overdue`."""
    return engine.classify_in_progress(calendar, due_at=due_at, at=at).value


def computation_of(dossier: Any) -> engine.DueComputation:
    """What the dossier's due moment depends on (receipt, duration, the supplement if any)."""
    supplement = None
    if dossier.supplement_requested_at and dossier.supplement_received_at:
        supplement = engine.Supplement(
            dossier.supplement_requested_at,
            dossier.supplement_received_at,
            engine.parse_supplement_policy(dossier.supplement_policy),
        )
    return engine.DueComputation(
        received_at=dossier.received_at,
        duration=duration(value=dossier.processing_time_value, unit=dossier.processing_time_unit),
        supplement=supplement,
    )


class DossierDueMoments:
    """The dossiers' source in `deadlines.sources`: open dossiers whose due moment follows from
    the calendar. Extended dossiers keep the date they were given (Art. 19.6); dossiers waiting
    for a supplement have no running clock and are left out too."""

    name = "dossiers"
    RECOMPUTED_STATUSES: Sequence[str] = ("received", "processing", "awaiting_payment")

    def list_open_due_moments(self, *, province_code: str | None) -> Iterator[OpenDueMoment]:
        from motcua.dossiers.models import Dossier

        if province_code not in (None, settings.PROVINCE_CODE):
            return
        dossiers = Dossier.objects.filter(
            status__in=self.RECOMPUTED_STATUSES, extensions=0, due_at__isnull=False
        ).only(
            "code",
            "status",
            "revision",
            "received_at",
            "due_at",
            "processing_time_value",
            "processing_time_unit",
            "supplement_policy",
            "supplement_requested_at",
            "supplement_received_at",
        )
        for dossier in dossiers.iterator(chunk_size=2000):
            assert dossier.due_at is not None
            yield OpenDueMoment(
                key=dossier.code,
                label=dossier.code,
                province_code=settings.PROVINCE_CODE,
                due_at=dossier.due_at,
                computation=computation_of(dossier),
            )

    def apply_due_moment(self, *, key: str, due_at: datetime, actor: Any) -> None:
        from motcua.dossiers.services.recording import move_due_moment

        with transaction.atomic():
            move_due_moment(code=key, due_at=due_at, actor=actor)
