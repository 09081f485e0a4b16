"""API endpoints for the working calendar and due moments.

GET  /api/v1/calendar/{year}       days off and make-up days of a year, with office hours
POST /api/v1/calendar/days         add or change a day (calendar administrators)
DELETE /api/v1/calendar/days/{on}  remove a day (calendar administrators)
GET|POST /api/v1/deadlines/due     the due moment of a receipt (the CLI's `deadline due`)

Bad input answers 400 with `{"code", "message", "details"}` (codes from deadlines.errors).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.security import django_auth

from motcua.api.errors import ApiError
from motcua.deadlines import engine
from motcua.deadlines.engine.errors import DeadlineError, IncompleteSupplementError
from motcua.deadlines.permissions import can_change_calendar
from motcua.deadlines.queries import DueMomentChange, get_work_calendar
from motcua.deadlines.services import add_calendar_day, remove_calendar_day

router = Router(tags=["calendar"])

NATIONAL = "national"


@contextmanager
def _refusals() -> Iterator[None]:
    """Turn engine and service errors into 400 JSON answers, never a 500 page."""
    try:
        yield
    except DeadlineError as error:
        details = {key: str(value) for key, value in error.details.items()}
        raise ApiError(error.code, error.message, status=400, details=details or None) from None


def _province(value: str | None) -> str | None:
    chosen = value or settings.PROVINCE_CODE
    return None if chosen == NATIONAL else chosen


class CalendarDayOut(Schema):
    date: date
    kind: Literal["off", "work"]
    reason: str
    legal_reference: str
    confirmed: bool
    source: str


class OfficeHoursOut(Schema):
    effective_from: date
    periods: list[str]


class CalendarYearOut(Schema):
    year: int
    province: str | None
    calendar: str
    days: list[CalendarDayOut]
    office_hours: list[OfficeHoursOut]


@router.get(
    "/calendar/{int:year}",
    response=CalendarYearOut,
    summary="Weekdays off and working weekend days of a year",
    description=(
        "Every weekday that is not worked and every weekly rest day that is (make-up working "
        "days), with reason, legal reference and whether the day is confirmed. `province` is a "
        "province code (default: this deployment's) or `national`."
    ),
)
def calendar_year(request: HttpRequest, year: int, province: str | None = None) -> dict[str, Any]:
    code = _province(province)
    with _refusals():
        calendar = get_work_calendar(province=code)
        days = [
            {
                "date": status.on,
                "kind": "work" if status.working else "off",
                "reason": status.reason,
                "legal_reference": status.legal_reference,
                "confirmed": status.confirmed,
                "source": status.source,
            }
            for status in calendar.exceptions(year)
        ]
    return {
        "year": year,
        "province": code,
        "calendar": calendar.spec.name,
        "days": days,
        "office_hours": [
            {"effective_from": hours.effective_from, "periods": hours.describe()}
            for hours in calendar.spec.office_hours
        ],
    }


class DueIn(Schema):
    received_at: str
    value: int | str
    unit: str
    supplement_requested_at: str | None = None
    supplement_received_at: str | None = None
    supplement_policy: str | None = None
    province: str | None = None


class DurationOut(Schema):
    value: int
    unit: str


class DueOut(Schema):
    received_at: str
    clock_started_at: str
    duration: DurationOut
    due_at: str
    province: str | None
    supplement_policy: str | None = None


def _due(payload: DueIn) -> dict[str, Any]:
    code = _province(payload.province)
    with _refusals():
        duration = engine.Duration.parse(payload.value, payload.unit)
        received_at = engine.parse_moment(payload.received_at)
        parts = [
            payload.supplement_requested_at,
            payload.supplement_received_at,
            payload.supplement_policy,
        ]
        supplement = None
        if any(part is not None for part in parts):
            if not all(part is not None for part in parts):
                raise IncompleteSupplementError()
            supplement = engine.Supplement(
                engine.parse_moment(str(parts[0])),
                engine.parse_moment(str(parts[1])),
                engine.parse_supplement_policy(parts[2]),
            )
        calendar = get_work_calendar(province=code)
        due = engine.due_at(
            calendar, received_at=received_at, duration=duration, supplement=supplement
        )
        clock_started_at = calendar.clock_start(received_at)
    return {
        "received_at": engine.format_moment(received_at),
        "clock_started_at": engine.format_moment(clock_started_at),
        "duration": {"value": duration.value, "unit": duration.unit.value},
        "due_at": engine.format_moment(due),
        "province": code,
        "supplement_policy": supplement.policy.value if supplement else None,
    }


DUE_DESCRIPTION = (
    "The due moment of a dossier received at `received_at` (ISO 8601; local time when no "
    "offset) for a duration of `value` `unit` (working_hours, working_days, calendar_days, "
    "months), optionally after one supplement (`restart` or `pause`). Moments are answered in "
    "ISO 8601 with the +07:00 offset."
)


@router.get(
    "/deadlines/due", response=DueOut, summary="Compute a due moment", description=DUE_DESCRIPTION
)
def due_get(request: HttpRequest, query: Query[DueIn]) -> dict[str, Any]:
    return _due(query)


@router.post(
    "/deadlines/due", response=DueOut, summary="Compute a due moment", description=DUE_DESCRIPTION
)
def due_post(request: HttpRequest, payload: DueIn) -> dict[str, Any]:
    return _due(payload)


class CalendarDayIn(Schema):
    date: str
    kind: str
    reason: str
    legal_reference: str = ""
    confirmed: bool = True
    province: str | None = None


class DueMomentChangeOut(Schema):
    source: str
    key: str
    label: str
    due_at: str
    recomputed_due_at: str


class CalendarChangeOut(Schema):
    calendar: str
    revision: int
    changes: list[DueMomentChangeOut]


def _change_out(calendar: Any, changes: list[DueMomentChange]) -> dict[str, Any]:
    return {
        "calendar": calendar.name,
        "revision": calendar.revision,
        "changes": [
            {
                "source": change.source,
                "key": change.key,
                "label": change.label,
                "due_at": engine.format_moment(change.due_at),
                "recomputed_due_at": engine.format_moment(change.recomputed_due_at),
            }
            for change in changes
        ],
    }


def _require_permission(request: HttpRequest, code: str | None) -> None:
    if not can_change_calendar(request.user, province_code=code):
        raise ApiError(
            "calendar_permission_denied",
            "Bạn không có quyền sửa lịch làm việc. (You may not change working calendars.)",
            status=403,
        )


@router.post(
    "/calendar/days",
    response=CalendarChangeOut,
    auth=django_auth,
    summary="Add or change a day off or make-up working day",
    description=(
        "Audited. Answers with the open due moments the new calendar would move; applying "
        "them is a separate decision in the administration pages."
    ),
)
def calendar_day_add(request: HttpRequest, payload: CalendarDayIn) -> dict[str, Any]:
    code = _province(payload.province)
    _require_permission(request, code)
    with _refusals():
        result = add_calendar_day(
            actor=request.user,
            on=engine.parse_date(payload.date),
            kind=payload.kind,
            reason=payload.reason,
            legal_reference=payload.legal_reference,
            confirmed=payload.confirmed,
            province=code,
        )
    return _change_out(result.calendar, result.changes)


@router.delete(
    "/calendar/days/{on}",
    response=CalendarChangeOut,
    auth=django_auth,
    summary="Remove a calendar day (the rules decide that date again)",
)
def calendar_day_remove(
    request: HttpRequest, on: str, province: str | None = None
) -> dict[str, Any]:
    code = _province(province)
    _require_permission(request, code)
    with _refusals():
        result = remove_calendar_day(actor=request.user, on=engine.parse_date(on), province=code)
    return _change_out(result.calendar, result.changes)
