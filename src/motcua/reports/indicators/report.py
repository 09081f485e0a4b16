"""Every indicator over one scope, scored, totalled and set against the action program's targets;
and the same as plain JSON-ready data for the command and the API."""

from dataclasses import dataclass
from typing import Any

from motcua.core.clock import isoformat
from motcua.reports.indicators.measure import DataNotAvailable, Measure
from motcua.reports.indicators.registry import (
    BAND_TITLES,
    GROUP_TITLES,
    INDICATORS,
    get_indicator,
)
from motcua.reports.indicators.rules import ScoringRules, rules_for
from motcua.reports.indicators.scope import Scope
from motcua.reports.indicators.scoring import (
    GroupTotal,
    Total,
    group_totals,
    measure_of,
    total_of,
    unavailable,
)
from motcua.reports.indicators.targets import TARGET_TITLES, TargetResult, compare_targets

RATE_DIGITS = 4


@dataclass(frozen=True)
class IndicatorReport:
    scope: Scope
    rules: ScoringRules
    measures: list[Measure]
    groups: list[GroupTotal]
    total: Total
    targets: list[TargetResult]


def compute_measure(code: str, *, scope: Scope, rules: ScoringRules) -> Measure:
    """One indicator's measure over `scope`, or its "not available" measure."""
    try:
        terms = get_indicator(code).compute(scope=scope)
    except DataNotAvailable as missing:
        return unavailable(code=code, note=missing.note, rules=rules)
    return measure_of(code=code, terms=terms, rules=rules)


def compute_indicators(*, scope: Scope, rules: ScoringRules | None = None) -> IndicatorReport:
    """Every indicator of the registry over `scope`, with group totals, band and targets."""
    rules = rules or rules_for(period_end=scope.end)
    measures = [compute_measure(ind.code, scope=scope, rules=rules) for ind in INDICATORS]
    groups = group_totals(measures, rules)

    def for_sectors(code: str, sectors: tuple[str, ...]) -> Measure:
        return compute_measure(code, scope=scope.narrowed(sectors=sectors), rules=rules)

    targets = (
        compare_targets(
            year=scope.end.year,
            measures={measure.code: measure for measure in measures},
            measure_for_sectors=for_sectors,
        )
        if scope.start.year == scope.end.year
        else []
    )
    return IndicatorReport(
        scope=scope,
        rules=rules,
        measures=measures,
        groups=groups,
        total=total_of(groups, rules),
        targets=targets,
    )


def _number(value: float | None, digits: int = RATE_DIGITS) -> float | int | None:
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(value, digits)


def measure_as_dict(measure: Measure) -> dict[str, Any]:
    return {
        "code": measure.code,
        "title": str(get_indicator(measure.code).title),
        "group": measure.group,
        "numerator": _number(measure.numerator),
        "denominator": measure.denominator,
        "rate": _number(measure.rate),
        "rate_kind": measure.rate_kind.value,
        "score": _number(measure.score),
        "max_points": _number(measure.max_points),
        "threshold": _number(measure.threshold),
        "available": measure.is_available,
        "note": measure.note,
    }


def report_as_dict(report: IndicatorReport) -> dict[str, Any]:
    """The report as JSON-ready data (the command's `--format json` and the API's body)."""
    scope = report.scope
    rules = report.rules
    return {
        "period": {"start": scope.start.isoformat(), "end": scope.end.isoformat()},
        "cutoff": isoformat(scope.cutoff),
        "unit": scope.unit.code if scope.unit else None,
        "unit_name": scope.unit.name if scope.unit else None,
        "rules": {
            "valid_from": rules.valid_from.isoformat(),
            "source": rules.source,
            "empty_denominator": rules.empty_denominator.value,
        },
        "indicators": [measure_as_dict(measure) for measure in report.measures],
        "groups": [
            {
                "code": group.code,
                "title": str(GROUP_TITLES[group.code]),
                "points": _number(group.points),
                "scored_max": _number(group.scored_max),
                "max_points": _number(group.max_points),
            }
            for group in report.groups
        ],
        "total": {
            "points": _number(report.total.points),
            "scored_max": _number(report.total.scored_max),
            "max_points": _number(report.total.max_points),
            "percent": _number(report.total.percent, 2),
            "band": report.total.band,
            "band_title": str(BAND_TITLES[report.total.band]) if report.total.band else None,
        },
        "targets": [
            {
                "code": result.target.code,
                "title": str(TARGET_TITLES.get(result.target.code, result.target.code)),
                "program": result.program.code,
                "carried_forward": result.carried_forward,
                "indicator": result.target.indicator,
                "sectors": list(result.target.sectors),
                "target": _number(result.target.at_least),
                "actual": _number(result.actual),
                "status": result.status.value,
                "source": result.target.source,
                "confirmed": result.target.confirmed,
            }
            for result in report.targets
        ],
    }
