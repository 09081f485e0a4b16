"""The demo step loads the calendars and is idempotent."""

from io import StringIO

import pytest

from motcua.audit.models import AuditEntry
from motcua.deadlines import demo
from motcua.deadlines.models import CalendarDay, ProvinceCalendar
from motcua.deadlines.tests.factories import make_province

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_gives_the_province_its_calendar() -> None:
    # given
    make_province("56")
    CalendarDay.objects.all().delete()
    # when
    demo.load(out=StringIO().write)
    rows = (
        CalendarDay.objects.count(),
        ProvinceCalendar.objects.count(),
        AuditEntry.objects.count(),
    )
    demo.load(out=StringIO().write)
    # then
    assert rows == (
        CalendarDay.objects.count(),
        ProvinceCalendar.objects.count(),
        AuditEntry.objects.count(),
    )
    assert rows[0] == 28
    assert ProvinceCalendar.objects.filter(province__code="56").exists()


def test_demo_without_the_province_uses_the_national_calendar() -> None:
    lines: list[str] = []
    demo.load(out=lines.append)
    assert any("national calendar" in line for line in lines)
