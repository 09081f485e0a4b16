"""Properties of working-time arithmetic, checked with hypothesis over 2025-2026."""

from datetime import date, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.deadlines.engine import CalendarDay, CalendarSpec, DayKind, OfficeHours, WorkCalendar
from motcua.deadlines.engine.stepping import (
    add_working_seconds_stepping,
    working_seconds_between_stepping,
)
from motcua.deadlines.engine.timebase import VIETNAM_TIME, local_seconds
from motcua.deadlines.tests.calendars import official_calendar, official_spec

FIRST = datetime(2025, 1, 1, tzinfo=VIETNAM_TIME)
LAST = datetime(2026, 10, 31, 23, 59, tzinfo=VIETNAM_TIME)

moments = st.integers(0, int((LAST - FIRST).total_seconds())).map(
    lambda offset: FIRST + timedelta(seconds=offset)
)
# Minutes of working time from a quarter of an hour to 40 working days.
durations = st.integers(1, 40 * 8 * 4).map(lambda quarters: quarters * 900)


@settings(max_examples=300, deadline=None)
@given(start=moments, seconds=durations)
def test_due_moment_is_within_office_hours_of_a_working_day(start: datetime, seconds: int) -> None:
    due = official_calendar().add_working_seconds(start, seconds)
    assert official_calendar().is_working_moment(due)


@settings(max_examples=300, deadline=None)
@given(start=moments, first=durations, second=durations)
def test_adding_a_then_b_equals_adding_a_plus_b(start: datetime, first: int, second: int) -> None:
    calendar = official_calendar()
    stepwise = calendar.add_working_seconds(calendar.add_working_seconds(start, first), second)
    assert stepwise == calendar.add_working_seconds(start, first + second)


@settings(max_examples=300, deadline=None)
@given(start=moments, seconds=durations)
def test_working_time_from_receipt_to_due_moment_equals_the_duration(
    start: datetime, seconds: int
) -> None:
    calendar = official_calendar()
    due = calendar.add_working_seconds(start, seconds)
    assert calendar.working_seconds_between(start, due) == seconds


@settings(max_examples=200, deadline=None)
@given(start=moments, seconds=st.integers(0, 30 * 8 * 3600))
def test_compiled_calendar_agrees_with_stepping_day_by_day(start: datetime, seconds: int) -> None:
    start = start.replace(second=0)
    assert official_calendar().add_working_seconds(start, seconds) == (
        add_working_seconds_stepping(official_spec(), start, seconds)
    )


@settings(max_examples=200, deadline=None)
@given(start=moments, end=moments)
def test_working_time_between_agrees_with_stepping(start: datetime, end: datetime) -> None:
    assert official_calendar().working_seconds_between(start, end) == (
        working_seconds_between_stepping(official_spec(), start, end)
    )


def irregular_calendar() -> WorkCalendar:
    """Three periods, an office-hours change mid-year and a make-up Sunday: padding is used."""
    spec = CalendarSpec(
        name="irregular",
        days=(CalendarDay(date(2025, 6, 8), DayKind.WORK, "làm bù Chủ nhật"),),
        office_hours=(
            OfficeHours.parse(date(2025, 1, 1), ["07:00-11:30", "13:30-17:00"]),
            OfficeHours.parse(date(2025, 6, 1), ["07:30-09:00", "09:15-11:45", "13:00-17:15"]),
        ),
    )
    return WorkCalendar(spec, first_year=2025, last_year=2026)


IRREGULAR = irregular_calendar()


@settings(max_examples=200, deadline=None)
@given(start=moments, seconds=st.integers(0, 20 * 8 * 3600))
def test_irregular_office_hours_agree_with_stepping(start: datetime, seconds: int) -> None:
    start = start.replace(year=2025) if start.year == 2026 and start.month > 6 else start
    assert IRREGULAR.add_working_seconds(start, seconds) == add_working_seconds_stepping(
        IRREGULAR.spec, start, seconds
    )


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(moments, min_size=1, max_size=50),
    amounts=st.lists(st.integers(0, 30 * 8 * 3600), min_size=50, max_size=50),
)
def test_batch_path_gives_exactly_the_scalar_results(
    starts: list[datetime], amounts: list[int]
) -> None:
    for calendar in (official_calendar(), IRREGULAR):
        chosen = [start.replace(year=2025) for start in starts]
        seconds = amounts[: len(chosen)]
        batch = calendar.add_working_seconds_batch(
            np.array([epoch(start) for start in chosen]), np.array(seconds)
        )
        scalar = [
            epoch(calendar.add_working_seconds(s, n)) for s, n in zip(chosen, seconds, strict=True)
        ]
        assert batch.tolist() == scalar


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(moments, min_size=1, max_size=50),
    ends=st.lists(moments, min_size=50, max_size=50),
)
def test_batch_working_time_between_gives_the_scalar_results(
    starts: list[datetime], ends: list[datetime]
) -> None:
    calendar = official_calendar()
    chosen = ends[: len(starts)]
    batch = calendar.working_seconds_between_batch(
        np.array([epoch(moment) for moment in starts]),
        np.array([epoch(moment) for moment in chosen]),
    )
    scalar = [calendar.working_seconds_between(a, b) for a, b in zip(starts, chosen, strict=True)]
    assert batch.tolist() == scalar


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(moments, min_size=1, max_size=50),
    days=st.lists(st.integers(0, 120), min_size=50, max_size=50),
)
def test_batch_calendar_days_give_the_scalar_results(
    starts: list[datetime], days: list[int]
) -> None:
    calendar = official_calendar()
    chosen = days[: len(starts)]
    batch = calendar.add_calendar_days_batch(
        np.array([epoch(moment) for moment in starts]), np.array(chosen)
    )
    scalar = [epoch(calendar.add_calendar_days(s, n)) for s, n in zip(starts, chosen, strict=True)]
    assert batch.tolist() == scalar


def test_local_seconds_round_trip() -> None:
    moment = datetime(2025, 1, 24, 10, 0, tzinfo=VIETNAM_TIME)
    assert local_seconds(moment) % 86400 == 10 * 3600
