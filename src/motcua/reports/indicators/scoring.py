"""Points from rates (Decision 766/QĐ-TTg): proportional below the full-marks threshold, group
totals out of the official group maxima, and the rating band of the total."""

from dataclasses import dataclass

from motcua.reports.indicators.measure import Availability, Measure, RateKind, Terms
from motcua.reports.indicators.rules import (
    Band,
    EmptyDenominator,
    IndicatorRule,
    ScoringRules,
)


def points_for(*, rate: float | None, rule: IndicatorRule, rules: ScoringRules) -> float | None:
    """Points earned by `rate`: max × rate ÷ threshold below the threshold, max from it.

    A rate of None (empty denominator) scores as `rules.empty_denominator` says; an indicator
    without threshold (not scored) has no points.
    """
    if rule.threshold is None or rule.max_points == 0:
        return None
    if rate is None:
        return {
            EmptyDenominator.FULL_MARKS: rule.max_points,
            EmptyDenominator.ZERO: 0.0,
            EmptyDenominator.NOT_SCORED: None,
        }[rules.empty_denominator]
    if rate >= rule.threshold:
        return rule.max_points
    return max(rate, 0.0) * rule.max_points / rule.threshold


def measure_of(*, code: str, terms: Terms, rules: ScoringRules) -> Measure:
    """The measure of an indicator from the terms its function counted."""
    rule = rules.indicators[code]
    rate = terms.numerator / terms.denominator if terms.denominator else None
    scored = terms.rate_kind == RateKind.SHARE
    return Measure(
        code=code,
        numerator=terms.numerator,
        denominator=terms.denominator,
        rate=rate,
        score=points_for(rate=rate, rule=rule, rules=rules) if scored else None,
        max_points=rule.max_points if scored else 0.0,
        threshold=rule.threshold,
        rate_kind=terms.rate_kind,
        note=terms.note,
    )


def unavailable(*, code: str, note: str, rules: ScoringRules) -> Measure:
    """An indicator whose data the system does not hold: no terms, no points, said so."""
    rule = rules.indicators[code]
    return Measure(
        code=code,
        numerator=None,
        denominator=None,
        rate=None,
        score=None,
        max_points=rule.max_points,
        threshold=rule.threshold,
        availability=Availability.NOT_AVAILABLE,
        note=note,
    )


@dataclass(frozen=True)
class GroupTotal:
    """A group's points: `points` out of `scored_max` (the indicators computed), and the
    official `max_points` of the whole group (which also has indicators not computed here)."""

    code: str
    points: float
    scored_max: float
    max_points: float


@dataclass(frozen=True)
class Total:
    points: float
    scored_max: float
    max_points: float
    percent: float | None  # points ÷ scored_max × 100
    band: str | None


def group_totals(measures: list[Measure], rules: ScoringRules) -> list[GroupTotal]:
    """Each group's points over the indicators that were scored (an unavailable or unscored
    indicator adds neither points nor maximum)."""
    totals = []
    for group in rules.groups:
        scored = [m for m in measures if m.group == group.code and m.score is not None]
        totals.append(
            GroupTotal(
                code=group.code,
                points=sum(m.score or 0.0 for m in scored),
                scored_max=sum(m.max_points for m in scored),
                max_points=group.max_points,
            )
        )
    return totals


def band_for(percent: float, bands: tuple[Band, ...]) -> str | None:
    """The first band (highest first) whose minimum the percentage reaches."""
    for band in bands:
        if percent >= band.min_percent:
            return band.code
    return None


def total_of(groups: list[GroupTotal], rules: ScoringRules) -> Total:
    """The overall points; the band is read on the share of the points that could be scored,
    since some indicators of Decision 766 are not computed from this system."""
    points = sum(group.points for group in groups)
    scored_max = sum(group.scored_max for group in groups)
    percent = points * 100 / scored_max if scored_max else None
    return Total(
        points=points,
        scored_max=scored_max,
        max_points=sum(group.max_points for group in groups),
        percent=percent,
        band=band_for(percent, rules.bands) if percent is not None else None,
    )
