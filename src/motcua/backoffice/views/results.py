"""The dossier page's signed result: draft or upload it, review it (PDF preview), sign it with
the leader's key (the dossier reaches status 9 at once), print it; and the intake officer's
batch signature of the scans made at the counter.

Each view reads the dossier through the dossier app's scoped query (404 otherwise), calls one
results service and redirects back to the dossier page with a message; a refusal (wrong
passphrase, expired key, draft not reviewed…) is said in the message and nothing is kept.
Passphrases are never logged (`sensitive_post_parameters`), stored or shown again.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.access import staff_page
from motcua.backoffice.forms.results import ResultUploadForm, ScanSignForm, SignForm
from motcua.backoffice.views.dossier_page import get_dossier
from motcua.backoffice.views.result_panel import current_result, may_draft, may_sign, scans_of
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.integrations.signing.keys import unlock_signer
from motcua.results import services
from motcua.results.errors import ResultNotFound, ResultRefused
from motcua.results.queries import (
    get_draft_for_dossier,
    get_usable_credential,
    list_credentials_for,
    list_seals_for,
    read_result_file,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _back(dossier: Dossier) -> HttpResponse:
    return redirect(reverse("backoffice:dossier", kwargs={"code": dossier.code}) + "#result")


def _invalid(request: HttpRequest, dossier: Dossier, message: str, form: Any) -> HttpResponse:
    details = "; ".join(
        f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )
    messages.error(request, f"{message} ({details})")
    return _back(dossier)


def _refused(request: HttpRequest, dossier: Dossier, error: Exception) -> HttpResponse:
    message = getattr(error, "message", "") or str(error)
    messages.error(request, message)
    return _back(dossier)


@require_POST
@staff_page
def draft_result(request: HttpRequest, code: str) -> HttpResponse:
    """Draft the result from the procedure's template, filled from the dossier."""
    dossier = get_dossier(request, code)
    try:
        services.draft_result_for_dossier(officer=request.user, dossier=dossier)
    except ResultRefused as error:
        return _refused(request, dossier, error)
    messages.success(request, _("The result is drafted; open it to review it."))
    return _back(dossier)


@require_POST
@staff_page
def upload_result(request: HttpRequest, code: str) -> HttpResponse:
    """Take an uploaded PDF as the result's draft."""
    dossier = get_dossier(request, code)
    form = ResultUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(
            request, dossier, _("Choose the PDF file of the result; nothing was kept."), form
        )
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD_BYTES:
        messages.error(request, _("The file is larger than 20 MB; nothing was kept."))
        return _back(dossier)
    try:
        services.upload_result_for_dossier(
            officer=request.user, dossier=dossier, pdf=upload.read(), file_name=upload.name
        )
    except ResultRefused as error:
        return _refused(request, dossier, error)
    messages.success(request, _("The result is uploaded as a draft; open it to review it."))
    return _back(dossier)


@require_GET
@staff_page
def draft_pdf(request: HttpRequest, code: str, draft: int) -> HttpResponse:
    """A draft of the dossier's result, to read before it is reviewed and signed."""
    dossier = get_dossier(request, code)
    try:
        found = get_draft_for_dossier(dossier=dossier, draft_id=draft)
    except ResultNotFound:
        raise Http404 from None
    with found.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="du-thao-{found.pk}.pdf"'
    return response


@require_POST
@staff_page
def review_draft(request: HttpRequest, code: str, draft: int) -> HttpResponse:
    """Mark a draft as reviewed: it may then be signed."""
    dossier = get_dossier(request, code)
    try:
        found = get_draft_for_dossier(dossier=dossier, draft_id=draft)
        if not (may_draft(request.user, dossier) or may_sign(request.user, dossier)):
            raise ResultNotFound()
        services.review_result_draft(reviewer=request.user, draft=found)
    except ResultNotFound:
        raise Http404 from None
    except ResultRefused as error:
        return _refused(request, dossier, error)
    messages.success(request, _("The draft is reviewed and ready for signature."))
    return _back(dossier)


@sensitive_post_parameters("passphrase", "seal_passphrase")
@require_POST
@staff_page
def sign_result(request: HttpRequest, code: str, draft: int) -> HttpResponse:
    """The leader signs the reviewed draft with their key: the result is issued and the
    dossier approved (status 9) in one step, or nothing happens."""
    dossier = get_dossier(request, code)
    officer = request.user
    try:
        found = get_draft_for_dossier(dossier=dossier, draft_id=draft)
    except ResultNotFound:
        raise Http404 from None
    form = SignForm(
        request.POST,
        credentials=list(list_credentials_for(user=officer)),
        seals=list(list_seals_for(agency=dossier.current_agency)),
    )
    if not form.is_valid():
        return _invalid(
            request,
            dossier,
            _("Choose your certificate and type its passphrase; nothing was signed."),
            form,
        )
    data = form.cleaned_data
    try:
        signer = unlock_signer(
            credential=get_usable_credential(user=officer, credential_id=data["credential"]),
            passphrase=data["passphrase"],
        )
        seal = (
            unlock_signer(
                credential=get_usable_credential(user=officer, credential_id=data["seal"]),
                passphrase=data["seal_passphrase"],
            )
            if data.get("seal")
            else None
        )
        result = services.sign_and_approve_result(
            leader=officer, dossier=dossier, draft=found, signer=signer, seal=seal
        )
    except (ResultRefused, DossierError) as error:
        return _refused(request, dossier, error)
    messages.success(
        request,
        _("The result is signed (code %(code)s) and the dossier approved; the one-stop returns it.")
        % {"code": result.verification_code},
    )
    return _back(dossier)


@require_GET
@staff_page
def result_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The dossier's signed result, opened in the browser to read or print."""
    dossier = get_dossier(request, code)
    result = current_result(dossier)
    if result is None:
        raise Http404
    response = HttpResponse(read_result_file(result=result), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{result.verification_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@sensitive_post_parameters("passphrase")
@require_POST
@staff_page
def sign_scans(request: HttpRequest, code: str) -> HttpResponse:
    """The intake officer signs the chosen scans in one batch; signed copies join the dossier."""
    dossier = get_dossier(request, code)
    officer = request.user
    scans = scans_of(dossier)
    form = ScanSignForm(
        request.POST, scans=scans, credentials=list(list_credentials_for(user=officer))
    )
    if not form.is_valid():
        return _invalid(
            request,
            dossier,
            _(
                "Choose the scans and your certificate, and type its passphrase; nothing was "
                "signed."
            ),
            form,
        )
    data = form.cleaned_data
    chosen = [scan for scan in scans if scan.pk in set(data["documents"])]
    try:
        signer = unlock_signer(
            credential=get_usable_credential(user=officer, credential_id=data["credential"]),
            passphrase=data["passphrase"],
        )
        signed = services.sign_dossier_scans(
            officer=officer, signer=signer, dossier=dossier, documents=chosen
        )
    except (ResultRefused, DossierError) as error:
        return _refused(request, dossier, error)
    messages.success(
        request,
        _("%(count)d scans are signed and attached to the dossier.") % {"count": len(signed)},
    )
    return _back(dossier)
