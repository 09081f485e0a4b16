"""Changes to working calendars: each one atomic, audited, and followed by the report of the
open due moments it would move. Applying the recomputation is a separate, audited decision:
an administrator may instead leave the printed appointments as they are.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.audit.services import record_audit
from motcua.core.events import publish
from motcua.deadlines import engine
from motcua.deadlines.engine.calendar_file import CalendarDocument, parse_calendar_document
from motcua.deadlines.engine.calendar_model import CalendarSpec, parse_day_kind
from motcua.deadlines.engine.timebase import format_moment
from motcua.deadlines.errors import (
    CalendarDayNotFoundError,
    CalendarReasonMissingError,
    DueMomentSourceMissingError,
)
from motcua.deadlines.events import CalendarChanged, DueMomentsRecomputed
from motcua.deadlines.models import AnnouncedYear, CalendarDay, OfficeHours, ProvinceCalendar
from motcua.deadlines.queries import (
    DueMomentChange,
    ProvinceRef,
    get_province_unit,
    province_code_of,
    report_due_moment_changes,
)
from motcua.deadlines.sources import registered_sources

NATIONAL_CALENDAR_NAME = "Lịch làm việc mặc định toàn quốc"


@dataclass(frozen=True)
class CalendarChangeResult:
    """What a change wrote, and the open due moments the new calendar would move."""

    calendar: ProvinceCalendar
    changes: list[DueMomentChange] = field(default_factory=list)
    day: CalendarDay | None = None


def ensure_calendar(*, province: ProvinceRef = None) -> ProvinceCalendar:
    """The calendar row of the province (created empty on first use)."""
    code = province_code_of(province)
    if code is None:
        calendar, _ = ProvinceCalendar.objects.get_or_create(
            province=None, defaults={"name": NATIONAL_CALENDAR_NAME}
        )
        return calendar
    unit = get_province_unit(code=code)
    calendar, _ = ProvinceCalendar.objects.get_or_create(
        province=unit, defaults={"name": f"Lịch làm việc {unit.name}"}
    )
    return calendar


def _bump(calendar: ProvinceCalendar) -> None:
    # A fresh timestamp too: a compiled copy made inside a transaction that rolled back must
    # not be taken for the next committed change with the same revision number.
    ProvinceCalendar.objects.filter(pk=calendar.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    calendar.refresh_from_db(fields=["revision", "updated_at"])


def _day_snapshot(day: CalendarDay | None) -> dict[str, Any] | None:
    if day is None:
        return None
    return {
        "on": day.on.isoformat(),
        "kind": day.kind,
        "reason": day.reason,
        "legal_reference": day.legal_reference,
        "confirmed": day.confirmed,
    }


def _announce_change(calendar: ProvinceCalendar, change: str, on: date | None = None) -> None:
    publish(
        CalendarChanged(
            calendar_id=calendar.pk,
            province_code=calendar.province.code if calendar.province else None,
            change=change,
            on=on,
        )
    )


def _scope(calendar: ProvinceCalendar) -> str | None:
    return calendar.province.code if calendar.province else None


@transaction.atomic
def add_calendar_day(
    *,
    actor: Any,
    on: date,
    kind: str,
    reason: str,
    legal_reference: str = "",
    confirmed: bool = True,
    province: ProvinceRef = None,
) -> CalendarChangeResult:
    """Add (or change) a day off or a make-up working day.

    Raises InvalidDayKindError, MakeUpDayOnWeekdayError, CalendarReasonMissingError,
    UnknownProvinceError.
    """
    entry = engine.CalendarDay(on, parse_day_kind(kind), reason.strip(), legal_reference, confirmed)
    if not entry.reason:
        raise CalendarReasonMissingError(on=on.isoformat())
    CalendarSpec(days=(entry,))  # refuses a make-up day on a weekday
    calendar = ensure_calendar(province=province)
    existing = CalendarDay.objects.filter(calendar=calendar, on=on).first()
    before = _day_snapshot(existing)
    day, _ = CalendarDay.objects.update_or_create(
        calendar=calendar,
        on=on,
        defaults={
            "kind": entry.kind.value,
            "reason": entry.reason,
            "legal_reference": legal_reference.strip(),
            "confirmed": confirmed,
        },
    )
    _bump(calendar)
    record_audit(
        actor=actor,
        action="deadlines.calendar_day_added"
        if before is None
        else "deadlines.calendar_day_changed",
        target=day,
        before=before,
        after=_day_snapshot(day),
    )
    _announce_change(calendar, "day_added", on)
    return CalendarChangeResult(calendar, report_due_moment_changes(province=_scope(calendar)), day)


@transaction.atomic
def remove_calendar_day(
    *, actor: Any, on: date, province: ProvinceRef = None
) -> CalendarChangeResult:
    """Remove the calendar's entry for `on` (the rules decide that date again).

    Raises CalendarDayNotFoundError, UnknownProvinceError.
    """
    calendar = ensure_calendar(province=province)
    day = CalendarDay.objects.filter(calendar=calendar, on=on).first()
    if day is None:
        raise CalendarDayNotFoundError(on=on.isoformat())
    record_audit(
        actor=actor, action="deadlines.calendar_day_removed", target=day, before=_day_snapshot(day)
    )
    day.delete()
    _bump(calendar)
    _announce_change(calendar, "day_removed", on)
    return CalendarChangeResult(calendar, report_due_moment_changes(province=_scope(calendar)))


@transaction.atomic
def set_office_hours(
    *,
    actor: Any,
    effective_from: date,
    periods: Iterable[str],
    province: ProvinceRef = None,
) -> CalendarChangeResult:
    """Set the office hours in force from `effective_from` (a new version, or a correction of
    the version starting that day). Raises InvalidOfficeHoursError, UnknownProvinceError."""
    hours = engine.OfficeHours.parse(effective_from, list(periods))
    calendar = ensure_calendar(province=province)
    existing = OfficeHours.objects.filter(calendar=calendar, effective_from=effective_from).first()
    before = {"periods": existing.periods} if existing else None
    row, _ = OfficeHours.objects.update_or_create(
        calendar=calendar, effective_from=effective_from, defaults={"periods": hours.describe()}
    )
    _bump(calendar)
    record_audit(
        actor=actor,
        action="deadlines.office_hours_set",
        target=row,
        before=before,
        after={"effective_from": effective_from.isoformat(), "periods": row.periods},
    )
    _announce_change(calendar, "office_hours_set", effective_from)
    return CalendarChangeResult(calendar, report_due_moment_changes(province=_scope(calendar)))


@transaction.atomic
def announce_year(
    *,
    actor: Any,
    year: int,
    legal_reference: str,
    confirmed: bool = True,
    province: ProvinceRef = None,
) -> CalendarChangeResult:
    """Record that the official notice of `year` is entered: from now on the year's movable
    days (Tết placement, day adjacent to National Day, compensatory days) come from the listed
    days only. Raises UnknownProvinceError."""
    calendar = ensure_calendar(province=province)
    existing = AnnouncedYear.objects.filter(calendar=calendar, year=year).first()
    before = (
        {"legal_reference": existing.legal_reference, "confirmed": existing.confirmed}
        if existing
        else None
    )
    row, _ = AnnouncedYear.objects.update_or_create(
        calendar=calendar,
        year=year,
        defaults={"legal_reference": legal_reference.strip(), "confirmed": confirmed},
    )
    _bump(calendar)
    record_audit(
        actor=actor,
        action="deadlines.year_announced",
        target=row,
        before=before,
        after={"year": year, "legal_reference": row.legal_reference, "confirmed": confirmed},
    )
    _announce_change(calendar, "year_announced")
    return CalendarChangeResult(calendar, report_due_moment_changes(province=_scope(calendar)))


@transaction.atomic
def withdraw_year_announcement(
    *, actor: Any, year: int, province: ProvinceRef = None
) -> CalendarChangeResult:
    """The statutory default placement applies to `year` again. Raises UnknownProvinceError."""
    calendar = ensure_calendar(province=province)
    row = AnnouncedYear.objects.filter(calendar=calendar, year=year).first()
    if row is not None:
        record_audit(
            actor=actor,
            action="deadlines.year_announcement_withdrawn",
            target=row,
            before={"year": year, "legal_reference": row.legal_reference},
        )
        row.delete()
        _bump(calendar)
        _announce_change(calendar, "year_withdrawn")
    return CalendarChangeResult(calendar, report_due_moment_changes(province=_scope(calendar)))


@dataclass(frozen=True)
class ImportSummary:
    calendar: ProvinceCalendar
    years: int
    days_created: int
    days_updated: int
    office_hours: int
    changes: list[DueMomentChange]


@transaction.atomic
def import_calendar(*, actor: Any, document: Any) -> ImportSummary:
    """Import a `motcua.calendar/1` document, all or nothing; re-importing changes nothing.

    Raises InvalidCalendarFileError (with the JSON path), MakeUpDayOnWeekdayError,
    InvalidOfficeHoursError, UnknownProvinceError.
    """
    parsed: CalendarDocument = parse_calendar_document(document)
    calendar = ensure_calendar(province=parsed.province)
    created = updated = 0
    for year in parsed.announced_years:
        AnnouncedYear.objects.update_or_create(
            calendar=calendar,
            year=year.year,
            defaults={"legal_reference": year.legal_reference, "confirmed": year.confirmed},
        )
    for entry in parsed.days:
        values = {
            "kind": entry.kind.value,
            "reason": entry.reason,
            "legal_reference": entry.legal_reference,
            "confirmed": entry.confirmed,
        }
        existing = CalendarDay.objects.filter(calendar=calendar, on=entry.on).first()
        if existing is None:
            CalendarDay.objects.create(calendar=calendar, on=entry.on, **values)
            created += 1
        elif any(getattr(existing, name) != value for name, value in values.items()):
            CalendarDay.objects.filter(pk=existing.pk).update(**values)
            updated += 1
    for hours in parsed.office_hours:
        OfficeHours.objects.update_or_create(
            calendar=calendar,
            effective_from=hours.effective_from,
            defaults={"periods": hours.describe()},
        )
    _bump(calendar)
    record_audit(
        actor=actor,
        action="deadlines.calendar_imported",
        target=calendar,
        after={
            "years": [year.year for year in parsed.announced_years],
            "days": [entry.on.isoformat() for entry in parsed.days],
            "days_created": created,
            "days_updated": updated,
            "office_hours": [hours.effective_from.isoformat() for hours in parsed.office_hours],
        },
    )
    _announce_change(calendar, "imported")
    return ImportSummary(
        calendar,
        len(parsed.announced_years),
        created,
        updated,
        len(parsed.office_hours),
        report_due_moment_changes(province=_scope(calendar)),
    )


@transaction.atomic
def apply_due_moment_recomputation(
    *, actor: Any, province: ProvinceRef = None, keys: Collection[str] | None = None
) -> list[DueMomentChange]:
    """Write the recomputed due moments of open items (all, or only `keys`), one audit row
    each. Raises DueMomentSourceMissingError if a source disappeared meanwhile."""
    calendar = ensure_calendar(province=province)
    sources = {source.name: source for source in registered_sources()}
    applied = []
    for change in report_due_moment_changes(province=province):
        if keys is not None and change.key not in keys:
            continue
        source = sources.get(change.source)
        if source is None:
            raise DueMomentSourceMissingError(name=change.source)
        source.apply_due_moment(key=change.key, due_at=change.recomputed_due_at, actor=actor)
        record_audit(
            actor=actor,
            action="deadlines.due_moment_recomputed",
            target=calendar,
            before={
                "source": change.source,
                "key": change.key,
                "due_at": format_moment(change.due_at),
            },
            after={
                "source": change.source,
                "key": change.key,
                "due_at": format_moment(change.recomputed_due_at),
            },
        )
        applied.append(change)
    if applied:
        publish(
            DueMomentsRecomputed(
                calendar_id=calendar.pk, keys=tuple(change.key for change in applied)
            )
        )
    return applied
