"""Statutory rules (Labor Code 2019 Art. 111-112), lunar dates and the calendar overlay."""

from datetime import date

import pytest
import vnlunar

from motcua.deadlines.engine import CalendarDay, CalendarSpec, DayKind, WorkCalendar
from motcua.deadlines.engine.errors import MakeUpDayOnWeekdayError
from motcua.deadlines.engine.rules import lunar_new_year, lunar_to_solar
from motcua.deadlines.tests.calendars import official_calendar, rules_only_calendar

KNOWN_TET = [
    (2020, date(2020, 1, 25)),
    (2021, date(2021, 2, 12)),
    (2022, date(2022, 2, 1)),
    (2023, date(2023, 1, 22)),
    (2024, date(2024, 2, 10)),
    (2025, date(2025, 1, 29)),
    (2026, date(2026, 2, 17)),
    (2027, date(2027, 2, 6)),
    (2028, date(2028, 1, 26)),
]


@pytest.mark.parametrize(("year", "expected"), KNOWN_TET)
def test_lunar_new_year_is_computed_for_vietnam(year: int, expected: date) -> None:
    assert lunar_new_year(year) == expected


@pytest.mark.parametrize(
    ("year", "expected"), [(2025, date(2025, 4, 7)), (2026, date(2026, 4, 26))]
)
def test_hung_kings_day_is_the_10th_of_the_3rd_lunar_month(year: int, expected: date) -> None:
    assert lunar_to_solar(10, 3, year) == expected


def test_lunar_tables_agree_with_the_utc7_astronomical_algorithm() -> None:
    # vnlunar reads Hồ Ngọc Đức's tables; his algorithm at UTC+7 must give the same days.
    for year in range(2000, 2101):
        for day, month in [(1, 1), (10, 3)]:
            table = vnlunar.convert_lunar_to_solar(day, month, year, 0)
            computed = vnlunar.convert_lunar_to_solar(day, month, year, 0, 7.0)
            assert table == computed, (year, day, month)


def off_days(calendar: WorkCalendar, year: int) -> dict[date, str]:
    return {status.on: status.reason for status in calendar.exceptions(year) if not status.working}


def test_default_tet_placement_is_the_eve_and_four_days_matching_2026() -> None:
    # given: no notice for 2026 (rules only)
    found = off_days(rules_only_calendar(), 2026)
    # then: 16-20 Feb, as the 2026 notice placed them
    assert [on for on in found if on.month == 2] == [date(2026, 2, day) for day in range(16, 21)]


def test_tet_days_on_a_weekend_give_compensatory_days_after_the_block() -> None:
    # given: Tết 2027 is Saturday 6 Feb; 6 and 7 Feb fall on the weekend
    found = off_days(rules_only_calendar(), 2027)
    # then
    assert [on for on in found if on.month == 2] == [
        date(2027, 2, 5),
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 2, 11),
    ]
    assert found[date(2027, 2, 10)].startswith("Nghỉ bù")


@pytest.mark.parametrize(
    ("year", "adjacent"),
    [
        (2021, date(2021, 9, 3)),  # 2 Sep on Thursday
        (2022, date(2022, 9, 1)),  # Friday
        (2023, date(2023, 9, 1)),  # Saturday
        (2024, date(2024, 9, 3)),  # Monday
        (2025, date(2025, 9, 1)),  # Tuesday
        (2026, date(2026, 9, 1)),  # Wednesday (unconfirmed default)
    ],
)
def test_default_day_adjacent_to_national_day(year: int, adjacent: date) -> None:
    assert adjacent in off_days(rules_only_calendar(), year)


def test_a_holiday_on_sunday_gives_the_next_monday_off() -> None:
    # given: Hùng Kings 2026 is Sunday 26 Apr
    found = off_days(rules_only_calendar(), 2026)
    # then
    assert date(2026, 4, 27) in found


def test_national_day_on_saturday_gives_monday_off() -> None:
    # given: 2 Sep 2023 is a Saturday, the adjacent day is Friday 1 Sep
    found = off_days(rules_only_calendar(), 2023)
    # then
    assert {date(2023, 9, 1), date(2023, 9, 4)} <= set(found)


def test_culture_day_applies_from_2026_and_is_unconfirmed() -> None:
    calendar = rules_only_calendar()
    assert date(2025, 11, 24) not in off_days(calendar, 2025)
    status = calendar.day_status(date(2027, 11, 24))
    assert not status.working
    assert not status.confirmed


def test_an_announced_year_takes_movable_days_from_the_notice_only() -> None:
    # given: by the rules, Tết 2025 (Wed 29 Jan) gives 28 Jan - 1 Feb and Monday 3 Feb off
    assert not rules_only_calendar().is_working_day(date(2025, 2, 3))
    # then: the 2025 notice placed Tết on 27-31 Jan, so 3 Feb is a working day
    assert official_calendar().is_working_day(date(2025, 2, 3))
    assert not official_calendar().is_working_day(date(2025, 1, 27))


def test_an_announced_year_keeps_the_fixed_holidays_of_the_law() -> None:
    # given: a notice for 2027 that forgets 30 April
    spec = CalendarSpec(announced_years=frozenset({2027}))
    # then
    assert not WorkCalendar(spec, first_year=2027, last_year=2027).is_working_day(date(2027, 4, 30))


def test_a_make_up_day_on_a_weekday_is_refused() -> None:
    entry = CalendarDay(date(2025, 4, 25), DayKind.WORK, "làm bù")
    with pytest.raises(MakeUpDayOnWeekdayError) as raised:
        CalendarSpec(days=(entry,))
    assert raised.value.code == "make_up_day_on_weekday"
    assert "Friday" in str(raised.value)


def test_calendar_show_2026_lists_weekdays_off_and_working_weekend_days() -> None:
    lines = [
        f"{status.on} {'work' if status.working else 'off'}"
        for status in official_calendar().exceptions(2026)
    ]
    assert lines == [
        "2026-01-01 off",
        "2026-01-02 off",
        "2026-01-10 work",
        "2026-02-16 off",
        "2026-02-17 off",
        "2026-02-18 off",
        "2026-02-19 off",
        "2026-02-20 off",
        "2026-04-27 off",
        "2026-04-30 off",
        "2026-05-01 off",
        "2026-09-01 off",
        "2026-09-02 off",
        "2026-11-24 off",
    ]


def test_2025_calendar_has_the_make_up_saturday_and_the_swapped_friday() -> None:
    statuses = {status.on: status for status in official_calendar().exceptions(2025)}
    assert statuses[date(2025, 4, 26)].working
    assert not statuses[date(2025, 5, 2)].working
    assert sorted(statuses) == [
        date(2025, 1, 1),
        *[date(2025, 1, day) for day in range(27, 32)],
        date(2025, 4, 7),
        date(2025, 4, 26),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 9, 1),
        date(2025, 9, 2),
    ]
