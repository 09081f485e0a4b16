"""Write generated rows in bulk: PostgreSQL's COPY, or `bulk_create` in batches elsewhere.

A `Rows` holds one table's rows as columns named by the model's attribute names: numpy arrays
of integers or booleans, lists of text, `Moments` (UTC epoch seconds, `NONE` for null),
`Nullable` integers, or one constant for every row. Both paths write exactly the same values;
nothing goes through `save()`, signals or the audit trail (docs/demo-data.md says why).
"""

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection, models

NONE = -1
SQLITE_BATCH = 2000
COPY_BATCH = 200_000


@dataclass(frozen=True, slots=True)
class Moments:
    """Aware moments as UTC epoch seconds; `NONE` is null."""

    values: npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Nullable:
    """Integers (foreign keys) where `NONE` is null."""

    values: npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Rows:
    model: type[models.Model]
    size: int
    columns: dict[str, Any]


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any, size: int) -> Sequence[str]:
    """One column as COPY text values."""
    if isinstance(value, Moments):
        text = np.datetime_as_string(value.values.astype("datetime64[s]"), unit="s")
        return [
            "\\N" if seconds == NONE else f"{shown}+00"
            for seconds, shown in zip(value.values.tolist(), text.tolist(), strict=True)
        ]
    if isinstance(value, Nullable):
        return ["\\N" if number == NONE else str(number) for number in value.values.tolist()]
    if isinstance(value, np.ndarray):
        if value.dtype == np.bool_:
            return np.where(value, "t", "f").tolist()
        return list(map(str, value.tolist()))
    if isinstance(value, list):
        # Generated text rarely holds a character COPY must escape: look once, not per row.
        joined = "\x00".join(value)
        if any(special in joined for special in "\\\t\n\r"):
            return [text.translate(_ESCAPES) for text in value]
        return value
    if value is None:
        return ["\\N"] * size
    if isinstance(value, bool):
        return ["t" if value else "f"] * size
    if isinstance(value, dict | tuple):
        return [json.dumps(value, ensure_ascii=False).translate(_ESCAPES)] * size
    return [str(value).translate(_ESCAPES)] * size


def _python_values(value: Any, size: int) -> Sequence[Any]:
    """One column as Python values for model instances."""
    if isinstance(value, Moments):
        return [
            None if seconds == NONE else datetime.fromtimestamp(seconds, UTC)
            for seconds in value.values.tolist()
        ]
    if isinstance(value, Nullable):
        return [None if number == NONE else number for number in value.values.tolist()]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list):
        return value
    if isinstance(value, tuple):
        return [list(value)] * size
    return [value] * size


def _slices(size: int, step: int) -> Iterator[slice]:
    for start in range(0, size, step):
        yield slice(start, min(start + step, size))


def _part(value: Any, part: slice) -> Any:
    if isinstance(value, Moments | Nullable):
        return type(value)(value.values[part])
    if isinstance(value, np.ndarray | list):
        return value[part]
    return value


def write_rows(rows: Rows) -> None:
    """Insert the rows in the current transaction."""
    if rows.size == 0:
        return
    if connection.vendor == "postgresql":
        _copy(rows)
    else:
        _bulk_create(rows)


def _copy(rows: Rows) -> None:
    table = connection.ops.quote_name(rows.model._meta.db_table)
    names = list(rows.columns)
    columns = ", ".join(connection.ops.quote_name(_column(rows.model, name)) for name in names)
    with connection.cursor() as cursor:
        for part in _slices(rows.size, COPY_BATCH):
            size = part.stop - part.start
            values = [_copy_text(_part(rows.columns[name], part), size) for name in names]
            text = "\n".join(map("\t".join, zip(*values, strict=True))) + "\n"
            # The driver's own cursor: COPY streams the rows in one round trip.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                copy.write(text)


def _column(model: type[models.Model], attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return str(field.column)
    raise KeyError(attname)


def _bulk_create(rows: Rows) -> None:
    names = list(rows.columns)
    for part in _slices(rows.size, SQLITE_BATCH):
        size = part.stop - part.start
        values = [_python_values(_part(rows.columns[name], part), size) for name in names]
        rows.model._default_manager.bulk_create(
            [rows.model(**dict(zip(names, row, strict=True))) for row in zip(*values, strict=True)]
        )


def next_id(model: type[models.Model]) -> int:
    found = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return (found or 0) + 1


def lock_tables(*models_: type[models.Model]) -> None:
    """Keep other writers out of the tables whose ids the generator hands out itself."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def skip_foreign_key_checks() -> bool:
    """For this transaction, let PostgreSQL skip the per-row foreign-key triggers, as
    `pg_restore --disable-triggers` does: the generated rows refer only to rows read or written
    by the generator. Only a superuser may; otherwise the checks run and the load is slower.
    Returns whether the checks are skipped (docs/adr/0141)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not row or not row[0]:
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def reset_sequence(model: type[models.Model]) -> None:
    """After explicit ids, let the table's own numbering continue past them (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    quoted = connection.ops.quote_name(table)
    query = (
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608
        f"(SELECT COALESCE(MAX(id), 1) FROM {quoted}))"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [table])


def set_aside_indexes(*models_: type[models.Model]) -> list[str]:
    """Drop the tables' plain (non-unique) indexes for the load; return the statements that
    build them again (`rebuild_indexes`). Building an index once over a million rows is far
    cheaper than keeping it up to date row by row. Inside the load's transaction, so a failed
    load leaves every index as it was (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return []
    tables = [model._meta.db_table for model in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT x.indisunique AND NOT x.indisprimary",
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def rebuild_indexes(definitions: list[str]) -> None:
    with connection.cursor() as cursor:
        for definition in definitions:
            cursor.execute(definition)
