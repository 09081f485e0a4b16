"""Write generated rows in bulk: PostgreSQL's COPY, or `bulk_create` in batches elsewhere.

A `Rows` holds one table's rows as columns named by the model's attribute names: numpy arrays
of integers or booleans, lists of text, `Moments` (UTC epoch seconds, `NONE` for null),
`Nullable` integers, or one constant for every row. Both paths write exactly the same values;
nothing goes through `save()`, signals or the audit trail (docs/demo-data.md says why).
"""

import json
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection, models

from motcua.core import table_indexes

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
    statement, batches = copy_payload(rows)
    with connection.cursor() as cursor:
        for text in batches:
            # The driver's own cursor: COPY streams the rows in one round trip.
            with cursor.cursor.copy(statement) as copy:
                copy.write(text)


def copy_payload(rows: Rows) -> tuple[str, Iterator[bytes]]:
    """The COPY statement of the rows' table and the rows as COPY text, a batch at a time
    (formatted as the batches are taken, so that only a few are ever held)."""
    table = connection.ops.quote_name(rows.model._meta.db_table)
    names = list(rows.columns)
    columns = ", ".join(connection.ops.quote_name(_column(rows.model, name)) for name in names)

    def batches() -> Iterator[bytes]:
        for part in _slices(rows.size, COPY_BATCH):
            size = part.stop - part.start
            values = [_copy_text(_part(rows.columns[name], part), size) for name in names]
            yield ("\n".join(map("\t".join, zip(*values, strict=True))) + "\n").encode()

    return f"COPY {table} ({columns}) FROM STDIN", batches()


class RowWriter:
    """Writes `Rows` in the current transaction; on PostgreSQL the COPYs run in a thread of
    their own, so that the server stores one month while Python draws and formats the next
    (psycopg waits on the socket without holding the interpreter's lock).

    Between `write` and `drain` the connection belongs to that thread: the caller drains
    before it runs any query of its own. At most `pending` batches of `COPY_BATCH` rows wait
    for the thread, so memory stays bounded however large a month is. `seconds` holds the time
    the thread spent writing each table.
    """

    def __init__(self, *, pending: int = 4) -> None:
        self.seconds: dict[str, float] = {}
        self._threaded = connection.vendor == "postgresql"
        self._queue: queue.Queue[tuple[str, str, bytes] | None] = queue.Queue(pending)
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        if self._threaded:
            connection.ensure_connection()
            raw = connection.connection
            self._thread = threading.Thread(target=self._run, args=(raw,), daemon=True)
            self._thread.start()

    def _run(self, raw: Any) -> None:
        while (item := self._queue.get()) is not None:
            name, statement, text = item
            try:
                if self._failure is None:
                    began = time.perf_counter()
                    with raw.cursor() as cursor, cursor.copy(statement) as copy:
                        copy.write(text)
                    spent = time.perf_counter() - began
                    self.seconds[name] = self.seconds.get(name, 0.0) + spent
            except BaseException as error:  # handed to the caller's thread by `_raise`
                self._failure = error
            finally:
                self._queue.task_done()

    def _raise(self) -> None:
        if self._failure is not None:
            raise self._failure

    def write(self, rows: Rows) -> None:
        self._raise()
        if rows.size == 0:
            return
        name = rows.model._meta.model_name or ""
        if not self._threaded:
            began = time.perf_counter()
            write_rows(rows)
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - began
            return
        statement, batches = copy_payload(rows)
        for text in batches:
            self._raise()
            self._queue.put((name, statement, text))

    def drain(self) -> None:
        """Wait until every row handed over is written; raises what writing raised."""
        if self._threaded:
            self._queue.join()
        self._raise()

    def close(self) -> None:
        """Drain, then end the thread."""
        try:
            self.drain()
        finally:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                self._thread = None


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
    """Set the tables' indexes and unique constraints aside for the load (not their primary
    keys); `rebuild_indexes` builds them again at the end of the load's transaction."""
    return table_indexes.set_aside_indexes(*(model._meta.db_table for model in models_))


def rebuild_indexes(definitions: list[str]) -> None:
    table_indexes.build_indexes(definitions)
