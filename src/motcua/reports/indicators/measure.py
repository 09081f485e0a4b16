"""What an indicator yields: its two terms, their rate and the points the rate earns."""

from dataclasses import dataclass
from enum import StrEnum


class RateKind(StrEnum):
    SHARE = "share"  # numerator ÷ denominator, between 0 and 1
    WORKING_DAYS = "working_days"  # an average duration (indicator 2.2)


class Availability(StrEnum):
    AVAILABLE = "available"
    NOT_AVAILABLE = "not_available"  # the system holds no data for it yet


@dataclass(frozen=True)
class Measure:
    """One indicator over one scope.

    `rate` is None when the denominator is empty or the data is not available; `score` is then
    what the scoring rules say (`empty_denominator`), or None for data not available.
    `max_points` is 0 for an indicator that is not scored (2.2).
    """

    code: str
    numerator: float | None
    denominator: int | None
    rate: float | None
    score: float | None
    max_points: float
    threshold: float | None
    rate_kind: RateKind = RateKind.SHARE
    availability: Availability = Availability.AVAILABLE
    note: str = ""

    @property
    def group(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def is_available(self) -> bool:
        return self.availability == Availability.AVAILABLE


@dataclass(frozen=True)
class Terms:
    """The numerator and denominator an indicator function counted."""

    numerator: float
    denominator: int
    rate_kind: RateKind = RateKind.SHARE
    note: str = ""


class DataNotAvailable(Exception):
    """The system does not hold what the indicator needs (yet); said, never counted as zero."""

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note
