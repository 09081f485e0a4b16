"""The Decision 766 indicators of a year for staff.

GET /api/v1/indicators?year=&unit=   every indicator's terms, rate and points, the group totals
                                     and the action program's targets

Staff only (citizens: 403). The dossiers counted are those the caller may read
(`dossiers.queries`): a province-wide role counts the whole province, an agency's handler that
agency's dossiers. Definitions: docs/indicators.md.
"""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.accounts.models import User
from motcua.api.auth import SIGNED_IN
from motcua.api.errors import ApiError, ErrorOut
from motcua.dossiers.queries import get_reach
from motcua.reports.indicators.errors import IndicatorError
from motcua.reports.indicators.queries import get_indicator_report
from motcua.reports.indicators.report import report_as_dict

router = Router(tags=["indicators"])

UNIT_CODE_PATTERN = r"^[0-9]{1,16}$"


class IndicatorFilters(Schema):
    year: int = Field(..., ge=1, le=9999, description="Calendar year, e.g. `2025`.")
    unit: str | None = Field(
        None,
        pattern=UNIT_CODE_PATTERN,
        description="Official code of an administrative unit (province `56`, commune "
        "`22366`); absent: everything the caller reaches.",
    )


class PeriodOut(Schema):
    start: str = Field(description="First day, ISO 8601 date.")
    end: str = Field(description="Last day, ISO 8601 date.")


class RulesOut(Schema):
    valid_from: str
    source: str
    empty_denominator: Literal["full_marks", "zero", "not_scored"]


class IndicatorOut(Schema):
    code: str = Field(description="Indicator number in Decision 766/QĐ-TTg, e.g. `2.1`.")
    title: str
    group: str
    numerator: float | None
    denominator: int | None
    rate: float | None = Field(
        description="numerator ÷ denominator: a share from 0 to 1, or working days for 2.2; "
        "null when the denominator is empty or the data is not available."
    )
    rate_kind: Literal["share", "working_days"]
    score: float | None = Field(description="Points earned; null when not scored.")
    max_points: float
    threshold: float | None = Field(description="Rate from which the points are full.")
    available: bool = Field(description="False when the system holds no data for it yet.")
    note: str


class GroupOut(Schema):
    code: str
    title: str
    points: float
    scored_max: float = Field(description="Points of the group's indicators scored here.")
    max_points: float = Field(description="The group's points in Decision 766/QĐ-TTg.")


class TotalOut(Schema):
    points: float
    scored_max: float
    max_points: float
    percent: float | None
    band: str | None
    band_title: str | None


class TargetOut(Schema):
    code: str
    title: str
    program: str
    carried_forward: bool = Field(description="The year lies after the program's period.")
    indicator: str | None
    sectors: list[str]
    target: float = Field(description="The rate the program asks for, at least.")
    actual: float | None
    status: Literal["met", "not_met", "no_data", "not_measured"]
    source: str
    confirmed: bool


class IndicatorReportOut(Schema):
    period: PeriodOut
    cutoff: str = Field(description="When open dossiers were judged, ISO 8601 with +07:00.")
    unit: str | None
    unit_name: str | None
    rules: RulesOut
    indicators: list[IndicatorOut]
    groups: list[GroupOut]
    total: TotalOut
    targets: list[TargetOut]


@router.get(
    "/indicators",
    auth=SIGNED_IN,
    response={200: IndicatorReportOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="Decision 766 indicators of a year",
    description=(
        "Numerator, denominator, rate and points of every indicator of Decision 766/QĐ-TTg "
        "computed from the system (1.3, 1.4, 2.1, 2.2, 3.1, 3.2, 3.3, 3.5, 3.6, 4.1, 4.2, 4.3, "
        "5.4), group totals with the rating band, and the action program's targets against "
        "the actual rates. Staff only; the dossiers counted are those the caller may read. "
        "422 `invalid_period` for a year outside 2000 to the current year, 422 "
        "`unknown_unit` for a unit code that names nothing."
    ),
)
def indicators(request: HttpRequest, filters: Query[IndicatorFilters]) -> IndicatorReportOut:
    caller: User = request.auth  # type: ignore[attr-defined]
    if not caller.is_staff_member or get_reach(officer=caller).is_empty:
        raise ApiError("forbidden", _("Indicators are for staff with a role."), status=403)
    try:
        report = get_indicator_report(year=filters.year, unit_code=filters.unit, officer=caller)
    except IndicatorError as error:
        raise ApiError(error.code, error.message, status=422, details=error.params) from None
    return IndicatorReportOut(**report_as_dict(report))
