"""The calendar API: /api/v1/calendar/{year}, /api/v1/deadlines/due, calendar days."""

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEntry
from motcua.deadlines.tests.factories import make_province
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment

pytestmark = pytest.mark.django_db


def test_calendar_year_lists_days_off_and_make_up_days(client: Client) -> None:
    response = client.get("/api/v1/calendar/2026", {"province": "national"})
    assert response.status_code == 200
    body = response.json()
    assert [(day["date"], day["kind"]) for day in body["days"][:3]] == [
        ("2026-01-01", "off"),
        ("2026-01-02", "off"),
        ("2026-01-10", "work"),
    ]
    assert body["days"][-1] == {
        "date": "2026-11-24",
        "kind": "off",
        "reason": "Ngày Văn hóa Việt Nam",
        "legal_reference": "Ngày nghỉ mới từ 2026; cần đối chiếu văn bản",
        "confirmed": False,
        "source": "overlay",
    }
    assert body["office_hours"][0]["periods"] == ["07:00-11:30", "13:30-17:00"]


def test_calendar_year_outside_the_range_is_a_400_with_code(client: Client) -> None:
    response = client.get("/api/v1/calendar/1800")
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_year"


def test_due_by_get(client: Client) -> None:
    response = client.get(
        "/api/v1/deadlines/due",
        {"received_at": "2025-01-24T10:00", "value": 3, "unit": "working_days"},
    )
    assert response.status_code == 200
    assert response.json()["due_at"] == "2025-02-05T10:00:00+07:00"


def test_due_by_post_with_a_supplement(client: Client) -> None:
    payload = {
        "received_at": "2025-03-03T10:00",
        "value": 5,
        "unit": "working_days",
        "supplement_requested_at": "2025-03-04T10:00",
        "supplement_received_at": "2025-03-10T14:00",
        "supplement_policy": "pause",
    }
    response = client.post("/api/v1/deadlines/due", payload, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["due_at"] == "2025-03-14T14:00:00+07:00"
    assert response.json()["supplement_policy"] == "pause"


def test_due_reports_when_the_clock_started(client: Client) -> None:
    response = client.get(
        "/api/v1/deadlines/due",
        {"received_at": "2025-03-03T12:15", "value": 1, "unit": "working_days"},
    )
    assert response.json()["clock_started_at"] == "2025-03-03T13:30:00+07:00"
    assert response.json()["due_at"] == "2025-03-04T11:30:00+07:00"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"received_at": "2025-01-24T10:00", "value": 3, "unit": "weeks"}, "unknown_unit"),
        (
            {"received_at": "2025-01-24T10:00", "value": -3, "unit": "working_days"},
            "negative_duration",
        ),
        ({"received_at": "24/01/2025", "value": 3, "unit": "working_days"}, "malformed_moment"),
        (
            {"received_at": "2100-12-20T10:00", "value": 30, "unit": "working_days"},
            "out_of_calendar_range",
        ),
    ],
)
def test_due_refuses_bad_input_with_a_code(
    client: Client, params: dict[str, Any], code: str
) -> None:
    response = client.get("/api/v1/deadlines/due", params)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_due_without_required_fields_is_a_422(client: Client) -> None:
    response = client.post("/api/v1/deadlines/due", {}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_openapi_documents_the_calendar_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/calendar/{year}", "/api/v1/deadlines/due", "/api/v1/calendar/days"} <= set(
        paths
    )


def test_adding_a_day_needs_a_signed_in_user(client: Client) -> None:
    response = client.post(
        "/api/v1/calendar/days",
        {"date": "2025-03-05", "kind": "off", "reason": "Nghỉ"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_adding_a_day_is_refused_to_an_officer(client: Client) -> None:
    client.force_login(User.objects.create_user("officer", password="x"))
    response = client.post(
        "/api/v1/calendar/days",
        {"date": "2025-03-05", "kind": "off", "reason": "Nghỉ", "province": "national"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "calendar_permission_denied"


def test_province_admin_adds_a_provincial_day(client: Client) -> None:
    # given
    make_province("56")
    admin = User.objects.create_user("admin56", password="x")
    RoleAssignment.objects.create(user=admin, role=Role.PROVINCE_ADMIN)
    client.force_login(admin)
    # when
    response = client.post(
        "/api/v1/calendar/days",
        {"date": "2025-03-05", "kind": "off", "reason": "Lễ hội", "province": "56"},
        content_type="application/json",
    )
    # then
    assert response.status_code == 200
    assert response.json()["changes"] == []
    assert AuditEntry.objects.get(action="deadlines.calendar_day_added").actor == admin
    days = client.get("/api/v1/calendar/2025", {"province": "56"}).json()["days"]
    assert {"2025-03-05"} <= {day["date"] for day in days}


def test_superuser_removes_a_national_day_and_a_make_up_weekday_is_refused(client: Client) -> None:
    client.force_login(User.objects.create_superuser("root", password="x"))
    refused = client.post(
        "/api/v1/calendar/days",
        {"date": "2025-03-05", "kind": "work", "reason": "Làm bù", "province": "national"},
        content_type="application/json",
    )
    removed = client.delete("/api/v1/calendar/days/2025-05-02?province=national")
    assert refused.status_code == 400
    assert refused.json()["code"] == "make_up_day_on_weekday"
    assert removed.status_code == 200


def test_calendar_year_reads_two_rows_once_compiled(
    client: Client, django_assert_num_queries
) -> None:
    client.get("/api/v1/calendar/2026")
    with django_assert_num_queries(2):
        assert client.get("/api/v1/calendar/2026").status_code == 200
