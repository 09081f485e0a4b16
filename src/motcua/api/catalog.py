"""API endpoints of the procedure catalog: procedures (search, filters, detail) and sectors.

The catalog is public: no token is needed. Dates are ISO 8601 (`2025-07-01`), moments carry
+07:00. Filter values that name nothing known are refused with 422 and `unknown_filter`.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.api.errors import ApiError, ErrorOut
from motcua.catalog import queries
from motcua.catalog.choices import OnlineLevel
from motcua.catalog.exchange_validation import PROCEDURE_CODE
from motcua.catalog.models import (
    CatalogAgency,
    ProcedureVariant,
    ProcedureVersion,
    Sector,
)
from motcua.catalog.search import MAX_QUERY_LENGTH
from motcua.core.clock import isoformat
from motcua.organizations.models import AdministrativeLevel

router = Router(tags=["catalog"])

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
MAX_PARAMETER_LENGTH = 300


class SectorRef(Schema):
    code: str
    name: str


class SectorOut(Schema):
    code: str
    name: str
    managing_body: str
    procedure_count: int


class ProcessingTimeOut(Schema):
    value: int
    unit: str


class ProcedureSummaryOut(Schema):
    code: str
    name: str
    version: int
    sector: SectorRef
    competence_levels: list[str]
    online_level: str
    effective_from: date
    effective_to: date | None
    url: str


class ProcedurePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProcedureSummaryOut]


class AgencyOut(Schema):
    name: str
    slug: str
    agency_code: str | None


class ResultOut(Schema):
    name: str
    code: str


class DocumentOut(Schema):
    code: str
    name: str
    mandatory: bool
    originals: int
    copies: int
    template_url: str


class FeeOut(Schema):
    kind: str
    name: str
    amount_vnd: int
    legal_basis: str


class StepOut(Schema):
    order: int
    name: str
    org_unit: str
    role: str
    hours: int
    parallel_group: str


class VariantOut(Schema):
    code: str
    name: str
    processing_time: ProcessingTimeOut
    processing_time_by_channel: dict[str, ProcessingTimeOut]
    channels: list[str]
    online_level: str
    boundary_free: bool
    postal: bool
    supplement_policy: str
    required_documents: list[DocumentOut]
    fees: list[FeeOut]
    process: list[StepOut]


class PublicationOut(Schema):
    complete: bool
    missing_parts: list[str]


class ProcedureDetailOut(Schema):
    code: str
    name: str
    version: int
    sector: SectorRef
    competence_levels: list[str]
    implementing_agencies: list[AgencyOut]
    deciding_agency: str
    subjects: list[str]
    result: ResultOut
    legal_basis: list[str]
    publication_decision: str
    effective_from: date
    effective_to: date | None
    steps_description: str
    conditions: str
    online_level: str
    publication: PublicationOut
    imported_at: str
    url: str
    variants: list[VariantOut]


class ProcedureQuery(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Words or a procedure code.")
    sector: str | None = Field(None, max_length=MAX_PARAMETER_LENGTH, description="Sector code.")
    level: str | None = Field(
        None, max_length=MAX_PARAMETER_LENGTH, description="Administrative level code."
    )
    agency: str | None = Field(None, max_length=MAX_PARAMETER_LENGTH, description="Agency slug.")
    online_level: str | None = Field(
        None, max_length=MAX_PARAMETER_LENGTH, description="none, partial or full."
    )
    on: date | None = Field(None, description="Day the procedures are in force (YYYY-MM-DD).")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class VersionQuery(Schema):
    on: date | None = Field(None, description="Day the version is in force (YYYY-MM-DD).")
    version: int | None = Field(None, ge=1, le=1_000_000, description="A version number.")


class DayQuery(Schema):
    on: date | None = Field(None, description="Day the procedures are counted (YYYY-MM-DD).")


@router.get(
    "/procedures",
    response={200: ProcedurePageOut, 422: ErrorOut},
    summary="List or search procedures in force",
    description=(
        "Procedures in force on `on` (default today). With `q`, a ranked accent-insensitive "
        'search over names and codes ("dang ky dat dai" finds "Đăng ký đất đai"); without '
        "it, by name. Filters: `sector` (sector code), `level` (administrative level code), "
        "`agency` (agency slug), `online_level` (none, partial, full). Paginated with `limit` "
        f"(at most {MAX_LIMIT}) and `offset`."
    ),
)
def list_procedures(request: HttpRequest, params: Query[ProcedureQuery]) -> dict[str, Any]:
    for name in ("q", "sector", "level", "agency", "online_level"):
        _refuse_nul(name, getattr(params, name))
    versions = queries.list_procedures(
        q=params.q,
        sector=_sector(params.sector),
        level=_level(params.level),
        agency=_agency(params.agency),
        online_level=_online_level(params.online_level),
        on=params.on,
    )
    page, count = queries.page_of_procedures(versions, offset=params.offset, limit=params.limit)
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "items": [_summary(version) for version in page],
    }


@router.get(
    "/procedures/{code}",
    response={200: ProcedureDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="One procedure with its seven published parts",
    description=(
        "The version in force on `on` (default today), or version number `version`. Holds the "
        "parts publication requires: steps, channels, dossier composition, processing time, "
        "who may apply, implementing agencies and result; plus fees, legal basis, conditions "
        "and the internal process of each variant."
    ),
)
def get_procedure(request: HttpRequest, code: str, params: Query[VersionQuery]) -> dict[str, Any]:
    not_found = ApiError(
        "procedure_not_found", _("No procedure with this code is in force."), status=404
    )
    if not PROCEDURE_CODE.match(code):
        raise not_found
    try:
        found = queries.get_procedure_page(code=code, on=params.on, number=params.version)
    except ProcedureVersion.DoesNotExist:
        raise not_found from None
    return _detail(found)


@router.get(
    "/sectors",
    response={200: list[SectorOut], 422: ErrorOut},
    summary="Sectors with their number of procedures in force",
)
def list_sectors(request: HttpRequest, params: Query[DayQuery]) -> list[dict[str, Any]]:
    return [
        {
            "code": sector.code,
            "name": sector.name,
            "managing_body": sector.managing_body,
            "procedure_count": sector.procedure_count,  # type: ignore[attr-defined]
        }
        for sector in queries.list_sectors(on=params.on)
    ]


def _refuse_nul(name: str, value: str | None) -> None:
    if value is not None and "\x00" in value:
        raise ApiError(
            "invalid_input",
            _("The request is not valid."),
            status=422,
            details={"parameter": name, "reason": "NUL character"},
        )


def _unknown(parameter: str, value: str) -> ApiError:
    return ApiError(
        "unknown_filter",
        _("A filter names something that does not exist."),
        status=422,
        details={"parameter": parameter, "value": value},
    )


def _sector(code: str | None) -> Sector | None:
    if not code:
        return None
    try:
        return queries.get_sector(code=code)
    except Sector.DoesNotExist:
        raise _unknown("sector", code) from None


def _level(code: str | None) -> AdministrativeLevel | None:
    if not code:
        return None
    try:
        return queries.get_level(code=code)
    except AdministrativeLevel.DoesNotExist:
        raise _unknown("level", code) from None


def _agency(slug: str | None) -> CatalogAgency | None:
    if not slug:
        return None
    try:
        return queries.get_catalog_agency(slug=slug)
    except CatalogAgency.DoesNotExist:
        raise _unknown("agency", slug) from None


def _online_level(value: str | None) -> OnlineLevel | None:
    if not value:
        return None
    if value not in OnlineLevel.values:
        raise _unknown("online_level", value)
    return OnlineLevel(value)


def _page_url(version: ProcedureVersion) -> str:
    return reverse("portal:procedure-detail", kwargs={"code": version.procedure.code})


def _summary(version: ProcedureVersion) -> dict[str, Any]:
    return {
        "code": version.procedure.code,
        "name": version.name,
        "version": version.number,
        "sector": {"code": version.sector.code, "name": version.sector.name},
        "competence_levels": [level.code for level in version.competence_levels.all()],
        "online_level": version.online_level,
        "effective_from": version.effective_from,
        "effective_to": version.effective_to,
        "url": _page_url(version),
    }


def _detail(version: ProcedureVersion) -> dict[str, Any]:
    return {
        **_summary(version),
        "implementing_agencies": [
            {
                "name": link.catalog_agency.name,
                "slug": link.catalog_agency.slug,
                "agency_code": link.catalog_agency.agency.code
                if link.catalog_agency.agency
                else None,
            }
            for link in version.ordered_agencies  # type: ignore[attr-defined]
        ],
        "deciding_agency": version.deciding_agency.name if version.deciding_agency else "",
        "subjects": version.subjects,
        "result": {"name": version.result_name, "code": version.result_code},
        "legal_basis": version.legal_basis,
        "publication_decision": version.publication_decision,
        "steps_description": version.steps_description,
        "conditions": version.conditions,
        "publication": {
            "complete": version.is_publication_complete,
            "missing_parts": version.missing_parts,
        },
        "imported_at": isoformat(version.imported_at),
        "variants": [_variant(variant) for variant in version.variants.all()],
    }


def _variant(variant: ProcedureVariant) -> dict[str, Any]:
    templates = variant.published_templates  # type: ignore[attr-defined]
    return {
        "code": variant.code,
        "name": variant.name,
        "processing_time": variant.processing_time.as_dict(),
        "processing_time_by_channel": variant.processing_times_by_channel,
        "channels": variant.channels,
        "online_level": variant.online_level,
        "boundary_free": variant.boundary_free,
        "postal": variant.postal,
        "supplement_policy": variant.supplement_policy,
        "required_documents": [
            {
                "code": document.code,
                "name": document.name,
                "mandatory": document.mandatory,
                "originals": document.originals,
                "copies": document.copies,
                "template_url": document.template_url,
            }
            for document in variant.required_documents.all()
        ],
        "fees": [
            {
                "kind": fee.kind,
                "name": fee.name,
                "amount_vnd": fee.amount_vnd,
                "legal_basis": fee.legal_basis,
            }
            for fee in variant.fees.all()
        ],
        "process": [
            {
                "order": step.order,
                "name": step.name,
                "org_unit": step.org_unit,
                "role": step.role,
                "hours": step.hours,
                "parallel_group": step.parallel_group,
            }
            for step in (templates[0].steps.all() if templates else [])
        ],
    }
