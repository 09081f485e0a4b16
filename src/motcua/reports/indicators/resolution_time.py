"""Indicator 2.2: average time taken to settle a dossier (Decision 766/QĐ-TTg, group 2;
published, not scored)."""

import io
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import BigIntegerField, Func, QuerySet
from django.utils.translation import gettext as _

from motcua.deadlines.engine import Duration, Unit
from motcua.deadlines.engine.errors import OutOfCalendarRangeError
from motcua.dossiers.due_moments import work_calendar
from motcua.reports.indicators.measure import DataNotAvailable, RateKind, Terms
from motcua.reports.indicators.scope import Scope
from motcua.reports.indicators.settled_results import results_in_period

CODE = "2.2"
WORKING_DAY_SECONDS = Duration(1, Unit.WORKING_DAYS).working_seconds


class EpochSeconds(Func):
    """A moment as whole seconds since 1970 (UTC), computed by the database."""

    output_field = BigIntegerField()
    # date_part gives a double; EXTRACT gives a numeric since PostgreSQL 14, several times slower.
    template = "CAST(date_part('epoch', %(expressions)s) AS BIGINT)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            # `%%%%` survives the template and the driver's parameter style as one `%`.
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
        )


# PostgreSQL's binary COPY of two bigint columns: a 19-byte header, then per row the field
# count, and each field's length and value (big-endian), then a 2-byte trailer.
_COPY_HEADER_BYTES = 19
_COPY_TRAILER_BYTES = 2
_COPY_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("first_length", ">i4"),
        ("first", ">i8"),
        ("second_length", ">i4"),
        ("second", ">i8"),
    ]
)


def _read_pairs(rows: QuerySet[Any, Any]) -> np.ndarray[Any, np.dtype[np.int64]]:
    """The two integer columns of `rows` as an (n, 2) array.

    On PostgreSQL through a binary COPY read straight into numpy (half a million rows in well
    under a second); elsewhere through the cursor's tuples.
    """
    if connection.vendor != "postgresql":
        return np.array(list(rows), dtype=np.int64).reshape(-1, 2)
    sql, params = rows.query.sql_with_params()
    buffer = io.BytesIO()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT BINARY)", params) as copy,
    ):
        for block in copy:
            buffer.write(block)
    body = buffer.getvalue()[_COPY_HEADER_BYTES:-_COPY_TRAILER_BYTES]
    table = np.frombuffer(body, dtype=_COPY_ROW)
    return np.column_stack([table["first"], table["second"]]).astype(np.int64)


def resolution_time(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 2.2: Σ working time from receipt to the approved result ÷
    dossiers whose result was approved in the period, in working days of the province's
    calendar (a weekend or holiday does not lengthen it). Narrow the scope to a procedure for
    the per-procedure figure.

    The two moments come from one query as epoch seconds and the working time of all of them
    is computed at once by the calendar's array path. Raises DataNotAvailable when a moment lies
    outside the years the calendar covers.
    """
    rows = (
        results_in_period(scope)
        .filter(received_at__isnull=False)
        .values_list(EpochSeconds("received_at"), EpochSeconds("decided_at"))
    )
    moments = _read_pairs(rows)
    if not len(moments):
        return Terms(numerator=0, denominator=0, rate_kind=RateKind.WORKING_DAYS)
    try:
        worked = work_calendar().working_seconds_between_batch(moments[:, 0], moments[:, 1])
    except OutOfCalendarRangeError as error:
        raise DataNotAvailable(_("Not available: %(reason)s") % {"reason": error.message}) from None
    return Terms(
        numerator=round(float(worked.sum()) / WORKING_DAY_SECONDS, 4),
        denominator=len(moments),
        rate_kind=RateKind.WORKING_DAYS,
    )
