"""Bad input gets a clear error with a code and both languages, never a wrong date."""

from datetime import date, datetime

import pytest

from motcua.deadlines.engine import CalendarSpec, Duration, OfficeHours, WorkCalendar, due_at
from motcua.deadlines.engine.calendar_file import parse_calendar_document
from motcua.deadlines.engine.errors import (
    DeadlineError,
    InvalidCalendarFileError,
    InvalidDurationError,
    InvalidOfficeHoursError,
    MakeUpDayOnWeekdayError,
    MalformedMomentError,
    NaiveMomentError,
    NegativeDurationError,
    OutOfCalendarRangeError,
    UnknownUnitError,
)
from motcua.deadlines.engine.timebase import parse_moment
from motcua.deadlines.tests.calendars import official_calendar


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(UnknownUnitError) as raised:
        Duration(3, "weeks")  # type: ignore[arg-type]
    assert raised.value.code == "unknown_unit"
    assert "Đơn vị" in raised.value.message_vi
    assert "Unknown duration unit" in raised.value.message_en


def test_negative_duration_is_refused() -> None:
    with pytest.raises(NegativeDurationError):
        Duration(-1, "working_days")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["3.5", "ba", "", 2.5, True, None])
def test_non_whole_duration_is_refused(value: object) -> None:
    with pytest.raises(InvalidDurationError):
        Duration.parse(value, "working_days")


@pytest.mark.parametrize("value", ["2025-13-01T10:00", "24/01/2025 10:00", "", "tomorrow"])
def test_malformed_moment_is_refused(value: str) -> None:
    with pytest.raises(MalformedMomentError):
        parse_moment(value)


def test_naive_moment_is_refused_by_the_engine() -> None:
    with pytest.raises(NaiveMomentError):
        due_at(
            official_calendar(),
            received_at=datetime(2025, 1, 24, 10, 0),
            duration=Duration(1, "working_days"),  # type: ignore[arg-type]
        )


def test_moment_outside_the_compiled_years_is_refused() -> None:
    with pytest.raises(OutOfCalendarRangeError):
        due_at(
            official_calendar(),
            received_at=parse_moment("2030-01-02T10:00"),
            duration=Duration(1, "working_days"),  # type: ignore[arg-type]
        )


def test_due_moment_past_the_compiled_years_is_refused() -> None:
    with pytest.raises(OutOfCalendarRangeError):
        due_at(
            official_calendar(),
            received_at=parse_moment("2028-12-20T10:00"),
            duration=Duration(30, "working_days"),  # type: ignore[arg-type]
        )


def test_overlapping_office_hours_are_refused() -> None:
    with pytest.raises(InvalidOfficeHoursError):
        OfficeHours.parse(date(2025, 1, 1), ["07:00-12:00", "11:30-17:00"])


@pytest.mark.parametrize("period", ["7h-11h", "17:00-07:00", "07:00"])
def test_malformed_office_hours_are_refused(period: str) -> None:
    with pytest.raises(InvalidOfficeHoursError):
        OfficeHours.parse(date(2025, 1, 1), [period])


def test_calendar_file_with_make_up_day_on_a_weekday_is_refused() -> None:
    document = {
        "format": "motcua.calendar/1",
        "days": [{"date": "2025-04-25", "kind": "work", "reason": "làm bù"}],
    }
    with pytest.raises(MakeUpDayOnWeekdayError):
        parse_calendar_document(document)


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"format": "other"}, "$.format"),
        ({"format": "motcua.calendar/1", "days": [{"date": "2025-02-30"}]}, "$.days[0].date"),
        (
            {"format": "motcua.calendar/1", "days": [{"date": "2025-02-03", "kind": "holiday"}]},
            "$.days[0].kind",
        ),
        (
            {"format": "motcua.calendar/1", "days": [{"date": "2025-02-03", "kind": "off"}]},
            "$.days[0].reason",
        ),
        (
            {"format": "motcua.calendar/1", "announced_years": [{"year": "2025"}]},
            "$.announced_years[0].year",
        ),
    ],
)
def test_calendar_file_errors_name_the_json_path(document: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidCalendarFileError) as raised:
        parse_calendar_document(document)
    assert raised.value.details["path"] == path


def test_every_engine_error_is_a_value_error_with_a_code() -> None:
    for error_type in DeadlineError.__subclasses__():
        assert issubclass(error_type, ValueError)
        assert error_type.code != DeadlineError.code


def test_calendar_compiles_for_an_empty_spec() -> None:
    calendar = WorkCalendar(CalendarSpec(), first_year=2025, last_year=2025)
    assert calendar.is_working_day(date(2025, 3, 3))
