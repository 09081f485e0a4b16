# ruff: noqa: S608 -- the SQL is assembled from this module's constants and table names only;
# every value from outside goes in as a query parameter.
"""Keeping the roll-up facts: after each dossier event, in bulk, and checked against both.

`refresh_dossier` recomputes one dossier's contribution, and when it changed subtracts the old
one from `DailyFact` and adds the new one (upserts that add, so concurrent refreshes of other
dossiers sharing a cell never lose a count). It is idempotent: an event delivered twice, or
an event for a dossier whose outcome did not change, changes nothing. `rebuild` recomputes
contributions and facts set-based in SQL; `check` recomputes them into temporary tables and
names the cells that differ.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import structlog
from django.db import connection, transaction

from motcua.deadlines.engine.timebase import VIETNAM_TIME
from motcua.dossiers.models import Dossier
from motcua.reports.contributions import (
    CONTRIBUTION_COLUMNS,
    CONTRIBUTION_TABLE,
    FACT_TABLE,
    MONTH_TABLE,
    Contribution,
    calendar_span,
    compute_contributions,
    create_calendar_table,
    drop_calendar_table,
    fact_increments,
    insert_contributions_sql,
    insert_facts_sql,
    insert_months_sql,
    work_calendar,
)
from motcua.reports.models import DIMENSIONS, MEASURES, DailyFact, DossierContribution

log = structlog.get_logger(__name__)

KEY_COLUMNS = ("day", *DIMENSIONS)
REBUILD_WORK_MEM = "256MB"


def _stored_contributions(dossier_ids: list[int]) -> dict[int, Contribution]:
    rows = DossierContribution.objects.filter(pk__in=dossier_ids).values_list(*CONTRIBUTION_COLUMNS)
    return {row[0]: Contribution.from_row(row) for row in rows}


def _upsert(table: str, key: str, cells: dict[tuple[Any, ...], dict[str, int]]) -> None:
    """Add (or subtract) amounts to the cells of `table`, creating missing cells and dropping
    emptied ones. `key` is the table's time column (`day` or `month`)."""
    key_columns = (key, *DIMENSIONS)
    columns = ", ".join((*key_columns, *MEASURES))
    conflict = ", ".join(key_columns)
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in MEASURES)
    placeholders = ", ".join(["%s"] * (len(key_columns) + len(MEASURES)))
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )
    rows = [
        (*cell_key, *(amounts.get(measure, 0) for measure in MEASURES))
        for cell_key, amounts in sorted(cells.items())
        if any(amounts.values())
    ]
    if not rows:
        return
    empty = " AND ".join(f"{measure} = 0" for measure in MEASURES)
    match = " AND ".join(f"{column} = %s" for column in key_columns)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        cursor.executemany(
            f"DELETE FROM {table} WHERE {match} AND {empty}",
            [row[: len(key_columns)] for row in rows],
        )


def _add_to_facts(cells: dict[tuple[Any, ...], dict[str, int]]) -> None:
    """Apply amounts keyed by (day, *dimensions) to the daily and the monthly facts."""
    months: dict[tuple[Any, ...], dict[str, int]] = {}
    for (day, *dimensions), amounts in cells.items():
        month = months.setdefault((day.replace(day=1), *dimensions), {})
        for measure, amount in amounts.items():
            month[measure] = month.get(measure, 0) + amount
    _upsert(FACT_TABLE, "day", cells)
    _upsert(MONTH_TABLE, "month", months)


def _difference(
    changes: list[tuple[Contribution | None, Contribution | None]],
) -> dict[tuple[Any, ...], dict[str, int]]:
    """What replacing each old contribution by its new one adds to the cells (old, new pairs)."""
    cells: dict[tuple[Any, ...], dict[str, int]] = {}
    for old, new in changes:
        for contribution, sign in ((old, -1), (new, 1)):
            if contribution is None:
                continue
            for key, amounts in fact_increments(contribution).items():
                cell = cells.setdefault(key, {})
                for measure, amount in amounts.items():
                    cell[measure] = cell.get(measure, 0) + sign * amount
    return cells


def refresh_dossier(*, dossier_id: int) -> bool:
    """Bring the facts up to date with one dossier; returns whether anything changed."""
    return refresh_dossiers(dossier_ids=[dossier_id]) > 0


def refresh_dossiers(*, dossier_ids: Iterable[int]) -> int:
    """Bring the facts up to date with these dossiers in one transaction; returns how many
    dossiers' contributions changed. The amounts of every changed dossier are summed per cell
    first, so a batch writes each cell once."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return 0
    with transaction.atomic():
        # Serialises refreshes of the same dossiers (a no-op on SQLite, which has one writer);
        # in id order, so two batches never wait for each other in a cycle.
        present = list(
            Dossier.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        stored = _stored_contributions(present)
        computed = compute_contributions(dossier_ids=present)
        changes = [
            (stored.get(pk), computed.get(pk))
            for pk in present
            if stored.get(pk) != computed.get(pk)
        ]
        if not changes:
            return 0
        _add_to_facts(_difference(changes))
        gone = [old.dossier_id for old, new in changes if new is None and old is not None]
        if gone:
            DossierContribution.objects.filter(pk__in=gone).delete()
        kept = [
            DossierContribution(**{name: getattr(new, name) for name in CONTRIBUTION_COLUMNS})
            for _old, new in changes
            if new is not None
        ]
        if kept:
            DossierContribution.objects.bulk_create(
                kept,
                update_conflicts=True,
                unique_fields=["dossier_id"],
                update_fields=list(CONTRIBUTION_COLUMNS[1:]),
            )
    return len(changes)


@dataclass(frozen=True)
class RebuildResult:
    contributions: int
    facts: int


def _year_filter(year: int | None) -> tuple[str, list[Any]]:
    if year is None:
        return "", []
    return " AND d.received_at >= %s AND d.received_at < %s", [
        _vietnam_midnight(date(year, 1, 1)),
        _vietnam_midnight(date(year + 1, 1, 1)),
    ]


def _vietnam_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=VIETNAM_TIME)


def _fill_contributions(*, target: str, year: int | None) -> None:
    where, params = _year_filter(year)
    span = calendar_span(where=where, params=params)
    if span is None:
        return
    width = create_calendar_table(calendar=work_calendar(), first=span[0], last=span[1])
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                insert_contributions_sql(target=target, width=width, where=where), params
            )
    finally:
        drop_calendar_table()


def rebuild(*, year: int | None = None) -> RebuildResult:
    """Recompute contributions (all, or of the dossiers received in `year`) and every fact."""
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Rebuilding takes the facts over: refreshes wait instead of adding to stale rows.
            if postgresql:
                # A full rebuild truncates the contributions: it takes that lock first and at
                # once, never by upgrading later while a refresh waits for the facts.
                emptied = "ACCESS EXCLUSIVE" if year is None else "EXCLUSIVE"
                cursor.execute(f"LOCK TABLE {CONTRIBUTION_TABLE} IN {emptied} MODE", [])
                cursor.execute(f"LOCK TABLE {FACT_TABLE}, {MONTH_TABLE} IN EXCLUSIVE MODE", [])
                # The grouping of millions of rows hashes in memory instead of sorting on disk.
                cursor.execute(f"SET LOCAL work_mem = '{REBUILD_WORK_MEM}'", [])
            if year is None:
                # Only refreshes read the contributions, and they wait for the lock anyway:
                # emptying the table at once beats deleting ten million rows one by one.
                emptying = "TRUNCATE" if postgresql else "DELETE FROM"
                cursor.execute(f"{emptying} {CONTRIBUTION_TABLE}", [])
            else:
                where, params = _year_filter(year)
                cursor.execute(
                    f"DELETE FROM {CONTRIBUTION_TABLE} WHERE dossier_id IN "
                    f"(SELECT d.id FROM {Dossier._meta.db_table} d "
                    f"WHERE d.received_at IS NOT NULL{where})",
                    params,
                )
        _fill_contributions(target=CONTRIBUTION_TABLE, year=year)
        with connection.cursor() as cursor:
            # Dashboards go on reading the old facts until the rebuild commits: DELETE, not
            # TRUNCATE, and the facts' indexes stay (dropping one would lock the readers out).
            cursor.execute(f"DELETE FROM {FACT_TABLE}", [])
            cursor.execute(insert_facts_sql(target=FACT_TABLE, source=CONTRIBUTION_TABLE), [])
            cursor.execute(f"DELETE FROM {MONTH_TABLE}", [])
            cursor.execute(insert_months_sql(target=MONTH_TABLE, source=FACT_TABLE), [])
    result = RebuildResult(
        contributions=DossierContribution.objects.count(), facts=DailyFact.objects.count()
    )
    log.info("reports_rebuilt", year=year, contributions=result.contributions, facts=result.facts)
    return result


@dataclass(frozen=True)
class FactDifference:
    """One cell where the kept facts and a full recompute disagree."""

    key: dict[str, Any]
    kept: dict[str, int]
    expected: dict[str, int]


def check(*, limit: int = 10) -> list[FactDifference]:
    """Recompute every fact from the dossiers and list the first cells that differ."""
    expected_contributions = "reports_expected_contributions"
    expected_facts = "reports_expected_facts"
    expected_months = "reports_expected_months"
    differences: list[FactDifference] = []
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL work_mem = '{REBUILD_WORK_MEM}'", [])
            for table, like in (
                (expected_contributions, CONTRIBUTION_TABLE),
                (expected_facts, FACT_TABLE),
                (expected_months, MONTH_TABLE),
            ):
                cursor.execute(f"DROP TABLE IF EXISTS {table}", [])
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {table} AS SELECT * FROM {like} WHERE 1 = 0", []
                )
        _fill_contributions(target=expected_contributions, year=None)
        with connection.cursor() as cursor:
            cursor.execute(
                insert_facts_sql(target=expected_facts, source=expected_contributions), []
            )
            cursor.execute(insert_months_sql(target=expected_months, source=expected_facts), [])
            rows: list[tuple[Any, ...]] = []
            for kept_table, expected_table, time_column in (
                (FACT_TABLE, expected_facts, "day"),
                (MONTH_TABLE, expected_months, "month"),
            ):
                columns = ", ".join((time_column, *DIMENSIONS, *MEASURES))
                cursor.execute(
                    f"SELECT '{time_column}', {columns}, 'kept' FROM (SELECT {columns} "
                    f"FROM {kept_table} EXCEPT SELECT {columns} FROM {expected_table}) kept_only "
                    f"UNION ALL SELECT '{time_column}', {columns}, 'expected' FROM (SELECT "
                    f"{columns} FROM {expected_table} EXCEPT SELECT {columns} FROM {kept_table}) "
                    "expected_only",
                    [],
                )
                rows.extend(cursor.fetchall())
            for table in (expected_contributions, expected_facts, expected_months):
                cursor.execute(f"DROP TABLE {table}", [])
    cells: dict[tuple[Any, ...], dict[str, dict[str, int]]] = {}
    width = len(KEY_COLUMNS)
    for row in rows:
        key = tuple(str(value) for value in row[: width + 1])
        amounts = dict(zip(MEASURES, row[width + 1 : -1], strict=True))
        cells.setdefault(key, {})[row[-1]] = amounts
    zero = dict.fromkeys(MEASURES, 0)
    for key in sorted(cells)[:limit]:
        kept, expected = cells[key].get("kept", zero), cells[key].get("expected", zero)
        differences.append(
            FactDifference(
                key=dict(zip((key[0], *DIMENSIONS), key[1:], strict=True)),
                kept={m: v for m, v in kept.items() if v != expected[m]},
                expected={m: v for m, v in expected.items() if v != kept[m]},
            )
        )
    return differences
