"""The slow reference: step through the calendar day by day, reading the spec directly.

It shares no code with the compiled calendar beyond `CalendarSpec`, so tests use it as an
oracle and the benchmark as the baseline.
"""

from datetime import datetime, timedelta

from motcua.deadlines.engine.calendar_model import CalendarSpec
from motcua.deadlines.engine.timebase import to_vietnam

MAX_STEPS = 366 * 200


def _day_periods(spec: CalendarSpec, moment: datetime) -> list[tuple[datetime, datetime]]:
    day = moment.date()
    if not spec.is_working_day(day):
        return []
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        (midnight + timedelta(seconds=start), midnight + timedelta(seconds=end))
        for start, end in spec.office_hours_on(day).periods
    ]


def _next_midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0) + timedelta(days=1)


def add_working_seconds_stepping(spec: CalendarSpec, start: datetime, seconds: int) -> datetime:
    """Reference for `WorkCalendar.add_working_seconds`."""
    cursor = to_vietnam(start).replace(microsecond=0)
    remaining = seconds
    for _ in range(MAX_STEPS):
        for period_start, period_end in _day_periods(spec, cursor):
            begin = max(period_start, cursor)
            if begin >= period_end:
                continue
            available = int((period_end - begin).total_seconds())
            if remaining == 0:
                return begin
            if remaining <= available:
                return begin + timedelta(seconds=remaining)
            remaining -= available
        cursor = _next_midnight(cursor)
    raise ValueError("no working time found within 200 years")


def working_seconds_between_stepping(spec: CalendarSpec, start: datetime, end: datetime) -> int:
    """Reference for `WorkCalendar.working_seconds_between`."""
    if end < start:
        return -working_seconds_between_stepping(spec, end, start)
    cursor = to_vietnam(start).replace(microsecond=0)
    end = to_vietnam(end).replace(microsecond=0)
    total = 0
    while cursor.date() <= end.date():
        for period_start, period_end in _day_periods(spec, cursor):
            begin, finish = max(period_start, cursor), min(period_end, end)
            if finish > begin:
                total += int((finish - begin).total_seconds())
        cursor = _next_midnight(cursor)
    return total
