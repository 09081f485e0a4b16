# ruff: noqa: S608 -- the SQL is assembled from this module's constants and table names only;
# every value from outside goes in as a query parameter.
"""Each received dossier's contribution to the facts, computed in SQL for one or all dossiers.

One SELECT (`_contribution_select`) turns dossier rows into `DossierContribution` rows on
PostgreSQL and SQLite alike: the same days and classes as `reports.outcomes` (Vietnam's day
is UTC+7 with no daylight saving; the 766 late rule; the extended due moment). The bulk path
joins a temporary table of the working calendar (per day: working seconds before it and its
office periods) to sum resolution times in working seconds; the path for one dossier asks the
calendar in Python. `fact_increments` is what one contribution adds to `DailyFact`, and
`FACTS_FROM_CONTRIBUTIONS` the same in SQL for the rebuild.
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection

from motcua.catalog.models import ProcedureVersion
from motcua.deadlines import engine
from motcua.dossiers.due_moments import work_calendar
from motcua.dossiers.models import Dossier, DossierDocument, Payment
from motcua.organizations.models import ServiceCentre
from motcua.reports.models import (
    DIMENSIONS,
    MEASURES,
    DailyFact,
    DossierContribution,
    MonthlyFact,
)
from motcua.reports.outcomes import (
    MAX_SUPPLEMENT_REQUESTS_ON_TIME,
    REFUSED_STATUSES,
    RESOLVED_STATUSES,
    WITHDRAWN_STATUSES,
)
from motcua.results.models import EResult

CALENDAR_TABLE = "reports_calendar_days"
RESOLVED_OUTCOMES = frozenset({"early", "on_time", "late"})
VIETNAM_OFFSET_SECONDS = 7 * 3600


@dataclass(frozen=True)
class Contribution:
    """A `DossierContribution` row as plain values (compared to detect a change)."""

    dossier_id: int
    level_id: int
    unit_id: int
    agency_id: int
    procedure_id: int
    sector_id: int
    channel: int
    received_on: date
    due_on: date | None
    finished_on: date | None
    outcome: str
    settled_on: date | None
    resolution_working_seconds: int
    online_paid: bool
    with_e_result: bool
    digitised: bool
    reused: bool
    with_fee: bool

    @classmethod
    def from_row(cls, row: Iterable[Any]) -> "Contribution":
        values = dict(zip(CONTRIBUTION_COLUMNS, row, strict=True))
        for name in ("received_on", "due_on", "finished_on", "settled_on"):
            if isinstance(values[name], str):
                values[name] = date.fromisoformat(values[name])
        for name in ("online_paid", "with_e_result", "digitised", "reused", "with_fee"):
            values[name] = bool(values[name])
        return cls(**values)

    @property
    def dimensions(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in DIMENSIONS)


CONTRIBUTION_COLUMNS = tuple(field.name for field in fields(Contribution))


def _quoted_statuses(statuses: Iterable[str]) -> str:
    return ", ".join(f"'{status}'" for status in sorted(statuses))


class _Dialect:
    """The few expressions that differ between PostgreSQL and SQLite."""

    def __init__(self) -> None:
        self.postgresql = connection.vendor == "postgresql"

    def day(self, column: str) -> str:
        if self.postgresql:
            return f"(({column} AT TIME ZONE 'UTC') + INTERVAL '7 hours')::date"
        return f"date({column}, '+7 hours')"

    def second_of_day(self, column: str) -> str:
        if self.postgresql:
            epoch = f"floor(extract(epoch FROM {column}))::bigint"
        else:
            epoch = f"CAST(strftime('%%s', {column}) AS INTEGER)"
        return f"(({epoch} + {VIETNAM_OFFSET_SECONDS}) %% 86400)"

    def greatest(self, first: str, second: str) -> str:
        return f"GREATEST({first}, {second})" if self.postgresql else f"max({first}, {second})"

    def least(self, first: str, second: str) -> str:
        return f"LEAST({first}, {second})" if self.postgresql else f"min({first}, {second})"

    def true(self) -> str:
        return "TRUE" if self.postgresql else "1"


def _elapsed(dialect: _Dialect, *, alias: str, second: str, width: int) -> str:
    """Working seconds from the calendar table's first day until a moment, given by the
    column holding its second of the day (the calendar row `alias` is the moment's day)."""
    periods = " + ".join(
        dialect.greatest(
            f"{dialect.least(second, f'{alias}.end_{slot}')} - {alias}.start_{slot}", "0"
        )
        for slot in range(width)
    )
    return f"({alias}.cumulative + {periods})"


def _flag_columns(sql: _Dialect, *, dossier: str, bulk: bool) -> dict[str, str]:
    """The 766 flags of a dossier: paid online, with an e-result, digitised, reused.

    For one dossier, EXISTS probes the indexes. For all of them, joins with the flags grouped
    per dossier (`_flag_joins`): a hash join spills to disk when ten million dossiers' flags
    outgrow `work_mem`, where a hashed EXISTS would fall back to a probe per dossier.
    """
    if bulk:
        return {
            "online_paid": "op.dossier_id IS NOT NULL",
            "with_e_result": "er.dossier_id IS NOT NULL",
            "digitised": "COALESCE(doc.digitised, 0) = 1",
            "reused": "COALESCE(doc.reused, 0) = 1",
        }
    payment = Payment._meta.db_table
    document = DossierDocument._meta.db_table
    e_result = EResult._meta.db_table
    return {
        "online_paid": (
            f"EXISTS (SELECT 1 FROM {payment} p WHERE p.dossier_id = {dossier}.id "
            "AND p.method = 'online')"
        ),
        "with_e_result": f"EXISTS (SELECT 1 FROM {e_result} r WHERE r.dossier_id = {dossier}.id)",
        "digitised": (
            f"EXISTS (SELECT 1 FROM {document} dd WHERE dd.dossier_id = {dossier}.id "
            f"AND dd.digitised_at_intake = {sql.true()})"
        ),
        "reused": (
            f"EXISTS (SELECT 1 FROM {document} dr WHERE dr.dossier_id = {dossier}.id "
            f"AND dr.reused = {sql.true()})"
        ),
    }


def _flag_joins(sql: _Dialect, *, dossier: str) -> str:
    payment = Payment._meta.db_table
    document = DossierDocument._meta.db_table
    e_result = EResult._meta.db_table
    true = sql.true()
    return (
        f" LEFT JOIN (SELECT DISTINCT dossier_id FROM {payment} WHERE method = 'online') op"
        f" ON op.dossier_id = {dossier}.id"
        f" LEFT JOIN (SELECT DISTINCT dossier_id FROM {e_result} WHERE dossier_id IS NOT NULL)"
        f" er ON er.dossier_id = {dossier}.id"
        f" LEFT JOIN (SELECT dossier_id,"
        f" MAX(CASE WHEN digitised_at_intake = {true} THEN 1 ELSE 0 END) AS digitised,"
        f" MAX(CASE WHEN reused = {true} THEN 1 ELSE 0 END) AS reused"
        f" FROM {document} WHERE dossier_id IS NOT NULL GROUP BY dossier_id) doc"
        f" ON doc.dossier_id = {dossier}.id"
    )


def _contribution_select(*, width: int | None, where: str = "") -> str:
    """The SELECT of contribution rows. Without `width`, resolution seconds are 0 (filled in
    Python); with it, they come from the calendar table with `width` office periods a day.

    The inner query turns each moment into its Vietnamese day (and second of the day) once per
    dossier; `OFFSET 0` keeps the planner from folding it into the outer query, which would
    repeat those conversions in every CASE that uses them.
    """
    sql = _Dialect()
    d, x = "d", "x"
    resolved = _quoted_statuses(RESOLVED_STATUSES)
    withdrawn = _quoted_statuses(WITHDRAWN_STATUSES)
    refused = _quoted_statuses(REFUSED_STATUSES)
    inner = {
        "dossier_id": f"{d}.id",
        "level_id": "c.level_id",
        "unit_id": "c.unit_id",
        "agency_id": f"{d}.agency_id",
        "procedure_id": "v.procedure_id",
        "sector_id": "v.sector_id",
        "channel": f"{d}.channel",
        "status": f"{d}.status",
        "supplement_requests": f"{d}.supplement_requests",
        "fee_amount_vnd": f"{d}.fee_amount_vnd",
        "due_at": f"{d}.due_at",
        "decided_at": f"{d}.decided_at",
        "closed_at": f"{d}.closed_at",
        "received_on": sql.day(f"{d}.received_at"),
        "due_day": sql.day(f"{d}.due_at"),
        "decided_day": sql.day(f"{d}.decided_at"),
        "closed_day": sql.day(f"{d}.closed_at"),
        "received_second": sql.second_of_day(f"{d}.received_at"),
        "decided_second": sql.second_of_day(f"{d}.decided_at"),
        **_flag_columns(sql, dossier=d, bulk=width is not None),
    }
    many_supplements = f"{x}.supplement_requests > {MAX_SUPPLEMENT_REQUESTS_ON_TIME}"
    is_resolved = f"{x}.status IN ({resolved}) AND {x}.decided_at IS NOT NULL"
    is_withdrawn = f"{x}.status IN ({withdrawn}) AND {x}.closed_at IS NOT NULL"
    is_refused = f"{x}.status IN ({refused}) AND {x}.closed_at IS NOT NULL"
    due_on = f"CASE WHEN {many_supplements} THEN {x}.received_on ELSE {x}.due_day END"
    finished_on = (
        f"CASE WHEN {is_resolved} THEN {x}.decided_day "
        f"WHEN {is_withdrawn} OR {is_refused} THEN {x}.closed_day END"
    )
    outcome = (
        f"CASE WHEN {is_resolved} THEN (CASE WHEN {many_supplements} THEN 'late' "
        f"WHEN {x}.due_at IS NULL THEN 'on_time' "
        f"WHEN {x}.decided_day < {x}.due_day THEN 'early' "
        f"WHEN {x}.decided_at <= {x}.due_at THEN 'on_time' ELSE 'late' END) "
        f"WHEN {is_withdrawn} THEN 'withdrawn' WHEN {is_refused} THEN 'refused' ELSE '' END"
    )
    settled_on = (
        f"CASE WHEN ({due_on}) IS NULL OR ({finished_on}) IS NULL THEN NULL "
        f"ELSE {sql.greatest(f'({due_on})', f'({finished_on})')} END"
    )
    joins = ""
    if width is None:
        seconds = "0"
    else:
        joins = (
            f" LEFT JOIN {CALENDAR_TABLE} cr ON cr.day = {x}.received_on"
            f" LEFT JOIN {CALENDAR_TABLE} cd ON cd.day = {x}.decided_day"
        )
        seconds = (
            f"CASE WHEN {is_resolved} THEN "
            f"{_elapsed(sql, alias='cd', second=f'{x}.decided_second', width=width)} - "
            f"{_elapsed(sql, alias='cr', second=f'{x}.received_second', width=width)} ELSE 0 END"
        )
    columns = {
        **{name: f"{x}.{name}" for name in CONTRIBUTION_COLUMNS[:8]},
        "due_on": due_on,
        "finished_on": finished_on,
        "outcome": outcome,
        "settled_on": settled_on,
        "resolution_working_seconds": seconds,
        **{name: f"{x}.{name}" for name in ("online_paid", "with_e_result", "digitised", "reused")},
        "with_fee": f"{x}.fee_amount_vnd > 0",
    }
    assert tuple(columns) == CONTRIBUTION_COLUMNS
    select = ", ".join(columns.values())
    inner_select = ", ".join(f"{value} AS {name}" for name, value in inner.items())
    keep_apart = "OFFSET 0" if sql.postgresql else "LIMIT -1 OFFSET 0"
    return (
        f"SELECT {select} FROM (SELECT {inner_select} FROM {Dossier._meta.db_table} {d}"
        f" JOIN {ServiceCentre._meta.db_table} c ON c.id = {d}.service_centre_id"
        f" JOIN {ProcedureVersion._meta.db_table} v ON v.id = {d}.procedure_version_id"
        f"{_flag_joins(sql, dossier=d) if width is not None else ''}"
        f" WHERE {d}.received_at IS NOT NULL{where} {keep_apart}) {x}{joins}"
    )


def compute_contributions(*, dossier_ids: Iterable[int]) -> dict[int, Contribution]:
    """The contributions of these dossiers as they stand, by dossier id (two statements for any
    number of dossiers; those never received are absent)."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            _contribution_select(width=None, where=f" AND d.id IN ({placeholders})"), ids
        )
        found = {row[0]: Contribution.from_row(row) for row in cursor.fetchall()}
    resolved = [
        pk for pk, contribution in found.items() if contribution.outcome in RESOLVED_OUTCOMES
    ]
    if resolved:
        calendar = _work_calendar()
        moments = Dossier.objects.filter(pk__in=resolved).values_list(
            "pk", "received_at", "decided_at"
        )
        for pk, received_at, decided_at in moments:
            # A resolved contribution comes from a received and decided dossier.
            assert received_at is not None
            assert decided_at is not None
            seconds = calendar.working_seconds_between(received_at, decided_at)
            found[pk] = replace(found[pk], resolution_working_seconds=seconds)
    return found


def _work_calendar() -> engine.WorkCalendar:
    return work_calendar()


def fact_increments(contribution: Contribution) -> dict[tuple[Any, ...], dict[str, int]]:
    """What one contribution adds to `DailyFact`, keyed by (day, *dimensions)."""
    cells: dict[tuple[Any, ...], dict[str, int]] = {}

    def add(day: date | None, measure: str, amount: int = 1) -> None:
        if day is None or amount == 0:
            return
        cell = cells.setdefault((day, *contribution.dimensions), {})
        cell[measure] = cell.get(measure, 0) + amount

    c = contribution
    add(c.received_on, "received")
    for flag in ("online_paid", "with_e_result", "digitised", "reused", "with_fee"):
        add(c.received_on, flag, int(getattr(c, flag)))
    add(c.due_on, "due")
    if c.outcome in RESOLVED_OUTCOMES:
        add(c.finished_on, f"resolved_{c.outcome}")
        add(c.finished_on, "resolution_working_seconds", c.resolution_working_seconds)
    elif c.outcome in {"withdrawn", "refused"}:
        add(c.finished_on, c.outcome)
    add(c.settled_on, "settled")
    return cells


def _facts_from_contributions_sql(source: str) -> str:
    """Grouped fact rows (day, *dimensions, *MEASURES) from a table of contributions."""
    dims = ", ".join(DIMENSIONS)

    def part(day: str, values: dict[str, str], where: str = "") -> str:
        measures = ", ".join(values.get(measure, "0") + f" AS {measure}" for measure in MEASURES)
        condition = f" WHERE {where}" if where else ""
        return f"SELECT {day} AS day, {dims}, {measures} FROM {source}{condition}"

    one = "1"
    flags = ("online_paid", "with_e_result", "digitised", "reused", "with_fee")
    received = {"received": one} | {flag: f"CASE WHEN {flag} THEN 1 ELSE 0 END" for flag in flags}
    parts = [
        part("received_on", received),
        part("due_on", {"due": one}, "due_on IS NOT NULL"),
        part(
            "finished_on",
            {
                "resolved_early": "CASE WHEN outcome = 'early' THEN 1 ELSE 0 END",
                "resolved_on_time": "CASE WHEN outcome = 'on_time' THEN 1 ELSE 0 END",
                "resolved_late": "CASE WHEN outcome = 'late' THEN 1 ELSE 0 END",
                "withdrawn": "CASE WHEN outcome = 'withdrawn' THEN 1 ELSE 0 END",
                "refused": "CASE WHEN outcome = 'refused' THEN 1 ELSE 0 END",
                "resolution_working_seconds": "resolution_working_seconds",
            },
            "finished_on IS NOT NULL",
        ),
        part("settled_on", {"settled": one}, "settled_on IS NOT NULL"),
    ]
    sums = ", ".join(f"SUM({measure})" for measure in MEASURES)
    union = " UNION ALL ".join(parts)
    # Ordered by day: a period's rows then lie together on disk (fewer pages read per slice).
    return (
        f"SELECT day, {dims}, {sums} FROM ({union}) parts GROUP BY day, {dims} ORDER BY day, {dims}"
    )


def insert_contributions_sql(*, target: str, width: int, where: str = "") -> str:
    columns = ", ".join(CONTRIBUTION_COLUMNS)
    return f"INSERT INTO {target} ({columns}) {_contribution_select(width=width, where=where)}"


def insert_facts_sql(*, target: str, source: str) -> str:
    columns = ", ".join(("day", *DIMENSIONS, *MEASURES))
    return f"INSERT INTO {target} ({columns}) {_facts_from_contributions_sql(source)}"


def insert_months_sql(*, target: str, source: str) -> str:
    """Monthly facts summed from a table of daily facts."""
    month = (
        "date_trunc('month', day)::date"
        if connection.vendor == "postgresql"
        else "date(day, 'start of month')"
    )
    dims = ", ".join(DIMENSIONS)
    sums = ", ".join(f"SUM({measure})" for measure in MEASURES)
    columns = ", ".join(("month", *DIMENSIONS, *MEASURES))
    return (
        f"INSERT INTO {target} ({columns}) SELECT {month} AS month, {dims}, {sums} "
        f"FROM {source} GROUP BY {month}, {dims} ORDER BY 1"
    )


def create_calendar_table(*, calendar: engine.WorkCalendar, first: date, last: date) -> int:
    """Fill the temporary calendar table for `first`..`last`; returns the periods' width."""
    days: list[tuple[date, tuple[tuple[int, int], ...]]] = []
    on = first
    while on <= last:
        periods = calendar.spec.office_hours_on(on).periods if calendar.is_working_day(on) else ()
        days.append((on, periods))
        on += timedelta(days=1)
    width = max((len(periods) for _, periods in days), default=1) or 1
    slots = ", ".join(f"start_{slot} bigint, end_{slot} bigint" for slot in range(width))
    rows: list[tuple[Any, ...]] = []
    cumulative = 0
    for on, periods in days:
        padded = list(periods) + [(0, 0)] * (width - len(periods))
        rows.append((on, cumulative, *(value for period in padded for value in period)))
        cumulative += sum(end - start for start, end in periods)
    placeholders = ", ".join(["%s"] * (2 + 2 * width))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {CALENDAR_TABLE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CALENDAR_TABLE} "
            f"(day date PRIMARY KEY, cumulative bigint, {slots})"
        )
        cursor.executemany(f"INSERT INTO {CALENDAR_TABLE} VALUES ({placeholders})", rows)
        if connection.vendor == "postgresql":
            # Temporary tables have no statistics until analysed: without them the planner
            # guesses a nested loop over the calendar for every dossier.
            cursor.execute(f"ANALYZE {CALENDAR_TABLE}")
    return width


def drop_calendar_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {CALENDAR_TABLE}")


def calendar_span(*, where: str = "", params: list[Any] | None = None) -> tuple[date, date] | None:
    """The first and last day any received dossier of the selection needs from the calendar."""
    sql = _Dialect()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN({sql.day('d.received_at')}), MAX({sql.day('d.received_at')}), "
            f"MIN({sql.day('d.decided_at')}), MAX({sql.day('d.decided_at')}) "
            f"FROM {Dossier._meta.db_table} d WHERE d.received_at IS NOT NULL{where}",
            params or [],
        )
        row = cursor.fetchone()
    values = [date.fromisoformat(v) if isinstance(v, str) else v for v in row or () if v]
    if not values:
        return None
    return min(values), max(values)


def to_date(value: date | datetime | str) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    return value


CONTRIBUTION_TABLE = DossierContribution._meta.db_table
FACT_TABLE = DailyFact._meta.db_table
MONTH_TABLE = MonthlyFact._meta.db_table
