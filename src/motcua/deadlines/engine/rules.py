"""Statutory days off (Labor Code 2019 Art. 111-112) as data, and the lunar dates they need.

The table in `data/statutory_holidays.json` is the default; a calendar may carry its own.
Lunar dates come from vnlunar's tables (Hồ Ngọc Đức's, computed for UTC+7; ADR 0003).
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import vnlunar

from motcua.deadlines.engine.errors import InvalidCalendarFileError

HOLIDAY_KINDS = frozenset({"solar", "lunar", "lunar_new_year", "adjacent"})


@dataclass(frozen=True, slots=True)
class HolidayRule:
    """One statutory holiday; `kind` says how its date is found each year."""

    key: str
    kind: str
    name: str
    name_en: str = ""
    month: int = 0
    day: int = 0
    days_before: int = 0
    days_after: int = 0
    before_on_weekdays: frozenset[int] = frozenset()
    from_year: int | None = None
    to_year: int | None = None
    legal_reference: str = ""
    confirmed: bool = True

    def applies_in(self, year: int) -> bool:
        if self.from_year is not None and year < self.from_year:
            return False
        return not (self.to_year is not None and year > self.to_year)


@dataclass(frozen=True, slots=True)
class StatutoryDay:
    """A day off found by the rules: a holiday or the compensatory day for one."""

    on: date
    reason: str
    legal_reference: str
    confirmed: bool
    movable: bool  # Tết placement, adjacent day, compensatory day: a yearly notice decides them


@dataclass(frozen=True)
class HolidayRules:
    rest_weekdays: frozenset[int]
    holidays: tuple[HolidayRule, ...]
    legal_basis: str = ""
    _cache: dict[int, Mapping[date, StatutoryDay]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def days_off(self, year: int) -> Mapping[date, StatutoryDay]:
        """Every statutory day off of `year` that is not a weekly rest day, by date."""
        found = self._cache.get(year)
        if found is None:
            found = _statutory_days_off(self, year)
            self._cache[year] = found
        return found


def lunar_to_solar(day: int, month: int, year: int) -> date:
    """The Gregorian date of a lunar date (Vietnamese calendar, UTC+7)."""
    result = vnlunar.convert_lunar_to_solar(day, month, year, 0)
    if result is None:
        raise ValueError(f"no lunar date {day}/{month}/{year}")
    solar_day, solar_month, solar_year = result
    return date(solar_year, solar_month, solar_day)


def lunar_new_year(year: int) -> date:
    """Mùng 1 Tết of the lunar year that starts in Gregorian `year`."""
    return lunar_to_solar(1, 1, year)


def _holiday_dates(rule: HolidayRule, year: int, rest_weekdays: frozenset[int]) -> list[date]:
    if rule.kind == "solar":
        return [date(year, rule.month, rule.day)]
    if rule.kind == "lunar":
        return [lunar_to_solar(rule.day, rule.month, year)]
    if rule.kind == "lunar_new_year":
        first = lunar_new_year(year)
        return [
            first + timedelta(days=offset)
            for offset in range(-rule.days_before, rule.days_after + 1)
        ]
    # "adjacent": the day before or after the anchor, by the anchor's weekday.
    anchor = date(year, rule.month, rule.day)
    step = -1 if anchor.weekday() in rule.before_on_weekdays else 1
    return [anchor + timedelta(days=step)]


def _statutory_days_off(rules: HolidayRules, year: int) -> Mapping[date, StatutoryDay]:
    holidays: dict[date, StatutoryDay] = {}
    for rule in rules.holidays:
        if not rule.applies_in(year):
            continue
        movable = rule.kind in {"lunar_new_year", "adjacent"}
        for on in _holiday_dates(rule, year, rules.rest_weekdays):
            holidays.setdefault(
                on,
                StatutoryDay(
                    on, rule.name, rule.legal_reference, rule.confirmed and not movable, movable
                ),
            )
    # Labor Code 2019 Art. 111.3: a holiday on a weekly rest day gives a compensatory day off
    # on the next working day.
    days_off = dict(holidays)
    last_given = date.min
    for on in sorted(holidays):
        if on.weekday() not in rules.rest_weekdays:
            continue
        candidate = max(on, last_given) + timedelta(days=1)
        while candidate.weekday() in rules.rest_weekdays or candidate in days_off:
            candidate += timedelta(days=1)
        holiday = holidays[on]
        days_off[candidate] = StatutoryDay(
            candidate,
            f"Nghỉ bù {holiday.reason} {on:%d/%m}",
            "Bộ luật Lao động 2019, Điều 111.3",
            holiday.confirmed,
            movable=True,
        )
        last_given = candidate
    return {
        on: found
        for on, found in days_off.items()
        if on.year == year and on.weekday() not in rules.rest_weekdays
    }


def parse_holiday_rules(document: Mapping[str, Any]) -> HolidayRules:
    """Read a `motcua.holidays/1` document; raises InvalidCalendarFileError."""

    def fail(path: str, reason: str) -> InvalidCalendarFileError:
        return InvalidCalendarFileError(path=path, reason_vi=reason, reason_en=reason)

    if document.get("format") != "motcua.holidays/1":
        raise fail("$.format", "expected motcua.holidays/1")
    rest = frozenset(int(day) for day in document.get("rest_weekdays", [5, 6]))
    if not rest <= set(range(7)):
        raise fail("$.rest_weekdays", "weekdays are 0 (Monday) to 6 (Sunday)")
    rules: list[HolidayRule] = []
    for index, row in enumerate(document.get("holidays", [])):
        if row.get("kind") not in HOLIDAY_KINDS:
            raise fail(f"$.holidays[{index}].kind", f"one of {sorted(HOLIDAY_KINDS)}")
        rules.append(
            HolidayRule(
                key=str(row["key"]),
                kind=row["kind"],
                name=str(row["name"]),
                name_en=str(row.get("name_en", "")),
                month=int(row.get("month", 0)),
                day=int(row.get("day", 0)),
                days_before=int(row.get("days_before", 0)),
                days_after=int(row.get("days_after", 0)),
                before_on_weekdays=frozenset(row.get("before_on_weekdays", [])),
                from_year=row.get("from_year"),
                to_year=row.get("to_year"),
                legal_reference=str(row.get("legal_reference", "")),
                confirmed=bool(row.get("confirmed", True)),
            )
        )
    return HolidayRules(rest, tuple(rules), str(document.get("legal_basis", "")))


@cache
def default_holiday_rules() -> HolidayRules:
    """The shipped table (Labor Code 2019 Art. 112 and Culture Day from 2026, unconfirmed)."""
    text = resources.files("motcua.deadlines.engine").joinpath("data/statutory_holidays.json")
    return parse_holiday_rules(json.loads(text.read_text(encoding="utf-8")))


def describe_rules(rules: HolidayRules) -> Iterable[str]:
    for rule in rules.holidays:
        flag = "" if rule.confirmed else " [unconfirmed]"
        yield f"{rule.key}: {rule.name} ({rule.kind}){flag}"
