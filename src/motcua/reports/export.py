"""Open data for analysts: one row per dossier of a year, as CSV or Parquet (docs/open-data.md).

No personal data leaves: no names, ID numbers, phones, addresses or e-mails, only codes,
moments, counts and flags. Moments are ISO 8601 in Vietnam's time (`+07:00`). The rows are
streamed: PostgreSQL copies the query's result straight to the file (`COPY … TO STDOUT`), other
databases are read a few thousand rows at a time (one query per chunk, after the last id read),
so memory stays flat on ten million dossiers. Parquet is made from that CSV by DuckDB with the
columns' types, its memory capped and the rest spilled to disk (docs/adr/0140, 0142).

`has_e_result` reads the results app's e-result store by dossier code; the dossier app itself
never imports results, which is why the export sits here, above both.
"""

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from django.db import connection, models

from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.core.clock import VIETNAM
from motcua.dossiers.choices import NATIONAL_STATUS_CODES
from motcua.dossiers.models import Dossier, DossierDocument, Payment
from motcua.organizations.models import AdministrativeUnit, Agency, ServiceCentre
from motcua.results.models import EResult

FORMATS = ("csv", "parquet")
# Rows read per query where COPY is not available: memory holds one chunk at a time.
FETCH_ROWS = 5000
# DuckDB keeps at most this much in memory while it writes Parquet, and spills the rest to a
# temporary folder next to the output; without it its buffers grow towards 80% of the RAM.
DUCKDB_MEMORY_LIMIT = "256MB"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # text, integer, moment
    duckdb_type: str


COLUMNS = (
    Column("code", "text", "VARCHAR"),
    Column("agency_code", "text", "VARCHAR"),
    Column("unit_code", "text", "VARCHAR"),
    Column("service_centre_code", "text", "VARCHAR"),
    Column("procedure_code", "text", "VARCHAR"),
    Column("variant_code", "text", "VARCHAR"),
    Column("sector_code", "text", "VARCHAR"),
    Column("channel", "integer", "TINYINT"),
    Column("submitted_at", "moment", "TIMESTAMPTZ"),
    Column("received_at", "moment", "TIMESTAMPTZ"),
    Column("due_at", "moment", "TIMESTAMPTZ"),
    Column("original_due_at", "moment", "TIMESTAMPTZ"),
    Column("finished_at", "moment", "TIMESTAMPTZ"),
    Column("returned_at", "moment", "TIMESTAMPTZ"),
    Column("national_status", "integer", "TINYINT"),
    Column("supplement_count", "integer", "SMALLINT"),
    Column("extended", "integer", "TINYINT"),
    Column("paid_online", "integer", "TINYINT"),
    Column("fee_vnd", "integer", "BIGINT"),
    Column("has_e_result", "integer", "TINYINT"),
    Column("digitised", "integer", "TINYINT"),
    Column("reused", "integer", "TINYINT"),
    Column("rating", "integer", "TINYINT"),
)
HEADER = [column.name for column in COLUMNS]


class ExportError(Exception):
    """The export cannot be made as asked (unknown format, unwritable place)."""


@dataclass(frozen=True)
class ExportReport:
    rows: int
    path: Path | None


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The year in Vietnam's time, as UTC moments [start, end)."""
    start = datetime(year, 1, 1, tzinfo=VIETNAM).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=VIETNAM).astimezone(UTC)
    return start, end


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _moment_sql(expression: str) -> str:
    if connection.vendor == "postgresql":
        return (
            f"to_char({expression} AT TIME ZONE 'Asia/Ho_Chi_Minh', "
            '\'YYYY-MM-DD"T"HH24:MI:SS"+07:00"\')'
        )
    return expression


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def rating_sql() -> str:
    """The dossier's rating (Decree 118/2025 Art. 33, five levels): empty until the surveys app
    keeps ratings; then this returns the subquery that reads it (docs/open-data.md)."""
    return "NULL"


def export_query(*, keyed: bool = False) -> str:
    """The SELECT of one row per dossier whose receipt (or, never received, whose online
    submission) falls in [%s, %s). `keyed` puts the dossier's id first, to read in chunks."""
    statuses = " ".join(
        f"WHEN '{status}' THEN {code}" for status, code in NATIONAL_STATUS_CODES.items()
    )
    moment = _moment_sql
    return f"""
SELECT {
        "d.id, " if keyed else ""
    }d.code, ag.code, u.code, sc.code, p.code, v.code, s.code, d.channel,
  {moment("d.submitted_at")}, {moment("d.received_at")}, {moment("d.due_at")},
  {moment("d.first_due_at")}, {moment("COALESCE(d.decided_at, d.closed_at)")},
  {moment("d.returned_at")},
  CASE d.status {statuses} END,
  d.supplement_requests,
  {_flag("d.extensions > 0")},
  {
        _flag(
            f"EXISTS (SELECT 1 FROM {_table(Payment)} pay WHERE pay.dossier_id = d.id "
            "AND pay.method = 'online')"
        )
    },
  d.fee_amount_vnd,
  {_flag(f"EXISTS (SELECT 1 FROM {_table(EResult)} r WHERE r.dossier_id = d.id)")},
  {
        _flag(
            f"EXISTS (SELECT 1 FROM {_table(DossierDocument)} doc WHERE doc.dossier_id = d.id "
            "AND doc.digitised_at_intake)"
        )
    },
  {
        _flag(
            f"EXISTS (SELECT 1 FROM {_table(DossierDocument)} doc WHERE doc.dossier_id = d.id "
            "AND doc.reused)"
        )
    },
  {rating_sql()}
FROM {_table(Dossier)} d
JOIN {_table(Agency)} ag ON ag.id = d.agency_id
LEFT JOIN {_table(AdministrativeUnit)} u ON u.id = ag.unit_id
JOIN {_table(ServiceCentre)} sc ON sc.id = d.service_centre_id
JOIN {_table(ProcedureVersion)} pv ON pv.id = d.procedure_version_id
JOIN {_table(Procedure)} p ON p.id = pv.procedure_id
JOIN {_table(Sector)} s ON s.id = pv.sector_id
JOIN catalog_procedurevariant v ON v.id = d.variant_id
WHERE COALESCE(d.received_at, d.submitted_at) >= %s
  AND COALESCE(d.received_at, d.submitted_at) < %s
"""  # noqa: S608 - table names from the models, values as parameters or quoted literals


def write_csv(*, year: int, stream: IO[bytes]) -> int:
    """Write the year's rows as UTF-8 CSV with a header; return the number of rows."""
    start, end = year_bounds(year)
    if connection.vendor == "postgresql":
        return _copy_csv(start, end, stream)
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    rows = 0
    for row in _fetch_rows(start, end):
        writer.writerow(row)
        rows += 1
    text.detach()
    return rows


def _copy_csv(start: datetime, end: datetime, stream: IO[bytes]) -> int:
    query = export_query() % (f"'{start.isoformat()}'", f"'{end.isoformat()}'")
    newlines = 0
    with connection.cursor() as cursor:
        header = ",".join(HEADER) + "\n"
        stream.write(header.encode())
        with cursor.cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
            for chunk in copy:
                data = bytes(chunk)
                newlines += data.count(b"\n")
                stream.write(data)
    return newlines


def _fetch_rows(start: datetime, end: datetime) -> Iterator[list[object]]:
    """The rows in chunks of FETCH_ROWS, each chunk its own query after the last id read
    (keyset pagination): no statement stays open over the whole year, and the database never
    hands over more than a chunk at once."""
    moments = [index for index, column in enumerate(COLUMNS) if column.kind == "moment"]
    query = export_query(keyed=True) + " AND d.id > %s ORDER BY d.id LIMIT %s"
    last_id = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(query, [start, end, last_id, FETCH_ROWS])
            batch = cursor.fetchall()
        for raw in batch:
            row = list(raw[1:])
            for index in moments:
                row[index] = _local_text(row[index])
            yield row
        if len(batch) < FETCH_ROWS:
            return
        last_id = batch[-1][0]


def _local_text(value: object) -> str | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    shown = moment.astimezone(UTC) + timedelta(hours=7)
    return shown.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def write_parquet(*, year: int, path: Path) -> int:
    """Write the year's rows as Parquet (typed columns, zstd); return the number of rows."""
    import duckdb

    directory = path.parent
    handle, csv_name = tempfile.mkstemp(suffix=".csv", dir=directory)
    spill = tempfile.mkdtemp(prefix=".duckdb-", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            rows = write_csv(year=year, stream=stream)
        types = ", ".join(f"'{column.name}': '{column.duckdb_type}'" for column in COLUMNS)
        database = duckdb.connect(
            config={
                "threads": 2,
                "preserve_insertion_order": False,
                "memory_limit": DUCKDB_MEMORY_LIMIT,
                "temp_directory": spill,
            }
        )
        try:
            # Paths are quoted as literals: DuckDB takes no parameters in COPY.
            statement = (
                f"COPY (SELECT * FROM read_csv({_literal(csv_name)}, header = true, "  # noqa: S608
                f"columns = {{{types}}})) TO {_literal(str(path))} "
                "(FORMAT parquet, COMPRESSION zstd)"
            )
            database.execute(statement)
        finally:
            database.close()
    finally:
        Path(csv_name).unlink(missing_ok=True)
        shutil.rmtree(spill, ignore_errors=True)
    return rows


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_dossiers(
    *, year: int, format: str, path: Path | None, stdout: IO[bytes]
) -> ExportReport:
    """Export the year's dossiers to `path` (or `stdout` for CSV without a path).

    Raises ExportError for an unknown format, Parquet without a path, or a place that cannot
    be written.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}: csv or parquet")
    if path is not None and not path.parent.is_dir():
        raise ExportError(f"no such folder: {path.parent}")
    if format == "parquet":
        if path is None:
            raise ExportError("parquet is a binary format: name a file with --output")
        return ExportReport(rows=write_parquet(year=year, path=path), path=path)
    if path is None:
        return ExportReport(rows=write_csv(year=year, stream=stdout), path=None)
    with path.open("wb") as stream:
        rows = write_csv(year=year, stream=stream)
    return ExportReport(rows=rows, path=path)
