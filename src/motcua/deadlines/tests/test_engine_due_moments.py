"""Due moments over the real 2025 and 2026 civil-service calendars (table-driven)."""

import pytest

from motcua.deadlines.engine import Duration, due_at, format_moment, parse_moment
from motcua.deadlines.tests.calendars import official_calendar

# (received at, value, unit, expected due moment, what the case shows)
CASES = [
    ("2025-01-24T10:00", 3, "working_days", "2025-02-05T10:00", "Tết 2025 block, CLI contract"),
    ("2025-01-24T10:00", 1, "working_days", "2025-02-03T10:00", "Tết 2025: next day is 3 Feb"),
    ("2025-03-03T10:00", 1, "working_days", "2025-03-04T10:00", "10:00 -> 10:00 next day"),
    ("2025-03-03T12:15", 1, "working_days", "2025-03-04T11:30", "lunch receipt -> 11:30"),
    ("2025-03-03T17:30", 1, "working_days", "2025-03-04T17:00", "evening receipt -> 17:00"),
    ("2025-02-27T19:00", 1, "working_days", "2025-02-28T17:00", "evening receipt"),
    ("2025-04-25T10:00", 1, "working_days", "2025-04-26T10:00", "make-up Saturday 26 Apr 2025"),
    ("2025-04-26T09:00", 4, "working_hours", "2025-04-26T15:00", "receipt on a make-up Saturday"),
    ("2025-04-27T09:00", 1, "working_days", "2025-04-28T17:00", "Sunday receipt"),
    ("2025-04-29T10:00", 1, "working_days", "2025-05-05T10:00", "30 Apr, 1 May, swapped 2 May"),
    ("2025-04-29T10:00", 2, "working_days", "2025-05-06T10:00", "30 Apr - 4 May block"),
    ("2025-04-04T10:00", 1, "working_days", "2025-04-08T10:00", "Hùng Kings 7 Apr 2025"),
    ("2025-08-29T10:00", 1, "working_days", "2025-09-03T10:00", "National Day 1-2 Sep 2025"),
    ("2025-12-31T16:00", 1, "working_days", "2026-01-05T16:00", "1 Jan and swapped 2 Jan 2026"),
    ("2026-01-09T17:30", 1, "working_days", "2026-01-10T17:00", "make-up Saturday 10 Jan 2026"),
    ("2026-02-13T14:00", 2, "working_days", "2026-02-24T14:00", "Tết 2026 block 14-22 Feb"),
    ("2026-02-14T20:00", 8, "working_hours", "2026-02-23T17:00", "online dossier during Tết"),
    ("2026-04-24T10:00", 1, "working_days", "2026-04-28T10:00", "compensatory Mon 27 Apr 2026"),
    ("2026-04-29T12:15", 1, "working_days", "2026-05-04T11:30", "lunch receipt before 30 Apr"),
    ("2026-08-31T10:00", 1, "working_days", "2026-09-03T10:00", "National Day 2026 (default)"),
    ("2026-11-23T10:00", 1, "working_days", "2026-11-25T10:00", "24 Nov 2026 (unconfirmed)"),
    ("2026-01-19T09:00", 30, "calendar_days", "2026-02-23T09:00", "calendar days end in Tết"),
    ("2025-12-31T10:00", 10, "calendar_days", "2026-01-10T10:00", "lands on a make-up Saturday"),
    ("2025-03-01T10:00", 7, "calendar_days", "2025-03-10T10:00", "lands on a Saturday"),
    ("2026-01-31T10:00", 1, "months", "2026-03-02T10:00", "31 Jan + 1 month: 28 Feb, Sat"),
    ("2026-03-16T10:00", 1, "months", "2026-04-16T10:00", "same day of month"),
    ("2025-04-02T09:00", 1, "months", "2025-05-05T09:00", "lands on swapped 2 May 2025"),
    ("2025-03-03T10:00", 0, "working_days", "2025-03-03T10:00", "zero: the clock start"),
    ("2025-03-03T18:00", 0, "working_hours", "2025-03-04T07:00", "zero: the next opening"),
]


@pytest.mark.parametrize(
    ("received", "value", "unit", "expected", "case"), CASES, ids=[case[4] for case in CASES]
)
def test_due_moment_follows_the_official_calendar(
    received: str, value: int, unit: str, expected: str, case: str
) -> None:
    # given
    calendar = official_calendar()
    # when
    due = due_at(calendar, received_at=parse_moment(received), duration=Duration(value, unit))
    # then
    assert format_moment(due) == parse_moment(expected).isoformat()


def test_receipt_in_another_time_zone_is_read_as_the_same_instant() -> None:
    # given: 03:00 UTC is 10:00 in Vietnam
    received = parse_moment("2025-01-24T03:00:00+00:00")
    # when
    due = due_at(official_calendar(), received_at=received, duration=Duration(3, "working_days"))
    # then
    assert format_moment(due) == "2025-02-05T10:00:00+07:00"
