"""Administration pages: writes go through the audited services; the recomputation review."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.testing import sign_in_verified
from motcua.audit.models import AuditEntry
from motcua.deadlines import engine
from motcua.deadlines.models import CalendarDay, ProvinceCalendar
from motcua.deadlines.sources import (
    OpenDueMoment,
    register_due_moment_source,
    unregister_due_moment_source,
)
from motcua.deadlines.tests.factories import MemorySource

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    sign_in_verified(client, user=User.objects.create_superuser("root", password="x"))
    return client


@pytest.fixture
def source() -> Iterator[MemorySource]:
    memory = MemorySource(
        [
            OpenDueMoment(
                "HS-1",
                "Hồ sơ 1",
                None,
                engine.parse_moment("2025-03-06T10:00"),
                engine.DueComputation(
                    engine.parse_moment("2025-03-03T10:00"),
                    engine.Duration(3, engine.Unit.WORKING_DAYS),
                ),
            )
        ]
    )
    register_due_moment_source(memory)
    yield memory
    unregister_due_moment_source(memory.name)


def national() -> ProvinceCalendar:
    return ProvinceCalendar.objects.get(province__isnull=True)


def test_calendar_pages_load(admin_client: Client) -> None:
    for url in [
        "/admin/deadlines/provincecalendar/",
        f"/admin/deadlines/provincecalendar/{national().pk}/change/",
        "/admin/deadlines/calendarday/",
        "/admin/deadlines/calendarday/add/",
        "/admin/deadlines/officehours/add/",
        "/admin/deadlines/announcedyear/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_adding_a_day_in_the_admin_is_audited_and_reports_moved_due_moments(
    admin_client: Client, source: MemorySource
) -> None:
    response = admin_client.post(
        "/admin/deadlines/calendarday/add/",
        {
            "calendar": national().pk,
            "on": "2025-03-05",
            "kind": "off",
            "reason": "Nghỉ đột xuất",
            "legal_reference": "",
            "confirmed": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert CalendarDay.objects.filter(on=date(2025, 3, 5)).exists()
    assert AuditEntry.objects.filter(action="deadlines.calendar_day_added").exists()
    assert "Lịch này làm thay đổi thời hạn của 1 mục đang mở" in response.content.decode()


def test_admin_form_refuses_a_make_up_weekday(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/deadlines/calendarday/add/",
        {"calendar": national().pk, "on": "2025-03-05", "kind": "work", "reason": "Làm bù"},
    )
    assert response.status_code == 200
    assert "make-up working day" in response.content.decode()
    assert not CalendarDay.objects.filter(on=date(2025, 3, 5)).exists()


def test_review_page_applies_the_recomputation(admin_client: Client, source: MemorySource) -> None:
    # given
    admin_client.post(
        "/admin/deadlines/calendarday/add/",
        {"calendar": national().pk, "on": "2025-03-05", "kind": "off", "reason": "Nghỉ"},
    )
    url = f"/admin/deadlines/provincecalendar/{national().pk}/due-moments/"
    assert "HS-1" in admin_client.get(url).content.decode()
    # when
    admin_client.post(url, {"apply": "1", "key": ["HS-1"]})
    # then
    assert engine.format_moment(source.applied["HS-1"]) == "2025-03-07T10:00:00+07:00"
    assert AuditEntry.objects.filter(action="deadlines.due_moment_recomputed").count() == 1


def test_review_page_can_leave_the_printed_appointments(
    admin_client: Client, source: MemorySource
) -> None:
    admin_client.post(
        "/admin/deadlines/calendarday/add/",
        {"calendar": national().pk, "on": "2025-03-05", "kind": "off", "reason": "Nghỉ"},
    )
    url = f"/admin/deadlines/provincecalendar/{national().pk}/due-moments/"
    admin_client.post(url, {"leave": "1"})
    assert source.applied == {}


def test_deleting_a_day_in_the_admin_goes_through_the_service(admin_client: Client) -> None:
    day = CalendarDay.objects.get(on=date(2025, 5, 2))
    admin_client.post(f"/admin/deadlines/calendarday/{day.pk}/delete/", {"post": "yes"})
    assert not CalendarDay.objects.filter(on=date(2025, 5, 2)).exists()
    assert AuditEntry.objects.filter(action="deadlines.calendar_day_removed").exists()


def test_office_hours_version_added_in_the_admin(admin_client: Client) -> None:
    admin_client.post(
        "/admin/deadlines/officehours/add/",
        {
            "calendar": national().pk,
            "effective_from": "2026-01-01",
            "periods_text": "07:30-11:30, 13:00-17:00",
        },
    )
    assert national().office_hours.get(effective_from=date(2026, 1, 1)).periods == [
        "07:30-11:30",
        "13:00-17:00",
    ]
