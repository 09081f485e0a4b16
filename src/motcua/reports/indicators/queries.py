"""The indicators of a year for a unit, as the command and the API ask for them.

Reads that authorise: with `officer`, only the dossiers the officer may read are counted
(`dossiers.queries`); the catalog's indicators are public.
"""

from typing import Any

from motcua.core.clock import today
from motcua.organizations.models import AdministrativeUnit
from motcua.reports.indicators.errors import invalid_year, unknown_unit
from motcua.reports.indicators.report import IndicatorReport, compute_indicators
from motcua.reports.indicators.scope import year_scope

FIRST_YEAR = 2000


def parse_year(value: object) -> int:
    """A year from FIRST_YEAR to the current one. Raises InvalidPeriod."""
    last = today().year
    try:
        year = int(str(value).strip())
    except ValueError:
        raise invalid_year(value, first=FIRST_YEAR, last=last) from None
    if not FIRST_YEAR <= year <= last:
        raise invalid_year(value, first=FIRST_YEAR, last=last)
    return year


def get_unit_for_year(*, code: str, year: int) -> AdministrativeUnit:
    """The unit bearing `code` at the end of `year` (a code may pass to a merged unit), else
    the last unit that bore it. Raises UnknownUnit."""
    units = AdministrativeUnit.objects.filter(code=code.strip()).select_related("level")
    candidates = list(units.order_by("level__rank", "-effective_from"))
    if not candidates:
        raise unknown_unit(code)
    year_end = year_scope(year).end
    for unit in candidates:
        started = unit.effective_from is None or unit.effective_from <= year_end
        if started and (unit.effective_to is None or unit.effective_to >= year_end):
            return unit
    return candidates[0]


def get_indicator_report(
    *, year: object, unit_code: str | None = None, officer: Any = None
) -> IndicatorReport:
    """Every indicator of `year` for the unit (default: everything the asker reaches).

    Raises InvalidPeriod or UnknownUnit.
    """
    checked_year = parse_year(year)
    unit = get_unit_for_year(code=unit_code, year=checked_year) if unit_code else None
    return compute_indicators(scope=year_scope(checked_year, unit=unit, officer=officer))
