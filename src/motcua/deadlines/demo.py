"""Demo data for this app (see motcua.demo.steps): the official 2025/2026 calendars on the
national default, and the demo province's own calendar (office hours) when the province
exists."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.conf import settings

from motcua.deadlines.models import OfficeHours, ProvinceCalendar
from motcua.deadlines.services import ensure_calendar, import_calendar, set_office_hours
from motcua.organizations.models import AdministrativeUnit

OFFICIAL_CALENDARS = Path(__file__).resolve().parent / "data" / "official_calendars.json"
DEMO_OFFICE_HOURS = ["07:00-11:30", "13:30-17:00"]


def load(*, out: Callable[[str], None]) -> None:
    """Load the demo calendars; idempotent (a second run writes nothing)."""
    summary = (
        import_calendar(
            actor=None, document=json.loads(OFFICIAL_CALENDARS.read_text(encoding="utf-8"))
        )
        if _official_calendars_missing()
        else None
    )
    if summary is not None:
        out(f"calendar: {summary.days_created} official days loaded into {summary.calendar}")
    code = settings.PROVINCE_CODE
    if not AdministrativeUnit.objects.filter(code=code).exists():
        out(f"calendar: province {code} not loaded; dossiers use the national calendar")
        return
    calendar = ensure_calendar(province=code)
    if not OfficeHours.objects.filter(calendar=calendar).exists():
        set_office_hours(
            actor=None, effective_from=date(2025, 1, 1), periods=DEMO_OFFICE_HOURS, province=code
        )
        out(f"calendar: office hours of {calendar} set")


def _official_calendars_missing() -> bool:
    document = json.loads(OFFICIAL_CALENDARS.read_text(encoding="utf-8"))
    national = ProvinceCalendar.objects.filter(province__isnull=True).first()
    if national is None:
        return True
    wanted = {(day["date"], day["kind"], day["reason"]) for day in document["days"]}
    present = {
        (day.on.isoformat(), day.kind, day.reason)
        for day in national.days.filter(on__in=[entry[0] for entry in wanted])
    }
    return wanted != present
