"""Indicator 2.2: average time taken to settle a dossier (Decision 766/QĐ-TTg, group 2;
published, not scored)."""

from typing import Any

import numpy as np
from django.db.models import BigIntegerField, Func
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
    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            # `%%%%` survives the template and the driver's parameter style as one `%`.
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
        )


def resolution_time(*, scope: Scope) -> Terms:
    """Decision 766/QĐ-TTg indicator 2.2: Σ working time from receipt to the approved result ÷
    dossiers whose result was approved in the period, in working days of the province's
    calendar (a weekend or holiday does not lengthen it). Narrow the scope to a procedure for
    the per-procedure figure.

    The two moments come from one query as epoch seconds and the working time of all of them
    is computed at once by the calendar's array path. Raises DataNotAvailable when a moment lies
    outside the years the calendar covers.
    """
    rows = results_in_period(scope).values_list(
        EpochSeconds("received_at"), EpochSeconds("decided_at")
    )
    moments = np.array(list(rows), dtype=np.int64).reshape(-1, 2)
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
