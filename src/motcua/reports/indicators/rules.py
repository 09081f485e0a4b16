"""The scoring rules as versioned data (`data/scoring.json`), each number with its source.

A version applies to a period that ends on or after its `valid_from`; the newest such version
wins. Nothing here is hard-coded: a corrected point value is a new version in the file.
"""

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

SCORING_FORMAT = "motcua.indicator-scoring/1"


class EmptyDenominator(StrEnum):
    """How an indicator scores when nothing arose in the period (rate None)."""

    FULL_MARKS = "full_marks"
    ZERO = "zero"
    NOT_SCORED = "not_scored"  # left out of the totals, its points too


@dataclass(frozen=True)
class IndicatorRule:
    code: str
    max_points: float
    threshold: float | None  # full marks from this rate; None: not scored
    source: str
    confirmed: bool


@dataclass(frozen=True)
class GroupRule:
    code: str
    max_points: float
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Band:
    code: str
    min_percent: float
    source: str
    confirmed: bool


@dataclass(frozen=True)
class ScoringRules:
    valid_from: date
    source: str
    empty_denominator: EmptyDenominator
    empty_denominator_source: str
    groups: tuple[GroupRule, ...]
    indicators: dict[str, IndicatorRule]
    bands: tuple[Band, ...]  # highest first


class RulesError(ValueError):
    """The scoring file is malformed (a deployment error, caught by the tests)."""


def _version(raw: dict[str, Any]) -> ScoringRules:
    try:
        return ScoringRules(
            valid_from=date.fromisoformat(raw["valid_from"]),
            source=raw["source"],
            empty_denominator=EmptyDenominator(raw["empty_denominator"]),
            empty_denominator_source=raw["empty_denominator_source"],
            groups=tuple(
                GroupRule(
                    code=row["code"],
                    max_points=float(row["max_points"]),
                    source=row["source"],
                    confirmed=bool(row["confirmed"]),
                )
                for row in raw["groups"]
            ),
            indicators={
                row["code"]: IndicatorRule(
                    code=row["code"],
                    max_points=float(row["max_points"]),
                    threshold=None if row["threshold"] is None else float(row["threshold"]),
                    source=row["source"],
                    confirmed=bool(row["confirmed"]),
                )
                for row in raw["indicators"]
            },
            bands=tuple(
                sorted(
                    (
                        Band(
                            code=row["code"],
                            min_percent=float(row["min_percent"]),
                            source=row["source"],
                            confirmed=bool(row["confirmed"]),
                        )
                        for row in raw["bands"]
                    ),
                    key=lambda band: band.min_percent,
                    reverse=True,
                )
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"scoring version is malformed: {error!r}") from error


def parse_rules(document: dict[str, Any]) -> tuple[ScoringRules, ...]:
    """Every version of a scoring document, oldest first. Raises RulesError."""
    if document.get("format") != SCORING_FORMAT:
        raise RulesError(f"expected format {SCORING_FORMAT}")
    versions = tuple(sorted((_version(raw) for raw in document["versions"]), key=_valid_from))
    if not versions:
        raise RulesError("no scoring version")
    return versions


def _valid_from(rules: ScoringRules) -> date:
    return rules.valid_from


@cache
def all_rules() -> tuple[ScoringRules, ...]:
    text = resources.files("motcua.reports.indicators").joinpath("data/scoring.json").read_text()
    return parse_rules(json.loads(text))


def rules_for(*, period_end: date) -> ScoringRules:
    """The version in force at the end of the period (the oldest one before any version)."""
    versions = all_rules()
    current = versions[0]
    for version in versions:
        if version.valid_from <= period_end:
            current = version
    return current
