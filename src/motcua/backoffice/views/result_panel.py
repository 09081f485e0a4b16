"""What the dossier page shows and offers of the signed result, for the officer reading it."""

from typing import Any

from django.http import HttpRequest

from motcua.backoffice.forms.results import ResultUploadForm, ScanSignForm, SignForm
from motcua.core.uploads import FileKind
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import can_act, is_at_agency, is_at_centre
from motcua.results import services
from motcua.results.errors import ResultNotFound
from motcua.results.models import EResult
from motcua.results.permissions import can_draft_results, can_sign_results, can_sign_scans
from motcua.results.queries import (
    get_current_result_for_dossier,
    list_credentials_for,
    list_drafts_for_dossier,
    list_seals_for,
)
from motcua.results.services import SIGNED_COPY_SUFFIX, verification_url


def current_result(dossier: Dossier) -> EResult | None:
    try:
        return get_current_result_for_dossier(dossier=dossier)
    except ResultNotFound:
        return None


def may_draft(officer: Any, dossier: Dossier) -> bool:
    return (
        dossier.status == DossierStatus.PROCESSING
        and can_draft_results(user=officer)
        and is_at_agency(officer, dossier.current_agency)
    )


def may_sign(officer: Any, dossier: Dossier) -> bool:
    return (
        services.is_ready_for_approval(dossier)
        and can_sign_results(user=officer)
        and can_act(officer=officer, dossier=dossier, act="approve-result")
    )


def scans_of(dossier: Dossier) -> list[Any]:
    return [
        document
        for document in dossier.documents.all()
        if document.kind == FileKind.PDF.value and not document.title.endswith(SIGNED_COPY_SUFFIX)
    ]


def may_sign_scans(officer: Any, dossier: Dossier) -> bool:
    return (
        dossier.closed_at is None
        and can_sign_scans(user=officer)
        and is_at_centre(officer, dossier)
        and (
            dossier.status
            in (DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.SUBMITTED)
        )
    )


def result_context(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    """What the dossier page shows of the signed result, for the officer reading it."""
    officer = request.user
    result = current_result(dossier)
    drafting = may_draft(officer, dossier)
    signing = result is None and may_sign(officer, dossier)
    credentials = list(list_credentials_for(user=officer)) if signing else []
    context: dict[str, Any] = {
        "e_result": result,
        "e_result_url": verification_url(result.verification_code) if result else "",
        "result_drafts": list(list_drafts_for_dossier(dossier=dossier))
        if (drafting or signing)
        else [],
        "may_draft_result": drafting,
        "may_sign_result": signing,
        "sign_form": SignForm(
            credentials=credentials, seals=list(list_seals_for(agency=dossier.current_agency))
        )
        if credentials
        else None,
        "upload_form": ResultUploadForm() if drafting else None,
        "print_result": result is not None
        and dossier.status == DossierStatus.RESULT_READY
        and is_at_centre(officer, dossier),
        "scan_form": None,
    }
    if may_sign_scans(officer, dossier):
        scans = scans_of(dossier)
        scan_credentials = list(list_credentials_for(user=officer))
        if scans and scan_credentials:
            context["scan_form"] = ScanSignForm(scans=scans, credentials=scan_credentials)
    return context
