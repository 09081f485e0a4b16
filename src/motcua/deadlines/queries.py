"""Reads: the compiled working calendar of a province, and what a calendar change would move.

Calendars are public information (any visitor may see the days off), so these reads take no
user; writes are in `services`.
"""

import threading
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from motcua.deadlines import engine
from motcua.deadlines.engine.calendar_model import CalendarSpec
from motcua.deadlines.engine.work_calendar import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR
from motcua.deadlines.errors import UnknownProvinceError
from motcua.deadlines.models import ProvinceCalendar
from motcua.deadlines.sources import registered_sources
from motcua.organizations.models import AdministrativeUnit

ProvinceRef = AdministrativeUnit | str | None

# Province code (None: national) -> (revisions it was compiled from, compiled calendar).
_compiled: dict[str | None, tuple[object, engine.WorkCalendar]] = {}
_lock = threading.Lock()


def province_code_of(province: ProvinceRef) -> str | None:
    if isinstance(province, AdministrativeUnit):
        return province.code
    return province or None


def get_province_calendar(*, province: ProvinceRef = None) -> ProvinceCalendar | None:
    """The calendar row of the province (the national default when `province` is None)."""
    code = province_code_of(province)
    if code is None:
        return ProvinceCalendar.objects.filter(province__isnull=True).first()
    return ProvinceCalendar.objects.filter(province__code=code).first()


def get_province_unit(*, code: str) -> AdministrativeUnit:
    """The administrative unit with `code` (the most recent version). Raises
    UnknownProvinceError."""
    unit = AdministrativeUnit.objects.filter(code=code).order_by("-effective_from").first()
    if unit is None:
        raise UnknownProvinceError(code=code)
    return unit


def _rows(
    calendar: ProvinceCalendar,
) -> tuple[tuple[engine.CalendarDay, ...], frozenset[int], tuple[engine.OfficeHours, ...]]:
    days = tuple(
        engine.CalendarDay(
            day.on, engine.DayKind(day.kind), day.reason, day.legal_reference, day.confirmed
        )
        for day in calendar.days.all()
    )
    years = frozenset(year.year for year in calendar.announced_years.all())
    hours = tuple(
        engine.OfficeHours.parse(row.effective_from, row.periods)
        for row in calendar.office_hours.all()
    )
    return days, years, hours


def build_spec(
    national: ProvinceCalendar | None, province: ProvinceCalendar | None
) -> CalendarSpec:
    """The engine spec of the national rows (or the built-in default) with the province's."""
    spec = CalendarSpec()
    if national is not None:
        days, years, hours = _rows(national)
        spec = CalendarSpec(
            name=national.name, days=days, announced_years=years, office_hours=hours
        )
    if province is not None:
        days, years, hours = _rows(province)
        spec = spec.with_overrides(
            name=province.name, days=days, announced_years=years, office_hours=hours
        )
    return spec


def get_work_calendar(*, province: ProvinceRef = None) -> engine.WorkCalendar:
    """The compiled calendar for a province (code or unit; None for the national default).

    A province without its own rows gets the national calendar. Compiled copies are kept per
    process and rebuilt when a calendar's revision changes (two small queries per call).
    """
    code = province_code_of(province)
    national = get_province_calendar(province=None)
    own = get_province_calendar(province=code) if code else None
    revisions = (
        (national.pk, national.revision, national.updated_at) if national else None,
        (own.pk, own.revision, own.updated_at) if own else None,
    )
    with _lock:
        cached = _compiled.get(code)
    if cached is not None and cached[0] == revisions:
        return cached[1]
    compiled = engine.WorkCalendar(
        build_spec(national, own),
        first_year=getattr(settings, "DEADLINES_FIRST_YEAR", DEFAULT_FIRST_YEAR),
        last_year=getattr(settings, "DEADLINES_LAST_YEAR", DEFAULT_LAST_YEAR),
    )
    with _lock:
        _compiled[code] = (revisions, compiled)
    return compiled


def forget_compiled_calendars() -> None:
    with _lock:
        _compiled.clear()


@dataclass(frozen=True, slots=True)
class DueMomentChange:
    """An open item whose stored due moment differs from the one the calendar now gives."""

    source: str
    key: str
    label: str
    province_code: str | None
    due_at: datetime
    recomputed_due_at: datetime


def report_due_moment_changes(*, province: ProvinceRef = None) -> list[DueMomentChange]:
    """Open items whose due moments the current calendar would change.

    For the national default (`province` None) every province's items are checked, each
    against its own calendar.
    """
    code = province_code_of(province)
    changes = []
    for source in registered_sources():
        for item in source.list_open_due_moments(province_code=code):
            calendar = get_work_calendar(province=item.province_code)
            recomputed = engine.compute_due(calendar, item.computation)
            if recomputed != item.due_at:
                changes.append(
                    DueMomentChange(
                        source.name,
                        item.key,
                        item.label,
                        item.province_code,
                        item.due_at,
                        recomputed,
                    )
                )
    return changes
