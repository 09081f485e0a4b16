"""API endpoints for the organisation: administrative units and agencies (public reference data)."""

from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import field_validator

from motcua.api.errors import ApiError, ErrorOut
from motcua.organizations import queries
from motcua.organizations.choices import AgencyKind
from motcua.organizations.errors import OrganizationError
from motcua.organizations.models import AdministrativeUnit, Agency

router = Router(tags=["organizations"])

# Codes are short and plain; anything else is refused before it reaches the database.
LEVEL_PATTERN = r"^[a-z_]{1,32}$"
UNIT_CODE_PATTERN = r"^[0-9]{1,16}$"
MAX_QUERY_LENGTH = 100


class Pagination(PageNumberPagination):
    """Pages of at most 200 items; page numbers are bounded so offsets stay sane."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
        page_size: int = Field(50, ge=1, le=200, description="Items per page (at most 200).")

    def _get_page_size(self, requested_page_size: int | None) -> int:
        return requested_page_size or self.page_size


class SearchFilters(Schema):
    q: str | None = Field(
        None,
        max_length=MAX_QUERY_LENGTH,
        description="Words of the name, accents and case ignored: `nha trang` finds "
        "“Phường Nha Trang”.",
    )

    @field_validator("q")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        if value is not None and not value.isprintable():
            raise ValueError("the search text holds control characters")
        return value


class UnitFilters(SearchFilters):
    level: str | None = Field(
        None, pattern=LEVEL_PATTERN, description="Level code: `province`, `commune`, `district`."
    )
    parent: str | None = Field(
        None, pattern=UNIT_CODE_PATTERN, description="Official code of the parent unit, e.g. `56`."
    )
    on: date | None = Field(
        None,
        description="Units in force on this day (YYYY-MM-DD); today by default. "
        "Ask for 2025-06-30 to see the districts and communes before the 2025 merger.",
    )


class AgencyFilters(SearchFilters):
    level: str | None = Field(None, pattern=LEVEL_PATTERN, description="Level code of the agency.")
    kind: AgencyKind | None = Field(None, description="Kind of body.")
    unit: str | None = Field(
        None,
        pattern=UNIT_CODE_PATTERN,
        description="Official code of the administrative unit the agency serves.",
    )
    on: date | None = Field(None, description="Agencies in force on this day; today by default.")


class UnitOut(Schema):
    code: str = Field(description="Official code (Decision 19/2025/QĐ-TTg).")
    name: str
    division_type: str = Field(description="tỉnh, thành phố trung ương, xã, phường, đặc khu…")
    level: str = Field(description="Level code.")
    parent: str | None = Field(description="Official code of the parent unit.")
    effective_from: date | None = Field(description="First day in force; empty when unknown.")
    effective_to: date | None = Field(description="Last day in force; empty while in force.")
    predecessors: list[str] = Field(description="Codes of the units this one was formed from.")
    successors: list[str] = Field(description="Codes of the units this one was merged into.")

    @staticmethod
    def resolve_level(unit: AdministrativeUnit) -> str:
        return unit.level.code

    @staticmethod
    def resolve_parent(unit: AdministrativeUnit) -> str | None:
        return unit.parent.code if unit.parent else None

    @staticmethod
    def resolve_predecessors(unit: AdministrativeUnit) -> list[str]:
        return [other.code for other in unit.predecessors.all()]

    @staticmethod
    def resolve_successors(unit: AdministrativeUnit) -> list[str]:
        return [other.code for other in unit.successors.all()]


class UnitRef(Schema):
    code: str
    name: str


class AgencyOut(Schema):
    code: str = Field(description="Electronic identifier code, e.g. 000.00.00.H34.")
    name: str
    short_name: str
    kind: AgencyKind
    level: str = Field(description="Level code.")
    unit: UnitRef = Field(description="The administrative unit the agency serves.")
    parent: str | None = Field(description="Identifier code of the agency above it.")
    effective_from: date | None
    effective_to: date | None

    @staticmethod
    def resolve_level(agency: Agency) -> str:
        return agency.level.code

    @staticmethod
    def resolve_parent(agency: Agency) -> str | None:
        return agency.parent.code if agency.parent else None


ERRORS: dict[int, Any] = {400: ErrorOut, 422: ErrorOut}


@router.get(
    "/units",
    response={200: list[UnitOut], **ERRORS},
    summary="List administrative units",
    description="Provinces and communes (and, for a past day, the former districts) in force "
    "on a day, with predecessor and successor codes across the 1 Jul 2025 merger. "
    "400 `unknown_level` / `unknown_unit` when a filter names nothing; 422 `invalid_input` "
    "for a malformed parameter.",
    operation_id="list_units",
)
@paginate(Pagination)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> Any:
    try:
        units = queries.list_units(
            level=filters.level, parent=filters.parent, on=filters.on, q=filters.q
        )
    except OrganizationError as error:
        raise _refusal(error) from error
    # Only the codes of related units are shown: skip the default ordering's join.
    codes = AdministrativeUnit.objects.only("code").order_by("code")
    return units.prefetch_related(
        Prefetch("predecessors", queryset=codes), Prefetch("successors", queryset=codes)
    )


@router.get(
    "/agencies",
    response={200: list[AgencyOut], **ERRORS},
    summary="List agencies",
    description="Bodies that settle procedures: the People's Committees of the province and of "
    "each commune, provincial departments, vertical agencies, public service units. "
    "400 `unknown_level` / `unknown_unit` when a filter names nothing; 422 `invalid_input` "
    "for a malformed parameter.",
    operation_id="list_agencies",
)
@paginate(Pagination)
def list_agencies(request: HttpRequest, filters: Query[AgencyFilters]) -> Any:
    try:
        return queries.list_agencies(
            level=filters.level, kind=filters.kind, unit=filters.unit, q=filters.q, on=filters.on
        )
    except OrganizationError as error:
        raise _refusal(error) from error


def _refusal(error: OrganizationError) -> ApiError:
    return ApiError(error.code, error.message, details=error.details)
