"""`generate_province_year`: a year of dossiers on the demo province, written in bulk.

The year is drawn month by month (each month from its own seed, so memory stays bounded and
the result depends only on the dossier count, the year and the seed), told as far as
`as_of` (the end of the year, or now for the current year), then written with COPY on
PostgreSQL or `bulk_create` elsewhere, in one transaction. Generated history is bulk data, not
acts of officers: it has no audit rows of its own and publishes no events; the run itself is
recorded by one audit row (`demo.dossiers_generated`), so `motcua audit verify` stays true.
Roll-ups built from events are rebuilt afterwards (`motcua reports rebuild`).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from django.conf import settings
from django.db import transaction

from motcua.audit.services import record_audit
from motcua.core.clock import VIETNAM, now
from motcua.deadlines.queries import get_work_calendar
from motcua.demo.generator import plan
from motcua.demo.generator.loading import (
    RowWriter,
    lock_tables,
    next_id,
    rebuild_indexes,
    reset_sequence,
    set_aside_indexes,
    skip_foreign_key_checks,
)
from motcua.demo.generator.plan import Drawer, Month, epoch
from motcua.demo.generator.reference import read_reference
from motcua.demo.generator.tables import MonthTables, number_codes, read_counters, save_counters
from motcua.dossiers.models import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierFlag,
    DossierStep,
    Payment,
    TimelineEntry,
)
from motcua.organizations.models import Agency
from motcua.results.models import EResult

# The tables a run writes, and the size from which their plain indexes are set aside.
WRITTEN = (Dossier, DossierStep, TimelineEntry, Payment, DossierFlag, DossierDocument, EResult)
INDEX_REBUILD_FROM = 100_000


class YearNotStarted(Exception):
    """The year asked for has not begun: there is nothing to generate yet."""


@dataclass(frozen=True)
class GeneratedMonth:
    """What a month hook receives: the month's columns, the dossiers' ids and codes, and a
    random generator of its own (seeded from the run's seed and the month)."""

    number: int
    month: Month
    ids: np.ndarray
    codes: list[str]
    as_of: int
    rng: np.random.Generator


MonthHook = Callable[[GeneratedMonth], None]
# Apps that add generated rows of their own register here, e.g. ratings of returned dossiers
# (Decree 118/2025 Art. 33) once the surveys app has its `Rating`: a hook writes them with
# `loading.write_rows` inside the same transaction. See docs/demo-data.md.
MONTH_HOOKS: list[MonthHook] = []


def register_month_hook(hook: MonthHook) -> None:
    if hook not in MONTH_HOOKS:
        MONTH_HOOKS.append(hook)


@dataclass
class GenerationReport:
    dossiers: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    table_seconds: dict[str, float] = field(default_factory=dict)
    foreign_key_checks_skipped: bool = False


def month_sizes(*, total: int, year: int, seed: int, as_of: int, calendar: object) -> list[int]:
    """Split `total` over the months in proportion to their working time before `as_of`."""
    weights = []
    for month in range(1, 13):
        start, end = month_bounds(year, month)
        end = min(end, as_of)
        if end <= start:
            weights.append(0.0)
            continue
        seconds = calendar.working_seconds_between_batch(  # type: ignore[attr-defined]
            np.array([start]), np.array([end])
        )
        weights.append(float(seconds[0]))
    shares = np.array(weights) / sum(weights)
    return np.random.default_rng([seed, year, 0]).multinomial(total, shares).tolist()


def month_bounds(year: int, month: int) -> tuple[int, int]:
    start = datetime(year, month, 1, tzinfo=VIETNAM)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VIETNAM)
    return epoch(start), epoch(end)


def generate_province_year(
    *,
    dossiers: int,
    year: int,
    seed: int,
    as_of: datetime | None = None,
    out: Callable[[str], None] = lambda line: None,
) -> GenerationReport:
    """Generate `dossiers` dossiers arriving in `year` on the demo province.

    Raises MissingDemoProvince when the demo province is not loaded, YearNotStarted for a
    year after `as_of` (default: now).
    """
    started = time.perf_counter()
    moment = epoch(as_of or now())
    year_start, _ = month_bounds(year, 1)
    _, year_end = month_bounds(year, 12)
    if year_start >= moment:
        raise YearNotStarted(f"{year} has not begun")
    cut = min(year_end - 1, moment)
    calendar = get_work_calendar(province=settings.PROVINCE_CODE)
    report = GenerationReport()
    with transaction.atomic():
        reference = read_reference()
        drawer = Drawer(
            reference=reference,
            calendar=calendar,
            seed=seed,
            year=year,
            supplement_wait=tuple(settings.DOSSIERS_SUPPLEMENT_WAIT),  # type: ignore[arg-type]
        )
        lock_tables(Dossier, DossierCodeCounter)
        report.foreign_key_checks_skipped = skip_foreign_key_checks()
        # Large loads build the plain indexes once at the end instead of row by row.
        indexes = set_aside_indexes(*WRITTEN) if dossiers >= INDEX_REBUILD_FROM else []
        first_id = next_id(Dossier)
        sizes = month_sizes(total=dossiers, year=year, seed=seed, as_of=cut, calendar=calendar)
        # Every query of the run comes before or after the months: while they are drawn the
        # connection is busy writing the month before (`RowWriter`).
        existing = read_counters(first=date(year, 1, 1), last=date(year, 12, 31))
        counters: dict[tuple[str, date], int] = {}
        writer = RowWriter()
        try:
            for number, size in enumerate(sizes, start=1):
                if size == 0:
                    continue
                start, end = month_bounds(year, number)
                month = drawer.draw(
                    month=number, size=size, start=start, end=min(end, cut), as_of=cut
                )
                codes, moved = number_codes(month, existing=existing)
                counters.update(moved)
                tables = MonthTables(
                    month=month,
                    reference=reference,
                    calendar=calendar,
                    first_id=first_id,
                    as_of=cut,
                    rng=np.random.default_rng([seed, year, number, 1]),
                )
                for rows in tables.build(codes):
                    writer.write(rows)
                    name = rows.model._meta.model_name or ""
                    report.rows[name] = report.rows.get(name, 0) + rows.size
                statuses = np.unique(tables.status, return_counts=True)
                for status, count in zip(*statuses, strict=True):
                    key = plan.STATUSES[int(status)]
                    report.statuses[key] = report.statuses.get(key, 0) + int(count)
                if MONTH_HOOKS:
                    writer.drain()  # hooks write rows of their own
                for hook in MONTH_HOOKS:
                    hook(
                        GeneratedMonth(
                            number=number,
                            month=month,
                            ids=tables.ids,
                            codes=codes,
                            as_of=cut,
                            rng=np.random.default_rng([seed, year, number, 2]),
                        )
                    )
                first_id += size
                report.dossiers += size
                out(f"{year}-{number:02d}: {size} dossiers ({time.perf_counter() - started:.0f} s)")
        finally:
            writer.close()
        report.table_seconds.update(writer.seconds)
        save_counters(counters)
        began = time.perf_counter()
        rebuild_indexes(indexes)
        report.table_seconds["indexes"] = time.perf_counter() - began
        reset_sequence(Dossier)
        province = Agency.objects.get(pk=reference.provincial_centre.agency_pk)
        record_audit(
            actor=None,
            action="demo.dossiers_generated",
            target=province,
            after={"dossiers": report.dossiers, "year": year, "seed": seed, "rows": report.rows},
        )
    report.seconds = time.perf_counter() - started
    return report
