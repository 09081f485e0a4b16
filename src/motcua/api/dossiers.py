"""The dossier API: intake, reads scoped to the caller, one endpoint per legal act, forms.

POST /dossiers                       receive (counter, post), submit (online) or refuse at intake
GET  /dossiers?status=&overdue=&q=   the dossiers the caller may see
GET  /dossiers/{code}                one dossier, with its steps and allowed acts
GET  /dossiers/{code}/timeline       every act on it
POST /dossiers/{code}/{act}          an act (transfer, complete-step, request-supplement…)
GET  /dossiers/{code}/forms/{form}.pdf   an official form

Staff authenticate with a bearer token (or a verified session). Refusals are JSON `{code,
message, details}`: 404 `dossier_not_found` (also outside the caller's scope), 409
`act_not_allowed` with `details.allowed_acts`, 409 `conflict` when someone else acted meanwhile,
409 with the rule's code (`supplement_already_requested`, `extension_already_granted`,
`extension_too_late`…), 422 for bad input.
"""

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from motcua.accounts.models import User
from motcua.api.auth import SIGNED_IN
from motcua.api.dossier_schemas import (
    CODE_PATTERN,
    AnswerIn,
    ApproveIn,
    AssignIn,
    BulkOutcomeOut,
    BulkTransferIn,
    ConsultIn,
    DocumentIn,
    DocumentsIn,
    DossierOut,
    DossierSummaryOut,
    ExtendIn,
    IntakeIn,
    ItemsIn,
    NoteIn,
    PaymentIn,
    PaymentRequestIn,
    ReasonsIn,
    ReturnIn,
    StepIn,
    TimelineEntryOut,
    TransferIn,
    WithdrawIn,
    moment,
)
from motcua.api.errors import ApiError, ErrorOut
from motcua.core.clock import parse_moment
from motcua.deadlines.engine.errors import DeadlineError
from motcua.dossiers import forms, queries, services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.recording import ACT_OF_TRANSITION, allowed_acts
from motcua.organizations.choices import Role
from motcua.organizations.models import Agency
from motcua.organizations.queries import list_service_centres_in_scope

router = Router(tags=["dossiers"], auth=SIGNED_IN)

REFUSALS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


@contextmanager
def _refusals() -> Iterator[None]:
    """Domain refusals become JSON answers with their code and status; never a 500."""
    try:
        yield
    except DossierError as error:
        raise ApiError(
            error.code, error.message, status=error.status, details=error.details or None
        ) from None
    except DeadlineError as error:
        details = {key: str(value) for key, value in error.details.items()}
        raise ApiError(error.code, error.message, status=422, details=details or None) from None


def _caller(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined]


def _dossier(request: HttpRequest, code: str) -> Dossier:
    with _refusals():
        return queries.get_dossier_for_officer(officer=_caller(request), code=code)


def _documents(rows: list[DocumentIn]) -> list[DocumentInput]:
    documents = []
    for position, row in enumerate(rows):
        upload = None
        if row.content_base64:
            try:
                content = base64.b64decode(row.content_base64, validate=True)
            except (binascii.Error, ValueError):
                raise ApiError(
                    "invalid_input",
                    _("Document %(n)s is not valid base64.") % {"n": position + 1},
                    status=422,
                    details={"document": position},
                ) from None
            upload = ContentFile(content, name=row.file_name or "document")
        documents.append(
            DocumentInput(
                code=row.code,
                title=row.title,
                originals=row.originals,
                copies=row.copies,
                file=upload,
                digitised_at_intake=row.digitised_at_intake,
                reused=row.reused,
                type_code=row.type_code,
                holder_id_number=row.holder_id_number,
                summary=row.summary,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                validity_scope=row.validity_scope,
            )
        )
    return documents


def _centre_code(request: HttpRequest, payload: IntakeIn) -> str:
    if payload.service_centre:
        return payload.service_centre
    centres = list(
        list_service_centres_in_scope(user=_caller(request), role=Role.INTAKE_OFFICER)[:2]
    )
    if len(centres) != 1:
        raise ApiError(
            "service_centre_required",
            _("Name the receiving service centre (`service_centre`)."),
            status=422,
        )
    return centres[0].code


def _summary(dossier: Dossier) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "status": dossier.status,
        "national_status_code": dossier.national_status_code,
        "stage": dossier.stage,
        "channel": dossier.channel,
        "procedure_code": dossier.procedure_version.procedure.code,
        "procedure_name": dossier.procedure_version.name,
        "applicant_name": dossier.applicant_name,
        "service_centre": dossier.service_centre.code,
        "agency": dossier.agency.code,
        "current_agency": dossier.current_agency.code,
        "received_at": moment(dossier.received_at),
        "due_at": moment(dossier.due_at),
    }


def _related(dossier: Dossier, name: str, queryset: Any) -> list[Any]:
    """Rows the service already holds (a fresh intake's), else read with `queryset`."""
    kept = getattr(dossier, "_prefetched_objects_cache", {}).get(name)
    return list(kept if kept is not None else queryset)


def _detail(dossier: Dossier) -> dict[str, Any]:
    steps = _related(dossier, "steps", dossier.steps.select_related("agency", "handler"))
    steps = sorted(steps, key=lambda step: step.order)
    documents = _related(
        dossier, "documents", dossier.documents.select_related("required_document")
    )
    flags = _related(dossier, "flags", dossier.flags.all())
    return {
        **_summary(dossier),
        "variant_code": dossier.variant.code,
        "submitted_at": moment(dossier.submitted_at),
        "intake_due_at": moment(dossier.intake_due_at),
        "decided_at": moment(dossier.decided_at),
        "returned_at": moment(dossier.returned_at),
        "supplement_requests": dossier.supplement_requests,
        "extensions": dossier.extensions,
        "fee_amount_vnd": dossier.fee_amount_vnd,
        "flags": [flag.code for flag in flags],
        "allowed_acts": allowed_acts(dossier),
        "steps": [
            {
                "order": step.order,
                "name": step.name,
                "role": step.role,
                "status": step.status,
                "agency": step.agency.code if step.agency else None,
                "handler": step.handler.username if step.handler else None,
                "due_at": moment(step.due_at),
                "started_at": moment(step.started_at),
                "finished_at": moment(step.finished_at),
            }
            for step in steps
        ],
        "documents": [
            {
                "id": document.pk,
                "code": document.required_document.code if document.required_document else "",
                "title": document.title,
                "kind": document.kind,
                "size_bytes": document.size_bytes,
                "sha256": document.sha256,
                "originals": document.originals,
                "copies": document.copies,
                "digitised_at_intake": document.digitised_at_intake,
                "reused": document.reused,
            }
            for document in documents
        ],
    }


@router.post(
    "/dossiers",
    response={201: DossierOut, **REFUSALS},
    summary="Receive a dossier",
    description=(
        "Counter (1) or post (3): a complete dossier is received (status 2) with its code "
        "`{agency id}-{yyMMdd}-{NNNN}` and due moment; an incomplete one is not received "
        "(422 `dossier_incomplete`, `details.missing_documents`); `outcome: refuse` refuses it "
        "at intake (status 3). Online (2): the dossier is submitted (status 1) and intake has "
        "8 working hours. Files travel base64-encoded and are checked by content "
        "(422 `document_refused`, nothing kept)."
    ),
    operation_id="receive_dossier",
)
def receive(request: HttpRequest, payload: IntakeIn) -> Status:
    officer = _caller(request)
    intake = services.IntakeRequest(
        service_centre_code=_centre_code(request, payload),
        procedure_code=payload.procedure_code,
        variant_code=payload.variant_code,
        channel=payload.channel,
        applicant=services.ApplicantDetails(**payload.applicant.dict()),
        documents=_documents(payload.documents),
        agency_code=payload.agency,
        return_method=payload.return_method,
        delivery_address=payload.delivery_address,
        postal_tracking_code=payload.postal_tracking_code,
        sets=payload.sets,
    )
    with _refusals():
        if payload.outcome == "refuse":
            dossier = services.refuse_at_intake(
                officer=officer, request=intake, reasons=payload.reasons
            )
        elif payload.channel == 2:
            dossier = services.submit_application(request=intake)
        else:
            dossier = services.receive_dossier(officer=officer, request=intake)
    return Status(201, _detail(dossier))


class DossierFilters(Schema):
    status: DossierStatus | None = Field(None, description="Status value, e.g. `processing`.")
    overdue: bool | None = Field(None, description="Open dossiers past their due moment.")
    q: str = Field("", max_length=100, description="Code prefix or applicant's name words.")


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(50, ge=1, le=200)

    def _get_page_size(self, requested_page_size: int | None) -> int:
        return requested_page_size or self.page_size


@router.get(
    "/dossiers",
    response={200: list[DossierSummaryOut], 401: ErrorOut, 422: ErrorOut},
    summary="List the dossiers the caller may see",
    description=(
        "Intake officers see their centres' dossiers, handlers and leaders their agencies', "
        "province-wide roles all. Most recent first; `status`, `overdue`, `q` filter."
    ),
    operation_id="list_dossiers",
)
@paginate(Pagination)
def list_dossiers(request: HttpRequest, filters: Query[DossierFilters]) -> Any:
    if filters.q and not filters.q.isprintable():
        raise ApiError("invalid_input", _("The search text holds control characters."), status=422)
    return queries.list_dossiers_for_officer(
        officer=_caller(request), status=filters.status, overdue=filters.overdue, q=filters.q
    )


@router.get(
    "/dossiers/{code}",
    response={200: DossierOut, 401: ErrorOut, 404: ErrorOut},
    summary="One dossier",
    description="With its steps, documents, flags and the acts its status allows now.",
    operation_id="get_dossier",
)
def get_dossier(request: HttpRequest, code: str) -> dict[str, Any]:
    return _detail(_dossier(request, code))


@router.get(
    "/dossiers/{code}/timeline",
    response={200: list[TimelineEntryOut], 401: ErrorOut, 404: ErrorOut},
    summary="Every act on the dossier, in order",
    operation_id="get_dossier_timeline",
)
def get_timeline(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    dossier = _dossier(request, code)
    return [
        {
            "at": moment(entry.at),
            "act": entry.act,
            "actor": entry.actor_label,
            "status_before": entry.status_before,
            "status_after": entry.status_after,
            "note": entry.note,
        }
        for entry in queries.list_timeline(dossier=dossier)
    ]


@router.get(
    "/dossiers/{code}/forms/{form}.pdf",
    response={200: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="An official form of the dossier as PDF",
    description=(
        "`receipt` (01), `supplement-request` (02), `refusal` (03), `extension` (04), "
        "`stop-notice` (05), `control-slip` (06). 409 `form_not_applicable` when the dossier "
        "has no such paper (e.g. an extension form for a dossier never extended)."
    ),
    operation_id="get_dossier_form",
)
def get_form(request: HttpRequest, code: str, form: str) -> HttpResponse:
    dossier = _dossier(request, code)
    if form not in forms.FORM_BUILDERS:
        raise ApiError(
            "unknown_form",
            _("Unknown form; use one of: %(forms)s.") % {"forms": ", ".join(forms.FORM_BUILDERS)},
            status=404,
        )
    with _refusals():
        pdf = forms.render_dossier_form(dossier=dossier, form=form)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{form}.pdf"'
    return response


def _acted(request: HttpRequest, code: str, act: Any) -> dict[str, Any]:
    dossier = _dossier(request, code)
    with _refusals():
        act(officer=_caller(request), dossier=dossier)
    return _detail(dossier)


def _act_route(path: str, summary: str, description: str = "") -> Any:
    return router.post(
        f"/dossiers/{{code}}/{path}",
        response={200: DossierOut, **REFUSALS},
        summary=summary,
        description=description or summary,
        operation_id=f"dossier_{path.replace('-', '_')}",
    )


@_act_route("receive", "Accept an online dossier (status 1 → 2)")
def act_receive(request: HttpRequest, code: str) -> dict[str, Any]:
    return _acted(request, code, services.accept_application)


@_act_route("refuse-at-intake", "Refuse an online dossier at intake (status 1 → 3)")
def act_refuse_at_intake(request: HttpRequest, code: str, payload: ReasonsIn) -> dict[str, Any]:
    return _acted(
        request,
        code,
        lambda **kw: services.refuse_application(**kw, reasons=payload.reasons),
    )


@_act_route("return-for-supplement", "Return an incomplete online dossier (status 1 → 5)")
def act_return(request: HttpRequest, code: str, payload: ItemsIn) -> dict[str, Any]:
    return _acted(
        request, code, lambda **kw: services.return_application(**kw, items=payload.items)
    )


@_act_route("assign", "Give the current step to an officer (or reassign it)")
def act_assign(request: HttpRequest, code: str, payload: AssignIn) -> dict[str, Any]:
    handler = User.objects.filter(username=payload.handler, is_active=True).first()
    if handler is None:
        raise ApiError("unknown_officer", _("There is no such officer."), status=422)
    return _acted(request, code, lambda **kw: services.assign_handler(**kw, handler=handler))


@_act_route("complete-step", "Complete the current step; the next one starts")
def act_complete_step(request: HttpRequest, code: str, payload: StepIn) -> dict[str, Any]:
    return _acted(
        request,
        code,
        lambda **kw: services.complete_step(**kw, step_order=payload.step, note=payload.note),
    )


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ApiError(
            "unknown_agency",
            _("There is no agency with code “%(code)s”.") % {"code": code},
            status=422,
        )
    return agency


@_act_route(
    "transfer",
    "Transfer to another agency (inter-agency)",
    "The current step moves to `agency` with its own due moment (`hours` of working time, by "
    "default the step's budget) and a hand-over record on the control slip.",
)
def act_transfer(request: HttpRequest, code: str, payload: TransferIn) -> dict[str, Any]:
    agency = _agency(payload.agency)
    return _acted(
        request,
        code,
        lambda **kw: services.transfer_dossier(
            **kw, to_agency=agency, hours=payload.hours, note=payload.note
        ),
    )


@_act_route("return-step", "Send the dossier back to the previous step")
def act_return_step(request: HttpRequest, code: str, payload: NoteIn) -> dict[str, Any]:
    return _acted(
        request, code, lambda **kw: services.return_to_previous_step(**kw, note=payload.note)
    )


@_act_route("recall", "Take back a dossier the receiver has not started")
def act_recall(request: HttpRequest, code: str, payload: NoteIn) -> dict[str, Any]:
    return _acted(request, code, lambda **kw: services.recall_dossier(**kw, note=payload.note))


@_act_route("consult", "Ask another agency's opinion, with a deadline")
def act_consult(request: HttpRequest, code: str, payload: ConsultIn) -> dict[str, Any]:
    agency = _agency(payload.agency)
    return _acted(
        request,
        code,
        lambda **kw: services.start_consultation(
            **kw, agency=agency, question=payload.question, hours=payload.hours
        ),
    )


@_act_route("answer-consultation", "Answer a consultation")
def act_answer(request: HttpRequest, code: str, payload: AnswerIn) -> dict[str, Any]:
    return _acted(
        request,
        code,
        lambda **kw: services.answer_consultation(
            **kw, consultation_id=payload.consultation, answer=payload.answer
        ),
    )


@_act_route(
    "request-supplement",
    "Request a supplement (status → 5)",
    "Only once (a second: 409 `supplement_already_requested`); more than 3 working days after "
    "receipt it is allowed and flagged `supplement_late`.",
)
def act_request_supplement(request: HttpRequest, code: str, payload: ItemsIn) -> dict[str, Any]:
    return _acted(
        request,
        code,
        lambda **kw: services.request_supplement(**kw, items=payload.items, reason=payload.reason),
    )


@_act_route(
    "receive-supplement",
    "Receive the supplement (status 5 → 4)",
    "The due moment restarts from zero or resumes, as the procedure's case says.",
)
def act_receive_supplement(request: HttpRequest, code: str, payload: DocumentsIn) -> dict[str, Any]:
    documents = _documents(payload.documents)
    return _acted(
        request, code, lambda **kw: services.receive_supplement(**kw, documents=documents)
    )


@_act_route("request-payment", "Request the fees and charges (status → 6)")
def act_request_payment(
    request: HttpRequest, code: str, payload: PaymentRequestIn
) -> dict[str, Any]:
    return _acted(
        request, code, lambda **kw: services.request_payment(**kw, amount_vnd=payload.amount_vnd)
    )


@_act_route("record-payment", "Record the payment: cash, transfer or online (status 6 → 4)")
def act_record_payment(request: HttpRequest, code: str, payload: PaymentIn) -> dict[str, Any]:
    return _acted(
        request,
        code,
        lambda **kw: services.record_payment(
            **kw, method=payload.method, amount_vnd=payload.amount_vnd, reference=payload.reference
        ),
    )


@_act_route("withdraw", "Withdraw at the applicant's request (status 7)")
def act_withdraw(request: HttpRequest, code: str, payload: WithdrawIn) -> dict[str, Any]:
    return _acted(
        request, code, lambda **kw: services.withdraw_dossier(**kw, reason=payload.reason)
    )


@_act_route("refuse", "Refuse after appraisal (status 8)")
def act_refuse(request: HttpRequest, code: str, payload: ReasonsIn) -> dict[str, Any]:
    return _acted(
        request, code, lambda **kw: services.refuse_dossier(**kw, reasons=payload.reasons)
    )


@_act_route(
    "extend",
    "Apologise and extend the due moment",
    "Only once (a second: 409 `extension_already_granted`), with a reason and a later due "
    "moment within office hours; less than 1 working day before due: 409 "
    "`extension_too_late` (or flagged, where the deployment says so).",
)
def act_extend(request: HttpRequest, code: str, payload: ExtendIn) -> dict[str, Any]:
    try:
        new_due_at = parse_moment(payload.new_due_at)
    except ValueError:
        raise ApiError(
            "invalid_input",
            _("`new_due_at` is not an ISO 8601 moment."),
            status=422,
            details={"field": "new_due_at"},
        ) from None
    return _acted(
        request,
        code,
        lambda **kw: services.extend_deadline(**kw, new_due_at=new_due_at, reason=payload.reason),
    )


@_act_route("approve-result", "Approve the result (status 4 → 9; unit leader)")
def act_approve(request: HttpRequest, code: str, payload: ApproveIn) -> dict[str, Any]:
    documents = _documents(payload.documents)
    return _acted(
        request,
        code,
        lambda **kw: services.approve_result(**kw, summary=payload.summary, documents=documents),
    )


@_act_route(
    "return-result",
    "Return the result (status 9 → 10)",
    "At the counter with the receiver's name and ID number, or by post with the tracking code.",
)
def act_return_result(request: HttpRequest, code: str, payload: ReturnIn) -> dict[str, Any]:
    return _acted(
        request,
        code,
        lambda **kw: services.return_result(
            **kw,
            method=payload.method,
            receiver_name=payload.receiver_name,
            receiver_id_number=payload.receiver_id_number,
            postal_tracking_code=payload.postal_tracking_code,
        ),
    )


@_act_route(
    "documents",
    "Add documents to an open dossier",
    "Every file is checked by content first; a bad one answers 422 `document_refused` and the "
    "dossier keeps everything it had.",
)
def act_documents(request: HttpRequest, code: str, payload: DocumentsIn) -> dict[str, Any]:
    documents = _documents(payload.documents)
    return _acted(request, code, lambda **kw: services.attach_documents(**kw, documents=documents))


@router.post(
    "/dossiers-bulk-transfer",
    response={200: list[BulkOutcomeOut], **REFUSALS},
    summary="Transfer several dossiers to an agency",
    description="Each dossier succeeds or fails on its own; the answer lists every outcome.",
    operation_id="bulk_transfer_dossiers",
)
def bulk_transfer(request: HttpRequest, payload: BulkTransferIn) -> list[dict[str, Any]]:
    agency = _agency(payload.agency)
    officer = _caller(request)
    reach = queries.list_dossiers_for_officer(officer=officer).filter(code__in=payload.codes)
    found = {dossier.code: dossier for dossier in reach}
    outcomes = services.bulk_transfer(
        officer=officer,
        dossiers=[found[code] for code in payload.codes if code in found],
        to_agency=agency,
        note=payload.note,
    )
    missing = [
        {"code": code, "ok": False, "error": "dossier_not_found", "message": ""}
        for code in payload.codes
        if code not in found
    ]
    return [outcome.__dict__ for outcome in outcomes] + missing


@router.post(
    "/dossiers/{code}/{act}",
    response={404: ErrorOut, 401: ErrorOut},
    summary="Unknown act",
    description="Any other act answers 404 `unknown_act` with the list of acts.",
    operation_id="dossier_unknown_act",
    include_in_schema=False,
)
def unknown_act(request: HttpRequest, code: str, act: str) -> Any:
    raise ApiError(
        "unknown_act",
        _("Unknown act “%(act)s”.") % {"act": act[:50]},
        status=404,
        details={"acts": sorted(set(ACT_OF_TRANSITION.values()) | {"documents"})},
    )


__all__ = ["CODE_PATTERN", "router"]
