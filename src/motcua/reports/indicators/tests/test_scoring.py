"""Scoring rules as data, proportional points, group totals, bands and targets."""

from dataclasses import replace
from datetime import date

import pytest

from motcua.reports.indicators.measure import Availability, Measure, RateKind, Terms
from motcua.reports.indicators.registry import INDICATORS
from motcua.reports.indicators.rules import (
    EmptyDenominator,
    RulesError,
    all_rules,
    parse_rules,
    rules_for,
)
from motcua.reports.indicators.scoring import (
    band_for,
    group_totals,
    measure_of,
    total_of,
    unavailable,
)
from motcua.reports.indicators.targets import (
    TargetStatus,
    all_programs,
    compare_targets,
    program_for,
)

RULES = rules_for(period_end=date(2025, 12, 31))


def test_every_indicator_has_a_rule_with_a_source():
    for indicator in INDICATORS:
        rule = RULES.indicators[indicator.code]
        assert rule.source.startswith("Decision 766/QĐ-TTg")


def test_indicator_points_never_exceed_their_groups_maximum():
    for group in RULES.groups:
        points = sum(
            r.max_points for c, r in RULES.indicators.items() if c.split(".")[0] == group.code
        )
        assert points <= group.max_points, group.code


def test_the_groups_add_up_to_one_hundred_points():
    assert sum(group.max_points for group in RULES.groups) == 100


def test_a_later_version_applies_to_periods_ending_after_its_start():
    # given a second version from 2027 with another point value for 2.1
    document = {
        "format": "motcua.indicator-scoring/1",
        "versions": [
            _raw_version("2022-06-23", points_2_1=16),
            _raw_version("2027-01-01", points_2_1=18),
        ],
    }
    versions = parse_rules(document)
    # then the period's end picks the version
    assert [v.indicators["2.1"].max_points for v in versions] == [16, 18]


def test_a_malformed_scoring_file_is_refused():
    with pytest.raises(RulesError):
        parse_rules({"format": "motcua.indicator-scoring/1", "versions": [{"valid_from": "x"}]})


def _raw_version(valid_from: str, *, points_2_1: int) -> dict:
    return {
        "valid_from": valid_from,
        "source": "test",
        "empty_denominator": "full_marks",
        "empty_denominator_source": "test",
        "groups": [{"code": "2", "max_points": 20, "source": "t", "confirmed": True}],
        "indicators": [
            {
                "code": "2.1",
                "max_points": points_2_1,
                "threshold": 1,
                "source": "t",
                "confirmed": False,
            }
        ],
        "bands": [{"code": "good", "min_percent": 80, "source": "t", "confirmed": False}],
    }


def test_below_the_threshold_points_are_proportional():
    # 3.3: 6 points, full marks at 50%; a quarter of the dossiers online earns half
    measure = measure_of(code="3.3", terms=Terms(numerator=25, denominator=100), rules=RULES)
    assert (measure.rate, measure.score, measure.max_points) == (0.25, 3.0, 6.0)


def test_at_or_above_the_threshold_points_are_full():
    measure = measure_of(code="3.3", terms=Terms(numerator=60, denominator=100), rules=RULES)
    assert measure.score == 6.0


def test_empty_denominator_has_no_rate_and_scores_as_configured():
    # the shipped rules give full marks when nothing arose
    measure = measure_of(code="3.6", terms=Terms(numerator=0, denominator=0), rules=RULES)
    assert (measure.rate, measure.score) == (None, 4.0)
    zero = replace(RULES, empty_denominator=EmptyDenominator.ZERO)
    assert measure_of(code="3.6", terms=Terms(0, 0), rules=zero).score == 0.0
    left_out = replace(RULES, empty_denominator=EmptyDenominator.NOT_SCORED)
    assert measure_of(code="3.6", terms=Terms(0, 0), rules=left_out).score is None


def test_average_resolution_time_is_not_scored():
    terms = Terms(numerator=10, denominator=4, rate_kind=RateKind.WORKING_DAYS)
    measure = measure_of(code="2.2", terms=terms, rules=RULES)
    assert (measure.rate, measure.score, measure.max_points) == (2.5, None, 0.0)


def test_group_total_adds_the_scored_indicators_and_leaves_out_unavailable_ones():
    # given 1.3 at 50% (1 of 2 points) and 1.4 not available
    measures = [
        measure_of(code="1.3", terms=Terms(1, 2), rules=RULES),
        unavailable(code="1.4", note="no sync", rules=RULES),
    ]
    transparency = group_totals(measures, RULES)[0]
    assert (transparency.points, transparency.scored_max, transparency.max_points) == (1, 2, 18)


def test_band_is_read_on_the_share_of_the_points_scored():
    # given 32 of the 40 points of five scored indicators: 80%
    groups = group_totals(
        [
            Measure("2.1", 10, 10, 1.0, 16.0, 16.0, 1.0),
            Measure("3.2", 4, 4, 1.0, 4.0, 4.0, 1.0),
            Measure("3.6", 4, 4, 1.0, 4.0, 4.0, 1.0),
            Measure("4.2", 0, 10, 0.0, 0.0, 8.0, 0.8),
            Measure("4.3", 10, 10, 1.0, 8.0, 8.0, 0.8),
        ],
        RULES,
    )
    total = total_of(groups, RULES)
    assert (total.points, total.scored_max, total.percent, total.band) == (32, 40, 80, "good")


@pytest.mark.parametrize(
    ("percent", "band"),
    [(100, "good"), (80, "good"), (79.99, "fair"), (50, "average"), (0, "weak")],
)
def test_bands_by_percentage(percent, band):
    assert band_for(percent, RULES.bands) == band


def test_shipped_rules_parse():
    assert all_rules()[0].valid_from == date(2022, 6, 23)


def _measure(code: str, rate: float | None, *, available: bool = True) -> Measure:
    return Measure(
        code=code,
        numerator=None,
        denominator=None,
        rate=rate,
        score=None,
        max_points=0,
        threshold=None,
        availability=Availability.AVAILABLE if available else Availability.NOT_AVAILABLE,
    )


def test_targets_compare_the_actual_rate_with_the_program():
    # given 3.3 at 55% online, 3.1 at 90% of procedures online, satisfaction 92%, land 70%
    measures = {
        "3.3": _measure("3.3", 0.55),
        "3.1": _measure("3.1", 0.9),
        "5.4": _measure("5.4", 0.92),
    }

    def for_sectors(code, sectors):
        assert (code, sectors) == ("5.4", ("DDAI", "XD"))
        return _measure(code, 0.7)

    results = {
        result.target.code: result
        for result in compare_targets(year=2025, measures=measures, measure_for_sectors=for_sectors)
    }
    assert results["dossiers_online"].status == TargetStatus.MET
    assert results["eligible_procedures_online"].status == TargetStatus.NOT_MET
    assert results["satisfaction"].status == TargetStatus.MET
    assert results["satisfaction_land_construction"].status == TargetStatus.NOT_MET
    assert results["transactions_authenticated"].status == TargetStatus.NOT_MEASURED
    assert not results["dossiers_online"].carried_forward


def test_after_the_programs_period_its_targets_are_carried_forward():
    program, carried_forward = program_for(2026, all_programs())
    assert (program.code, carried_forward) == ("cchc-2020-2025", True)


def test_before_any_program_there_is_no_target():
    assert program_for(2019, all_programs()) is None
