"""The counter's intake: find the procedure by typing (accents optional), pick the case, tick
the documents handed in, type the applicant, then receive (→ receipt, form 01), print a
supplement request (form 02: nothing is received) or refuse (→ refusal slip, form 03).

Works without JavaScript; htmx only refreshes the procedure results while typing.
"""

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.backoffice.access import staff_page
from motcua.backoffice.forms.intake import IntakeForm, ProcedureSearchForm
from motcua.catalog.models import ProcedureVariant, ProcedureVersion
from motcua.catalog.queries import search_procedures
from motcua.core.clock import today
from motcua.documents.contexts import Applicant
from motcua.documents.rendering import render_form_pdf
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError, DossierIncomplete
from motcua.dossiers.forms import intake_supplement_request_context
from motcua.dossiers.intake_references import get_version_for_intake
from motcua.organizations.choices import Role
from motcua.organizations.models import ServiceCentre
from motcua.organizations.queries import list_agencies, list_service_centres_in_scope

SEARCH_RESULTS = 15


def _centres(request: HttpRequest) -> list[ServiceCentre]:
    """The centres where the officer receives dossiers (intake officer or centre leader)."""
    found: dict[int, ServiceCentre] = {}
    for role in (Role.INTAKE_OFFICER, Role.CENTRE_LEADER):
        for centre in list_service_centres_in_scope(user=request.user, role=role):
            found.setdefault(centre.pk, centre)
    return sorted(found.values(), key=lambda centre: centre.name)


def _version(code: str) -> ProcedureVersion | None:
    try:
        return get_version_for_intake(code=code[:64], on=today())
    except ProcedureVersion.DoesNotExist:
        return None


def _variant(version: ProcedureVersion, code: str) -> ProcedureVariant | None:
    variants = list(version.variants.all())
    if not code and len(variants) == 1:
        return variants[0]
    return next((variant for variant in variants if variant.code == code), None)


def _intake_form(
    request: HttpRequest, variant: ProcedureVariant, centres: list[ServiceCentre]
) -> IntakeForm:
    version = variant.version
    unlinked = version.deciding_agency is None or version.deciding_agency.agency_id is None
    return IntakeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        variant=variant,
        documents=list(variant.required_documents.all()),
        centres=centres,
        agencies=list(list_agencies()) if unlinked else None,
    )


def _render_form(
    request: HttpRequest, form: IntakeForm, *, status: int = 200, missing: Any = None
) -> HttpResponse:
    variant = form.variant
    context = {
        "section": "intake",
        "version": variant.version,
        "variant": variant,
        "fees": list(variant.fees.all()),
        "form": form,
        "checklist": form.checklist(),
        "missing": missing or [],
        "query": f"procedure={variant.version.procedure.code}&variant={variant.code}",
    }
    return render(request, "backoffice/intake_form.html", context, status=status)


def _search_page(request: HttpRequest, *, centres: list[ServiceCentre]) -> HttpResponse:
    search = ProcedureSearchForm(request.GET or None)
    versions: list[ProcedureVersion] = []
    q = search.cleaned_data["q"] if search.is_valid() else ""
    if q:
        versions = list(search_procedures(q=q).prefetch_related("variants")[:SEARCH_RESULTS])
    context = {
        "section": "intake",
        "search": search,
        "q": q,
        "versions": versions,
        "centres": centres,
    }
    template = (
        "backoffice/intake_results.html"
        if getattr(request, "htmx", False)
        else "backoffice/intake_search.html"
    )
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@staff_page
def intake(request: HttpRequest) -> HttpResponse:
    """Search → case → the intake form; a valid form with "receive" receives the dossier."""
    centres = _centres(request)
    code = request.GET.get("procedure", "")
    version = _version(code) if code else None
    if version is None:
        if code:
            messages.error(request, _("No procedure with this code is in force today."))
        return _search_page(request, centres=centres)
    variant = _variant(version, request.GET.get("variant", ""))
    if variant is None or not centres:
        return render(
            request,
            "backoffice/intake_variants.html",
            {
                "section": "intake",
                "version": version,
                "variants": list(version.variants.all()),
                "centres": centres,
            },
        )
    form = _intake_form(request, variant, centres)
    if request.method == "GET":
        return _render_form(request, form)
    if not form.is_valid():
        messages.error(request, _("Check the highlighted fields; nothing was received."))
        return _render_form(request, form, status=400)
    refusing = request.POST.get("outcome") == "refuse"
    if refusing and not form.cleaned_data["reasons"]:
        form.add_error("reasons", _("State at least one reason for refusing."))
        return _render_form(request, form, status=400)
    try:
        if refusing:
            dossier = services.refuse_at_intake(
                officer=request.user,
                request=form.intake_request(),
                reasons=form.cleaned_data["reasons"],
            )
        else:
            dossier = services.receive_dossier(officer=request.user, request=form.intake_request())
    except DossierIncomplete as error:
        messages.error(request, error.message)
        return _render_form(request, form, status=422, missing=form.missing_documents())
    except DossierError as error:
        messages.error(request, _refusal_text(error))
        return _render_form(request, form, status=error.status)
    if refusing:
        messages.success(request, _("The dossier was refused at intake; print the refusal slip."))
        return redirect(reverse("backoffice:dossier", kwargs={"code": dossier.code}))
    messages.success(request, _("Dossier %(code)s received.") % {"code": dossier.code})
    return redirect(reverse("backoffice:dossier", kwargs={"code": dossier.code}) + "?received=1")


def _refusal_text(error: DossierError) -> str:
    if error.code == "document_refused":
        return _(
            "%(message)s Nothing was received and your typing is kept; choose the files again "
            "(a browser never keeps them)."
        ) % {"message": error.message}
    return error.message


@require_POST
@staff_page
def supplement_slip(request: HttpRequest) -> HttpResponse:
    """Form 02 for an incomplete dossier at the counter: nothing is received (Decree 118/2025
    Art. 17.1); the slip lists the missing documents and what else the officer typed."""
    centres = _centres(request)
    version = _version(request.GET.get("procedure", ""))
    variant = _variant(version, request.GET.get("variant", "")) if version else None
    if variant is None or not centres:
        return redirect("backoffice:intake")
    form = _intake_form(request, variant, centres)
    if not form.is_valid():
        messages.error(request, _("Check the highlighted fields; no slip was printed."))
        return _render_form(request, form, status=400)
    data = form.cleaned_data
    try:
        # The dossier app checks the case and the officer's centre, and names what is missing;
        # what else the officer noted goes on the same slip.
        check = services.check_intake(officer=request.user, request=form.intake_request())
    except DossierError as error:
        messages.error(request, _refusal_text(error))
        return _render_form(request, form, status=error.status)
    lacking = (*check.missing, *data["supplement_items"])
    if not lacking:
        form.add_error(
            "supplement_items",
            _("Every mandatory document is ticked: list what else must be supplemented."),
        )
        return _render_form(request, form, status=400)
    context = intake_supplement_request_context(
        check=replace(check, missing=lacking),
        applicant=Applicant(
            name=data["applicant_name"],
            address=data["applicant_address"],
            phone=data["applicant_phone"],
            email=data["applicant_email"],
        ),
        officer_name=str(request.user),
        on=today(),
    )
    response = HttpResponse(render_form_pdf(context=context), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="phieu-yeu-cau-bo-sung.pdf"'
    return response
