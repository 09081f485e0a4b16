"""The officer's work in the API: their queues, the dossier register (form 07), documents.

GET /queue?queue=awaiting|mine|unit           the caller's queue, soonest due first, paginated
GET /dossiers/register.pdf|.xlsx?from=&to=    form 07 of a service centre for a period
GET /dossiers/{code}/documents/{id}           a stored document of a dossier
"""

from datetime import date
from typing import Any, Literal

import structlog
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.accounts.models import User
from motcua.api.auth import SIGNED_IN
from motcua.api.dossier_schemas import moment
from motcua.api.errors import ApiError, ErrorOut
from motcua.core.clock import now
from motcua.core.downloads import attachment
from motcua.deadlines import engine
from motcua.documents.register_workbook import register_workbook
from motcua.documents.rendering import render_form_pdf
from motcua.dossiers import forms, queries
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.documents import download_name
from motcua.dossiers.due_moments import INTAKE_ALERT_HOURS, work_calendar
from motcua.dossiers.errors import DossierError, DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency, ServiceCentre

log = structlog.get_logger(__name__)
router = Router(tags=["work"], auth=SIGNED_IN)

# The statutory clock runs in these statuses (it stops while a supplement is awaited).
CLOCK_RUNNING = (DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.AWAITING_PAYMENT)
# An online dossier approaches the end of its 8 working hours of intake (Art. 17.2) 2 before.
INTAKE_APPROACHING_WITHIN = engine.Duration(INTAKE_ALERT_HOURS, engine.Unit.WORKING_HOURS)


def _caller(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    if not user.is_staff_member:
        raise ApiError("staff_only", _("The dossier API is for staff."), status=403)
    return user


class QueueFilters(Schema):
    queue: Literal["awaiting", "mine", "unit"] = Field(
        "awaiting",
        description=(
            "`awaiting`: steps of the caller's roles free or theirs, online dossiers awaiting "
            "intake, open consultations; `mine`: steps given to the caller; `unit`: every open "
            "dossier of the caller's agencies and centres."
        ),
    )
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class QueueRowOut(Schema):
    code: str
    status: DossierStatus
    national_status_code: int
    stage: str
    procedure_name: str
    applicant_name: str
    current_agency: str
    handler: str | None = Field(description="Username of the officer holding the step.")
    received_at: str | None
    due_at: str | None = Field(description="Due moment of the dossier, ISO 8601 (+07:00).")
    intake_due_at: str | None = Field(description="End of the 8 working hours of intake.")
    time_class: Literal["overdue", "approaching", "within_time"] | None = Field(
        description=(
            "While the clock runs: overdue, approaching (at most 1 working day left) or within "
            "time; for an online dossier awaiting intake, against its 8 working hours."
        )
    )


class QueuePageOut(Schema):
    queue: str
    count: int
    page: int
    page_size: int
    items: list[QueueRowOut]


def _time_class(dossier: Dossier, calendar: engine.WorkCalendar, at: Any) -> str | None:
    if dossier.status == DossierStatus.SUBMITTED and dossier.intake_due_at is not None:
        return engine.classify_in_progress(
            calendar,
            due_at=dossier.intake_due_at,
            at=at,
            approaching_within=INTAKE_APPROACHING_WITHIN,
        ).value
    if dossier.status in CLOCK_RUNNING and dossier.due_at is not None:
        return engine.classify_in_progress(calendar, due_at=dossier.due_at, at=at).value
    return None


@router.get(
    "/queue",
    response={200: QueuePageOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="The caller's work queue",
    description=(
        "One of the caller's queues (`awaiting`, `mine`, `unit`) inside what they may read, "
        "soonest due first, with each dossier's due moment and time class; paginated "
        "(`page`, `page_size` up to 200)."
    ),
    operation_id="get_work_queue",
)
def get_queue(request: HttpRequest, filters: Query[QueueFilters]) -> dict[str, Any]:
    officer = _caller(request)
    dossiers = queries.list_officer_queue(officer=officer, queue=filters.queue)
    start = (filters.page - 1) * filters.page_size
    count = dossiers.count()
    rows = list(dossiers[start : start + filters.page_size]) if start < count else []
    at, calendar = now(), work_calendar()
    return {
        "queue": filters.queue,
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [
            {
                "code": dossier.code,
                "status": dossier.status,
                "national_status_code": dossier.national_status_code,
                "stage": dossier.stage,
                "procedure_name": dossier.procedure_version.name,
                "applicant_name": dossier.applicant_name,
                "current_agency": dossier.current_agency.code,
                "handler": dossier.current_handler.username if dossier.current_handler else None,
                "received_at": moment(dossier.received_at),
                "due_at": moment(dossier.due_at),
                "intake_due_at": moment(dossier.intake_due_at),
                "time_class": _time_class(dossier, calendar, at),
            }
            for dossier in rows
        ],
    }


class RegisterFilters(Schema):
    period_from: date = Field(alias="from", description="First day, ISO 8601 (`2025-09-01`).")
    period_to: date = Field(alias="to", description="Last day, included.")
    centre: str = Field(
        "", max_length=32, description="Service centre code; by default the caller's only one."
    )
    agency: str = Field("", max_length=32, description="Only the dossiers this agency leads.")


def register_centre(*, officer: Any, code: str) -> ServiceCentre:
    """The centre whose register the officer asks for (their only one when `code` is empty).

    Raises ApiError: 403 without a register role, 422 for an unknown or ambiguous centre."""
    centres = queries.list_register_centres(officer=officer)
    if code:
        centre = centres.filter(code=code).first()
        if centre is None:
            raise ApiError(
                "unknown_service_centre",
                _("There is no service centre “%(code)s” whose register you may read.")
                % {"code": code},
                status=422,
            )
        return centre
    found = list(centres[:2])
    if not found:
        raise ApiError(
            "not_permitted",
            _("The register is for intake officers and leaders."),
            status=403,
        )
    if len(found) > 1:
        raise ApiError(
            "service_centre_required",
            _("Name the service centre (`centre`)."),
            status=422,
        )
    return found[0]


def _register(request: HttpRequest, filters: RegisterFilters) -> Any:
    officer = _caller(request)
    centre = register_centre(officer=officer, code=filters.centre)
    agency_id = None
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency).first()
        if agency is None:
            raise ApiError(
                "unknown_agency",
                _("There is no agency with code “%(code)s”.") % {"code": filters.agency},
                status=422,
            )
        agency_id = agency.pk
    try:
        dossiers = queries.list_register_dossiers(
            officer=officer,
            centre=centre,
            period_from=filters.period_from,
            period_to=filters.period_to,
            agency_id=agency_id,
        )
    except DossierError as error:
        raise ApiError(error.code, error.message, status=error.status) from None
    return forms.register_context(
        centre=centre,
        dossiers=dossiers,
        period_from=filters.period_from,
        period_to=filters.period_to,
    )


REGISTER_DESCRIPTION = (
    "Form 07 (dossier register) of a service centre: the dossiers received there from `from` "
    "to `to` (days in Vietnam, both included, at most 366) that the caller may read, "
    "optionally only those an `agency` leads. For intake officers, centre leaders, unit "
    "leaders and province-wide roles. 422 `invalid_input` (a period ending before it starts "
    "or longer than 366 days), `unknown_service_centre`, `unknown_agency`, "
    "`service_centre_required`; 403 `not_permitted`."
)


@router.get(
    "/dossiers/register.pdf",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="The dossier register (form 07) as PDF",
    description=REGISTER_DESCRIPTION,
    operation_id="get_dossier_register_pdf",
)
def register_pdf(request: HttpRequest, filters: Query[RegisterFilters]) -> HttpResponse:
    context = _register(request, filters)
    response = HttpResponse(render_form_pdf(context=context), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="so-theo-doi-ho-so-{filters.period_from:%Y%m%d}-'
        f'{filters.period_to:%Y%m%d}.pdf"'
    )
    return response


@router.get(
    "/dossiers/register.xlsx",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="The dossier register (form 07) as a workbook",
    description=REGISTER_DESCRIPTION,
    operation_id="get_dossier_register_xlsx",
)
def register_xlsx(request: HttpRequest, filters: Query[RegisterFilters]) -> HttpResponse:
    context = _register(request, filters)
    response = HttpResponse(
        register_workbook(context=context),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="so-theo-doi-ho-so-{filters.period_from:%Y%m%d}-'
        f'{filters.period_to:%Y%m%d}.xlsx"'
    )
    return response


@router.get(
    "/dossiers/{code}/documents/{document_id}",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Download a stored document of a dossier",
    description=(
        "The file as stored (checked by content at upload), as an attachment with a safe file "
        "name. 404 `dossier_not_found` for a missing document, another dossier's, or a dossier "
        "out of the caller's scope."
    ),
    operation_id="get_dossier_document",
)
def get_document(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    officer = _caller(request)
    try:
        document = queries.get_document_for_officer(
            officer=officer, code=code, document_id=document_id
        )
    except DossierNotFound as error:
        raise ApiError(error.code, error.message, status=404) from None
    return document_response(document)


def document_response(document: Any) -> FileResponse:
    """The stored file as an attachment; the log names the dossier and document, never the
    file's name (it may carry the applicant's name)."""
    log.info("dossier_document_downloaded", dossier=document.dossier.code, document=document.pk)
    return attachment(
        file=document.file, filename=download_name(document), content_type=document.mime_type
    )
