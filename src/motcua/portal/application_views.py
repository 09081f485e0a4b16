"""The online application: choose the case, fill the form, upload the checklist, pay, submit.

GET/POST /nop-truc-tuyen/<procedure code>/             start: case and on whose behalf
GET/POST /nop-truc-tuyen/ho-so-nhap/<draft>/           the form (save, or submit)
POST     /nop-truc-tuyen/ho-so-nhap/<draft>/luu/       htmx autosave (answers and chosen files)
POST     /nop-truc-tuyen/ho-so-nhap/<draft>/thanh-toan/  pay the fees before submission
GET      /nop-truc-tuyen/thanh-toan/ket-qua/<gateway>/ the gateway's signed browser return
GET      /nop-truc-tuyen/da-nop/<code>/                 confirmation with the dossier code

Every page works without JavaScript; htmx only saves as the applicant types.
"""

from typing import Any

import structlog
from django.conf import settings
from django.contrib import messages
from django.core.files import File
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.queries import list_represented
from motcua.applications import queries, services
from motcua.applications.application_forms import stored_values
from motcua.applications.errors import (
    ApplicationError,
    ApplicationInvalid,
    DocumentRefused,
    DraftNotFound,
    DraftSubmitted,
)
from motcua.applications.models import ApplicationDraft
from motcua.catalog import queries as catalog_queries
from motcua.catalog.exchange_validation import PROCEDURE_CODE
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.errors import DossierNotFound
from motcua.integrations.payments.registry import get_gateway
from motcua.payments.errors import CallbackRefused, PaymentError
from motcua.payments.gateway import PaymentRequest
from motcua.payments.models import PaymentOrder
from motcua.payments.services import record_gateway_callback
from motcua.portal.application_access import applicant_of, applicant_page

log = structlog.get_logger(__name__)
FILE_FIELD_PREFIX = "document_"


def _draft(request: HttpRequest, public_id: str) -> ApplicationDraft:
    try:
        return queries.get_draft_for_applicant(applicant=applicant_of(request), public_id=public_id)
    except DraftNotFound:
        raise Http404 from None


@applicant_page
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, code: str) -> HttpResponse:
    """Choose the case of the procedure (and, for a representative, on whose behalf)."""
    if not PROCEDURE_CODE.match(code):
        raise Http404
    try:
        version = catalog_queries.get_procedure_page(code=code)
    except ProcedureVersion.DoesNotExist:
        raise Http404 from None
    applicant = applicant_of(request)
    variants = queries.list_online_variants(version=version)
    represented = list(list_represented(user=applicant))
    error = ""
    if request.method == "POST":
        variant = next((v for v in variants if v.code == request.POST.get("variant")), None)
        representation = next(
            (r for r in represented if str(r.pk) == request.POST.get("on_behalf")), None
        )
        if variant is None:
            error = _("Choose the case that fits your application.")
        elif request.POST.get("on_behalf") and representation is None:
            error = _("Choose whom you apply for.")
        else:
            try:
                draft = services.start_draft(
                    applicant=applicant, variant=variant, representation=representation
                )
            except ApplicationError as refusal:
                error = refusal.message
            else:
                return redirect("portal:application-draft", public_id=draft.public_id)
    return render(
        request,
        "portal/application_start.html",
        {
            "version": version,
            "variants": variants,
            "represented": represented,
            "error": error,
        },
        status=422 if error else 200,
    )


def _checklist(draft: ApplicationDraft, refusals: dict[str, str]) -> list[dict[str, Any]]:
    uploaded = {document.required_document_id: document for document in draft.documents.all()}
    return [
        {
            "requirement": requirement,
            "field": f"{FILE_FIELD_PREFIX}{requirement.code}",
            "document": uploaded.get(requirement.pk),
            "error": refusals.get(requirement.code, ""),
        }
        for requirement in draft.variant.required_documents.all()
    ]


def _save_files(request: HttpRequest, draft: ApplicationDraft) -> dict[str, str]:
    """Take each chosen file; a refused one is named with its reason, the others are kept."""
    refusals: dict[str, str] = {}
    applicant = applicant_of(request)
    for field in request.FILES:
        file = request.FILES[field]
        if not field.startswith(FILE_FIELD_PREFIX) or not isinstance(file, File):
            continue
        item = field.removeprefix(FILE_FIELD_PREFIX)
        try:
            services.attach_draft_document(
                applicant=applicant, draft=draft, required_document_code=item, file=file
            )
        except DocumentRefused as refusal:
            refusals[item] = refusal.message
        except ApplicationError as refusal:
            refusals[item] = refusal.message
    for item in request.POST.getlist("remove_document"):
        services.remove_draft_document(
            applicant=applicant, draft=draft, required_document_code=item
        )
    return refusals


def _page(
    request: HttpRequest,
    draft: ApplicationDraft,
    *,
    form: Any,
    refusals: dict[str, str] | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    refusals = refusals or {}
    version = draft.variant.version
    fees = list(draft.variant.fees.all())
    return render(
        request,
        "portal/application_form.html",
        {
            "draft": draft,
            "version": version,
            "form": form,
            "checklist": _checklist(draft, refusals),
            "upload_refused": bool(refusals),
            "fees": fees,
            "fee_total": sum(fee.amount_vnd for fee in fees),
            "pay_first": queries.payment_due_before_submission(draft=draft),
            "paid": queries.is_draft_paid(draft=draft),
            "problem": problem,
        },
        status=status,
    )


@applicant_page
@require_http_methods(["GET", "POST"])
def draft_page(request: HttpRequest, public_id: str) -> HttpResponse:
    """The form. POST `action=save` keeps the draft; `action=submit` saves, then submits."""
    draft = _draft(request, public_id)
    if draft.is_submitted:
        return redirect("portal:application-submitted", code=draft.dossier.code)  # type: ignore[union-attr]
    if request.method == "GET":
        return _page(request, draft, form=queries.application_form(draft=draft, data=draft.values))
    applicant = applicant_of(request)
    form = queries.application_form(draft=draft, data=request.POST)
    try:
        services.save_draft(
            applicant=applicant, draft=draft, values=stored_values(form, request.POST)
        )
    except DraftSubmitted:
        return redirect("portal:application-draft", public_id=draft.public_id)
    refusals = _save_files(request, draft)
    draft = _draft(request, public_id)
    if refusals:
        form.is_valid()
        return _page(request, draft, form=form, refusals=refusals, status=422)
    if request.POST.get("action") != "submit":
        messages.success(
            request, _("Your draft is saved. You can come back to it from any device.")
        )
        return redirect("portal:application-draft", public_id=draft.public_id)
    try:
        dossier = services.submit_draft(applicant=applicant, draft=draft)
    except ApplicationInvalid:
        form.is_valid()
        return _page(request, draft, form=form, status=422)
    except ApplicationError as refusal:
        form.is_valid()
        return _page(request, draft, form=form, problem=refusal.message, status=422)
    log.info("application.submitted", code=dossier.code)
    return redirect("portal:application-submitted", code=dossier.code)


@applicant_page
@require_POST
def autosave(request: HttpRequest, public_id: str) -> HttpResponse:
    """htmx: keep what was typed (and any file chosen); answer with the save status."""
    draft = _draft(request, public_id)
    if draft.is_submitted:
        return HttpResponse(status=409)
    form = queries.application_form(draft=draft, data=request.POST)
    services.save_draft(
        applicant=applicant_of(request), draft=draft, values=stored_values(form, request.POST)
    )
    refusals = _save_files(request, draft)
    draft = _draft(request, public_id)
    return render(
        request,
        "portal/application_autosave.html",
        {"draft": draft, "checklist": _checklist(draft, refusals), "refusals": refusals},
    )


def _gateway_redirect(request: HttpRequest, order: PaymentOrder) -> HttpResponse:
    gateway = get_gateway(order.gateway)
    address = gateway.create_payment(
        request=PaymentRequest(
            reference=order.reference,
            amount_vnd=order.amount_vnd,
            description=order.purpose,
            return_url=request.build_absolute_uri(
                reverse("portal:application-payment-return", args=[gateway.name])
            ),
            notify_url=request.build_absolute_uri(
                reverse("payments:callback", args=[gateway.name])
            ),
        )
    )
    log.info("payments.payer_sent_to_gateway", gateway=gateway.name, reference=order.reference)
    return redirect(address)


@applicant_page
@require_POST
def pay(request: HttpRequest, public_id: str) -> HttpResponse:
    """Pay the variant's fees before submission: off to the payment gateway."""
    draft = _draft(request, public_id)
    if not draft.is_submitted:
        # Without JavaScript nothing was autosaved: keep what was typed before leaving.
        form = queries.application_form(draft=draft, data=request.POST)
        services.save_draft(
            applicant=applicant_of(request), draft=draft, values=stored_values(form, request.POST)
        )
    try:
        order = services.start_draft_payment(
            applicant=applicant_of(request), draft=draft, gateway=settings.PAYMENT_GATEWAY
        )
    except (ApplicationError, PaymentError) as refusal:
        messages.error(request, str(refusal.message))
        return redirect("portal:application-draft", public_id=draft.public_id)
    return _gateway_redirect(request, order)


@applicant_page
@require_GET
def payment_return(request: HttpRequest, gateway: str) -> HttpResponse:
    """The payer's browser back from the gateway, signed like the callback: record the
    outcome (idempotently), then back to the draft or the dossier it pays for."""
    try:
        chosen = get_gateway(gateway)
    except LookupError:
        raise Http404 from None
    try:
        outcome = record_gateway_callback(gateway=chosen, data=request.GET.dict())
    except CallbackRefused as refusal:
        return render(
            request,
            "payment_gateways/refused.html",
            {"message": refusal.message},
            status=400,
        )
    order = outcome.order
    applicant = applicant_of(request)
    if order.payer_id != applicant.pk:
        raise Http404
    if outcome.status == "paid":
        messages.success(request, _("The payment was received. Thank you."))
    elif outcome.status == "cancelled":
        messages.info(request, _("The payment was cancelled."))
    else:
        messages.error(request, _("The payment did not go through."))
    draft = queries.get_draft_for_payment(applicant=applicant, reference=order.reference)
    if draft is not None and not draft.is_submitted:
        return redirect("portal:application-draft", public_id=draft.public_id)
    if order.dossier_code:
        return redirect("portal:my-dossier", code=order.dossier_code)
    return redirect("payments:order", reference=order.reference)


@applicant_page
@require_GET
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation: the dossier code, the intake deadline, what happens next."""
    try:
        dossier = queries.get_dossier_for_applicant(applicant=applicant_of(request), code=code)
    except DossierNotFound:
        raise Http404 from None
    return render(request, "portal/application_submitted.html", {"dossier": dossier})
