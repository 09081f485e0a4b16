"""The compiled calendar of a province: national default, provincial overrides, caching."""

from datetime import date

import pytest

from motcua.deadlines.queries import get_work_calendar
from motcua.deadlines.services import add_calendar_day, set_office_hours
from motcua.deadlines.tests.factories import make_province

pytestmark = pytest.mark.django_db


def test_a_province_without_its_own_rows_gets_the_national_calendar() -> None:
    make_province("56")
    calendar = get_work_calendar(province="56")
    assert not calendar.is_working_day(date(2025, 1, 27))
    assert calendar.is_working_day(date(2025, 4, 26))


def test_an_unknown_province_code_gets_the_national_calendar() -> None:
    assert get_work_calendar(province="99").spec.name == get_work_calendar().spec.name


def test_province_overrides_win_on_their_dates_and_inherit_the_rest() -> None:
    # given
    unit = make_province("56")
    add_calendar_day(actor=None, on=date(2025, 6, 6), kind="off", reason="Lễ hội", province=unit)
    set_office_hours(
        actor=None,
        effective_from=date(2025, 1, 1),
        periods=["07:30-11:30", "13:30-17:30"],
        province=unit,
    )
    # when
    calendar = get_work_calendar(province=unit)
    # then
    assert not calendar.is_working_day(date(2025, 6, 6))
    assert not calendar.is_working_day(date(2025, 1, 27))
    assert calendar.spec.office_hours_on(date(2025, 6, 9)).describe() == [
        "07:30-11:30",
        "13:30-17:30",
    ]


def test_compiled_calendar_is_reused_until_the_calendar_changes(django_assert_num_queries) -> None:
    # given
    first = get_work_calendar()
    # when: nothing changed, two small reads and no recompilation
    with django_assert_num_queries(1):
        again = get_work_calendar()
    # then
    assert again is first
    add_calendar_day(actor=None, on=date(2025, 3, 5), kind="off", reason="Nghỉ")
    assert get_work_calendar() is not first
    assert not get_work_calendar().is_working_day(date(2025, 3, 5))


def test_province_calendar_reads_two_rows(django_assert_num_queries) -> None:
    make_province("56")
    get_work_calendar(province="56")
    with django_assert_num_queries(2):
        get_work_calendar(province="56")
