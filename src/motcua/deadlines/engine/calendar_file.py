"""The calendar exchange format `motcua.calendar/1` (docs/calendar-format.md): reading and
checking a document before anything is written."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from motcua.deadlines.engine.calendar_model import CalendarDay, CalendarSpec, OfficeHours
from motcua.deadlines.engine.errors import DeadlineError, InvalidCalendarFileError
from motcua.deadlines.engine.timebase import parse_date

FORMAT = "motcua.calendar/1"


@dataclass(frozen=True, slots=True)
class AnnouncedYear:
    year: int
    legal_reference: str
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class CalendarDocument:
    """A checked calendar file: for the national default (`province` None) or one province."""

    province: str | None
    announced_years: tuple[AnnouncedYear, ...]
    days: tuple[CalendarDay, ...]
    office_hours: tuple[OfficeHours, ...]


def _fail(path: str, reason_vi: str, reason_en: str) -> InvalidCalendarFileError:
    return InvalidCalendarFileError(path=path, reason_vi=reason_vi, reason_en=reason_en)


def _text(row: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> str:
    value = row.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(f"{path}.{key}", "thiếu hoặc không phải chuỗi", "missing or not a string")
    return value.strip()


def _flag(row: Mapping[str, Any], key: str, path: str) -> bool:
    value = row.get(key, True)
    if not isinstance(value, bool):
        raise _fail(f"{path}.{key}", "phải là true/false", "must be true or false")
    return value


def _date(row: Mapping[str, Any], key: str, path: str) -> date:
    try:
        return parse_date(row.get(key, ""))
    except DeadlineError:
        raise _fail(f"{path}.{key}", "ngày dạng YYYY-MM-DD", "a YYYY-MM-DD date") from None


def parse_calendar_document(document: Any) -> CalendarDocument:
    """Check a whole document; raises InvalidCalendarFileError naming the first bad JSON path
    (a make-up day on a weekday is reported as MakeUpDayOnWeekdayError)."""
    if not isinstance(document, Mapping):
        raise _fail("$", "phải là một đối tượng JSON", "must be a JSON object")
    if document.get("format") != FORMAT:
        raise _fail("$.format", f"phải là {FORMAT}", f"must be {FORMAT}")
    province = document.get("province")
    if province is not None and (not isinstance(province, str) or not province.strip()):
        raise _fail("$.province", "mã tỉnh hoặc null", "a province code or null")
    years = []
    for index, row in enumerate(document.get("announced_years", [])):
        path = f"$.announced_years[{index}]"
        if not isinstance(row, Mapping) or not isinstance(row.get("year"), int):
            raise _fail(f"{path}.year", "năm là số nguyên", "the year must be an integer")
        years.append(
            AnnouncedYear(
                row["year"], _text(row, "legal_reference", path), _flag(row, "confirmed", path)
            )
        )
    days = []
    seen: set[date] = set()
    for index, row in enumerate(document.get("days", [])):
        path = f"$.days[{index}]"
        if not isinstance(row, Mapping):
            raise _fail(path, "phải là một đối tượng", "must be an object")
        on = _date(row, "date", path)
        if on in seen:
            raise _fail(f"{path}.date", "ngày bị lặp", "the date appears twice")
        seen.add(on)
        if row.get("kind") not in {"off", "work"}:
            raise _fail(f"{path}.kind", "off hoặc work", "off or work")
        days.append(
            CalendarDay(
                on,
                row["kind"],
                _text(row, "reason", path, required=True),
                _text(row, "legal_reference", path),
                _flag(row, "confirmed", path),
            )
        )
    hours = []
    for index, row in enumerate(document.get("office_hours", [])):
        path = f"$.office_hours[{index}]"
        if not isinstance(row, Mapping) or not isinstance(row.get("periods"), list):
            raise _fail(f"{path}.periods", "danh sách HH:MM-HH:MM", "a list of HH:MM-HH:MM")
        hours.append(OfficeHours.parse(_date(row, "effective_from", path), row["periods"]))
    parsed = CalendarDocument(
        province.strip() if isinstance(province, str) else None,
        tuple(years),
        tuple(days),
        tuple(hours),
    )
    # Build a spec once so rules that span rows (make-up days only on rest days) are checked.
    CalendarSpec(days=parsed.days, office_hours=parsed.office_hours)
    return parsed


def spec_from_document(document: CalendarDocument, *, name: str = "national") -> CalendarSpec:
    return CalendarSpec(
        name=name,
        days=document.days,
        announced_years=frozenset(year.year for year in document.announced_years),
        office_hours=document.office_hours,
    )
