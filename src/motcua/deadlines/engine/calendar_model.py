"""What a working calendar is made of, before it is compiled: rules, the overlay, office hours.

A calendar is the national default plus, for a province, its overrides:
- the statutory rules (`rules.HolidayRules`): weekly rest days and the Art. 112 holidays;
- the yearly official overlay: announced days off and make-up working days (`CalendarDay`),
  each with its reason, legal reference and whether it is confirmed;
- announced years: for a year whose official notice has been entered, the movable days (Tết
  placement, the day adjacent to National Day, compensatory days) come from the notice only;
  fixed-date holidays of the law still apply;
- office hours, versioned by the date they take effect.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from motcua.deadlines.engine.errors import (
    InvalidDayKindError,
    InvalidOfficeHoursError,
    MakeUpDayOnWeekdayError,
)
from motcua.deadlines.engine.rules import HolidayRules, default_holiday_rules
from motcua.deadlines.engine.timebase import SECONDS_PER_DAY, format_clock, parse_clock

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
REST_DAY_REASON = "Nghỉ hằng tuần"


class DayKind(StrEnum):
    OFF = "off"  # a day off (holiday, bridge day, compensatory day, local day off)
    WORK = "work"  # a make-up working day on a weekly rest day (ngày làm bù)


def parse_day_kind(value: object) -> DayKind:
    try:
        return DayKind(str(value))
    except ValueError:
        raise InvalidDayKindError(kind=value) from None


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One entry of the official overlay."""

    on: date
    kind: DayKind
    reason: str
    legal_reference: str = ""
    confirmed: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", parse_day_kind(self.kind))


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """Opening periods of a working day, in seconds after midnight, from `effective_from` on."""

    effective_from: date
    periods: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        previous_end = 0
        if not self.periods:
            raise InvalidOfficeHoursError(
                value=self.periods, reason_vi="không có khung giờ nào", reason_en="no period"
            )
        for start, end in self.periods:
            if not 0 <= start < end <= SECONDS_PER_DAY or start < previous_end:
                raise InvalidOfficeHoursError(
                    value=self.describe(),
                    reason_vi="các khung giờ phải tăng dần, không chồng lấn, trong một ngày",
                    reason_en="periods must be increasing, not overlapping, within one day",
                )
            previous_end = end

    @classmethod
    def parse(cls, effective_from: date, periods: Iterable[str]) -> "OfficeHours":
        """From text periods such as ["07:00-11:30", "13:30-17:00"]."""
        parsed = []
        for text in periods:
            try:
                start, end = str(text).split("-")
                parsed.append((parse_clock(start), parse_clock(end)))
            except ValueError:
                raise InvalidOfficeHoursError(
                    value=text, reason_vi="dạng HH:MM-HH:MM", reason_en="expected HH:MM-HH:MM"
                ) from None
        return cls(effective_from, tuple(parsed))

    @property
    def working_seconds(self) -> int:
        return sum(end - start for start, end in self.periods)

    def describe(self) -> list[str]:
        return [f"{format_clock(start)}-{format_clock(end)}" for start, end in self.periods]


DEFAULT_OFFICE_HOURS = OfficeHours.parse(date(1970, 1, 1), ["07:00-11:30", "13:30-17:00"])


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Whether a date is a working day, and why."""

    on: date
    working: bool
    reason: str
    source: str  # "rest", "statutory", "overlay" or "" (an ordinary working day)
    legal_reference: str = ""
    confirmed: bool = True


@dataclass(frozen=True)
class CalendarSpec:
    """The data of one calendar. Raises MakeUpDayOnWeekdayError for a make-up day on a weekday."""

    name: str = "national"
    days: tuple[CalendarDay, ...] = ()
    announced_years: frozenset[int] = frozenset()
    office_hours: tuple[OfficeHours, ...] = (DEFAULT_OFFICE_HOURS,)
    rules: HolidayRules = field(default_factory=default_holiday_rules)
    _by_date: Mapping[date, CalendarDay] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_date: dict[date, CalendarDay] = {}
        for entry in self.days:
            if entry.kind is DayKind.WORK and entry.on.weekday() not in self.rules.rest_weekdays:
                raise MakeUpDayOnWeekdayError(
                    on=entry.on.isoformat(), weekday=WEEKDAY_NAMES[entry.on.weekday()]
                )
            by_date[entry.on] = entry
        object.__setattr__(self, "_by_date", by_date)
        if not self.office_hours:
            object.__setattr__(self, "office_hours", (DEFAULT_OFFICE_HOURS,))
        ordered = tuple(sorted(self.office_hours, key=lambda hours: hours.effective_from))
        object.__setattr__(self, "office_hours", ordered)

    @property
    def rest_weekdays(self) -> frozenset[int]:
        return self.rules.rest_weekdays

    def with_overrides(
        self,
        *,
        name: str,
        days: Iterable[CalendarDay] = (),
        announced_years: Iterable[int] = (),
        office_hours: Iterable[OfficeHours] = (),
    ) -> "CalendarSpec":
        """A provincial calendar: this one with the province's entries winning on their dates.

        The province's office-hour versions, if any, replace the national ones.
        """
        merged = dict(self._by_date)
        for entry in days:
            merged[entry.on] = entry
        own_hours = tuple(office_hours)
        return CalendarSpec(
            name=name,
            days=tuple(merged[on] for on in sorted(merged)),
            announced_years=self.announced_years | frozenset(announced_years),
            office_hours=own_hours or self.office_hours,
            rules=self.rules,
        )

    def overlay_entry(self, on: date) -> CalendarDay | None:
        return self._by_date.get(on)

    def day_status(self, on: date) -> DayStatus:
        """Working or not, by the overlay, then weekly rest, then the statutory rules."""
        entry = self._by_date.get(on)
        if entry is not None:
            return DayStatus(
                on,
                entry.kind is DayKind.WORK,
                entry.reason,
                "overlay",
                entry.legal_reference,
                entry.confirmed,
            )
        if on.weekday() in self.rules.rest_weekdays:
            return DayStatus(on, False, REST_DAY_REASON, "rest")
        statutory = self.rules.days_off(on.year).get(on)
        if statutory is not None and not (statutory.movable and on.year in self.announced_years):
            return DayStatus(
                on,
                False,
                statutory.reason,
                "statutory",
                statutory.legal_reference,
                statutory.confirmed,
            )
        return DayStatus(on, True, "", "")

    def is_working_day(self, on: date) -> bool:
        return self.day_status(on).working

    def office_hours_on(self, on: date) -> OfficeHours:
        found = self.office_hours[0]
        for hours in self.office_hours:
            if hours.effective_from <= on:
                found = hours
            else:
                break
        return found
