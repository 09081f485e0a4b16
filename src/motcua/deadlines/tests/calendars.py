"""Calendars for the tests: the shipped official 2025/2026 overlay on the statutory rules."""

import json
from functools import cache
from pathlib import Path

from motcua.deadlines.engine import CalendarSpec, WorkCalendar
from motcua.deadlines.engine.calendar_file import parse_calendar_document, spec_from_document

OFFICIAL_FILE = Path(__file__).resolve().parent.parent / "data" / "official_calendars.json"


@cache
def official_spec() -> CalendarSpec:
    document = json.loads(OFFICIAL_FILE.read_text(encoding="utf-8"))
    return spec_from_document(parse_calendar_document(document))


@cache
def official_calendar() -> WorkCalendar:
    return WorkCalendar(official_spec(), first_year=2024, last_year=2028)


@cache
def rules_only_calendar() -> WorkCalendar:
    return WorkCalendar(CalendarSpec(), first_year=2020, last_year=2031)
