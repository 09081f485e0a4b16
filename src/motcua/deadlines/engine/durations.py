"""Durations of procedures: a whole number and a unit, exactly as the catalog stores them."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from motcua.deadlines.engine.errors import (
    InvalidDurationError,
    NegativeDurationError,
    UnknownUnitError,
)


class Unit(StrEnum):
    """The four ways the law counts time; the values are the catalog's contract."""

    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


# "1 working day = 8 working hours" (the issue; Labor Code 2019 Art. 105 normal hours).
WORKING_DAY_HOURS = 8
SECONDS_PER_HOUR = 3600
WORKING_DAY_SECONDS = WORKING_DAY_HOURS * SECONDS_PER_HOUR

WORKING_UNITS = frozenset({Unit.WORKING_HOURS, Unit.WORKING_DAYS})


def parse_unit(value: Any) -> Unit:
    """Return the Unit named by `value`. Raises UnknownUnitError."""
    try:
        return Unit(value)
    except ValueError:
        raise UnknownUnitError(unit=value) from None


@dataclass(frozen=True, slots=True)
class Duration:
    """A statutory duration: `Duration(3, Unit.WORKING_DAYS)`.

    Values are whole numbers ≥ 0; half a working day is written as 4 working hours.
    Raises UnknownUnitError, InvalidDurationError, NegativeDurationError.
    """

    value: int
    unit: Unit

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", parse_unit(self.unit))
        value = self.value
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                object.__setattr__(self, "value", int(value))
            else:
                raise InvalidDurationError(value=value)
        if self.value < 0:
            raise NegativeDurationError(value=self.value)

    @classmethod
    def parse(cls, value: Any, unit: Any) -> "Duration":
        """Build from untrusted text or JSON (`"3"`, `"working_days"`)."""
        if isinstance(value, str):
            text = value.strip()
            try:
                number = int(text)
            except ValueError:
                raise InvalidDurationError(value=value) from None
            return cls(number, unit)
        return cls(value, unit)

    @property
    def is_working_time(self) -> bool:
        return self.unit in WORKING_UNITS

    @property
    def working_seconds(self) -> int:
        """The duration in working seconds; only for working hours and working days."""
        if self.unit is Unit.WORKING_HOURS:
            return self.value * SECONDS_PER_HOUR
        if self.unit is Unit.WORKING_DAYS:
            return self.value * WORKING_DAY_SECONDS
        raise UnknownUnitError(unit=f"{self.unit} (not working time)")

    def __str__(self) -> str:
        return f"{self.value} {self.unit.value}"
