"""The action program's targets (seed §1.2.2, §1.2.6) against the indicators' actual rates.

The targets are data (`data/targets.json`), each with its source. A year inside a program's
period is judged by that program; a later year by the last program before it, marked as
carried forward, until the next program is added to the file.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.reports.indicators.measure import Measure

TARGETS_FORMAT = "motcua.action-program-targets/1"

TARGET_TITLES: dict[str, Promise] = {
    "satisfaction": _("Satisfaction with the settlement of procedures"),
    "satisfaction_land_construction": _("Satisfaction in land and construction"),
    "eligible_procedures_online": _("Eligible procedures offered online"),
    "online_procedures_integrated": _("Online procedures integrated with the national portal"),
    "dossiers_online": _("Dossiers settled online"),
    "transactions_authenticated": _("Portal transactions electronically authenticated"),
    "work_records_online_province": _("Work records processed online (provincial bodies)"),
    "work_records_online_district": _("Work records processed online (district bodies)"),
    "work_records_online_commune": _("Work records processed online (communes)"),
}


class TargetStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"  # measured, but nothing arose in the period
    NOT_MEASURED = "not_measured"  # the system holds no data for it


STATUS_TITLES: dict[str, Promise] = {
    TargetStatus.MET: _("met"),
    TargetStatus.NOT_MET: _("not met"),
    TargetStatus.NO_DATA: _("nothing arose"),
    TargetStatus.NOT_MEASURED: _("not measured by the system"),
}


@dataclass(frozen=True)
class Target:
    code: str
    indicator: str | None
    at_least: float
    sectors: tuple[str, ...]
    source: str
    confirmed: bool


@dataclass(frozen=True)
class Program:
    code: str
    title: str
    first_year: int
    last_year: int
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class TargetResult:
    target: Target
    program: Program
    carried_forward: bool
    actual: float | None
    status: TargetStatus


def _program(raw: dict[str, Any]) -> Program:
    return Program(
        code=raw["code"],
        title=raw["title"],
        first_year=int(raw["first_year"]),
        last_year=int(raw["last_year"]),
        targets=tuple(
            Target(
                code=row["code"],
                indicator=row["indicator"],
                at_least=float(row["at_least"]),
                sectors=tuple(row["sectors"]),
                source=row["source"],
                confirmed=bool(row["confirmed"]),
            )
            for row in raw["targets"]
        ),
    )


def parse_programs(document: dict[str, Any]) -> tuple[Program, ...]:
    """Raises ValueError for another format, KeyError for a missing field."""
    if document.get("format") != TARGETS_FORMAT:
        raise ValueError(f"expected format {TARGETS_FORMAT}")
    return tuple(sorted((_program(raw) for raw in document["programs"]), key=_first_year))


def _first_year(program: Program) -> int:
    return program.first_year


@cache
def all_programs() -> tuple[Program, ...]:
    text = resources.files("motcua.reports.indicators").joinpath("data/targets.json").read_text()
    return parse_programs(json.loads(text))


def program_for(year: int, programs: tuple[Program, ...]) -> tuple[Program, bool] | None:
    """The program judging `year` and whether it is carried forward past its period."""
    current: tuple[Program, bool] | None = None
    for program in programs:
        if program.first_year <= year <= program.last_year:
            return program, False
        if program.last_year < year:
            current = (program, True)
    return current


def compare_targets(
    *,
    year: int,
    measures: dict[str, Measure],
    measure_for_sectors: Callable[[str, tuple[str, ...]], Measure],
    programs: tuple[Program, ...] | None = None,
) -> list[TargetResult]:
    """Each target of the year's program with the actual rate of its indicator.

    `measures` are the scope's measures; a target narrowed to sectors asks
    `measure_for_sectors(code, sectors)` for the same scope narrowed to them.
    """
    chosen = program_for(year, all_programs() if programs is None else programs)
    if chosen is None:
        return []
    program, carried_forward = chosen
    results = []
    for target in program.targets:
        actual: float | None = None
        if target.indicator is None:
            status = TargetStatus.NOT_MEASURED
        else:
            if target.sectors:
                measure = measure_for_sectors(target.indicator, target.sectors)
            else:
                measure = measures[target.indicator]
            actual = measure.rate
            if not measure.is_available:
                status = TargetStatus.NOT_MEASURED
            elif actual is None:
                status = TargetStatus.NO_DATA
            elif actual >= target.at_least:
                status = TargetStatus.MET
            else:
                status = TargetStatus.NOT_MET
        results.append(TargetResult(target, program, carried_forward, actual, status))
    return results
