"""The result of a dossier: drafted from the procedure's template, signed, then approved.

`sign_and_approve_result` signs first, in memory (a wrong passphrase, an expired key or an
unreachable time-stamping authority leaves nothing behind), then in one transaction stores the
e-result linked to the dossier and calls `dossiers.services.approve_result`: the dossier reaches
status 9 with its signed result, or nothing is kept at all (the stored file included).
"""

from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.core.clock import format_date, to_local, today
from motcua.core.uploads import FileKind
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus, StepStatus
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import CENTRE_ROLES, can_act, is_at_agency
from motcua.organizations.choices import Role
from motcua.results.choices import DraftStatus
from motcua.results.errors import CredentialNotUsable, ResultRefused
from motcua.results.metadata import ResultMetadata
from motcua.results.models import EResult, ResultDraft, ResultTemplate
from motcua.results.queries import get_template_for_dossier
from motcua.results.services.drafting import draft_result_from_template, draft_result_from_upload
from motcua.results.services.issuing import (
    SignedResult,
    discarded_on_failure,
    read_draft,
    sign_documents,
    sign_in_memory,
    store_signed_result,
)
from motcua.results.signers import PdfSigner

# Decided dossiers: a result signed after the approval (approved before signing existed here,
# or through the plain approval act) is attached to them by `sign_decided_result`.
DECIDED = (DossierStatus.RESULT_READY, DossierStatus.RETURNED)
# The title of a scan's signed copy ends with this; the unsigned scan stays as it was.
SIGNED_COPY_SUFFIX = "(bản ký số)"


def dossier_values(dossier: Dossier) -> dict[str, Any]:
    """The values a result template is filled with, all plain text."""
    version = dossier.procedure_version
    day = today()
    return {
        "issuer": dossier.agency.name,
        "number": dossier.code,
        "place_date": f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
        "holder_name": dossier.applicant_name,
        "holder_id_number": dossier.applicant_id_number,
        "holder_address": dossier.applicant_address,
        "procedure": version.name,
        "result_name": version.result_name,
        "dossier_code": dossier.code,
        "received_on": format_date(to_local(dossier.received_at).date())
        if dossier.received_at
        else "",
        "summary": dossier.result_summary,
    }


def _metadata(dossier: Dossier, template: ResultTemplate | None = None) -> ResultMetadata:
    version = dossier.procedure_version
    title = version.result_name or (template.title if template else "") or version.name
    return ResultMetadata(title=title[:300], summary=f"{version.name} — {dossier.code}")


def _require_drafting_on(officer: Any, dossier: Dossier) -> None:
    # A decided dossier without an e-result gets one drafted by its competent agency.
    decided_unsigned = (
        dossier.status in DECIDED and not EResult.objects.filter(dossier=dossier).exists()
    )
    if dossier.status != DossierStatus.PROCESSING and not decided_unsigned:
        raise ResultRefused(
            "dossier_not_in_processing",
            message_vi="Chỉ soạn dự thảo kết quả cho hồ sơ đang xử lý.",
            message_en="A result is drafted only for a dossier in processing.",
        )
    agency = dossier.agency if decided_unsigned else dossier.current_agency
    if not is_at_agency(officer, agency):
        raise CredentialNotUsable(
            "not_allowed_to_draft",
            message_vi="Bạn không có quyền soạn dự thảo kết quả cho hồ sơ này.",
            message_en="You may not draft the result of this dossier.",
        )


def draft_result_for_dossier(
    *, officer: Any, dossier: Dossier, template: ResultTemplate | None = None
) -> ResultDraft:
    """Draft the dossier's result from its procedure's template in force, filled from it.

    Raises ResultRefused (`dossier_not_in_processing`, `no_result_template`, what
    `draft_result_from_template` raises), CredentialNotUsable (`not_allowed_to_draft`).
    """
    _require_drafting_on(officer, dossier)
    template = template or get_template_for_dossier(dossier=dossier)
    if template is None:
        raise ResultRefused(
            "no_result_template",
            message_vi="Thủ tục này chưa có mẫu kết quả; hãy tải lên tệp PDF kết quả.",
            message_en="This procedure has no result template; upload the result as a PDF.",
        )
    return draft_result_from_template(
        officer=officer,
        template=template,
        values=dossier_values(dossier),
        holder_id_number=dossier.applicant_id_number,
        metadata=_metadata(dossier, template),
        dossier=dossier,
    )


def upload_result_for_dossier(
    *, officer: Any, dossier: Dossier, pdf: bytes, file_name: str
) -> ResultDraft:
    """Take an uploaded PDF as the dossier's result draft (type code from the procedure).

    Raises ResultRefused, CredentialNotUsable (as `draft_result_for_dossier`).
    """
    _require_drafting_on(officer, dossier)
    version = dossier.procedure_version
    return draft_result_from_upload(
        officer=officer,
        pdf=pdf,
        file_name=file_name,
        holder_id_number=dossier.applicant_id_number,
        result_type_code=version.result_code or "KQ",
        metadata=_metadata(dossier),
        dossier=dossier,
    )


def _check_draft(draft: ResultDraft, dossier: Dossier) -> None:
    if draft.dossier_id != dossier.pk:
        raise ResultRefused(
            "draft_of_another_dossier",
            message_vi="Dự thảo này không thuộc hồ sơ này.",
            message_en="This draft belongs to another dossier.",
        )
    if draft.status != DraftStatus.REVIEWED:
        raise ResultRefused(
            "draft_not_reviewed",
            message_vi="Dự thảo phải được kiểm tra trước khi trình ký.",
            message_en="A draft must be reviewed before it is signed.",
        )


def is_ready_for_approval(dossier: Dossier) -> bool:
    """Only the one-stop's return step is left (the rule `approve_result` applies)."""
    return (
        dossier.status == DossierStatus.PROCESSING
        and not dossier.steps.filter(status=StepStatus.PENDING)
        .exclude(role__in=CENTRE_ROLES)
        .exists()
    )


def _signing_draft(
    *, leader: Any, draft: ResultDraft, signer: PdfSigner, seal: PdfSigner | None
) -> SignedResult:
    source, metadata = read_draft(draft)
    return sign_in_memory(
        leader=leader,
        signer=signer,
        source_pdf=source,
        applicant_id_number=draft.holder_id_number,
        result_type_code=draft.type_code,
        metadata=metadata,
        seal=seal,
    )


def sign_and_approve_result(
    *,
    leader: Any,
    dossier: Dossier,
    draft: ResultDraft,
    signer: PdfSigner,
    seal: PdfSigner | None = None,
    summary: str = "",
) -> EResult:
    """Sign the dossier's reviewed draft, issue it and approve the dossier (status 4 → 9).

    Nothing is written unless all of it succeeds. Raises ResultRefused (`dossier_not_ready`,
    `draft_of_another_dossier`, `draft_not_reviewed`), CredentialNotUsable,
    CredentialExpired, SigningUnavailable, and the dossier's refusals of the approval
    (NotPermitted, StepNotOpen, Conflict).
    """
    if not is_ready_for_approval(dossier) or not can_act(
        officer=leader, dossier=dossier, act="approve-result"
    ):
        raise ResultRefused(
            "dossier_not_ready",
            message_vi=(
                "Hồ sơ chưa sẵn sàng để phê duyệt, hoặc bạn không phải lãnh đạo đơn vị đang "
                "giữ hồ sơ. Chưa có gì được ký."
            ),
            message_en=(
                "The dossier is not ready for approval, or you are not a leader of the unit "
                "holding it. Nothing was signed."
            ),
        )
    _check_draft(draft, dossier)
    signed = _signing_draft(leader=leader, draft=draft, signer=signer, seal=seal)
    stored: list[str] = []
    with discarded_on_failure(stored), transaction.atomic():
        result = store_signed_result(
            signed, dossier=dossier, replaces=None, correction_reason="", draft=draft, stored=stored
        )
        dossier_services.approve_result(
            officer=leader, dossier=dossier, summary=summary or draft.title
        )
    return result


def sign_decided_result(
    *,
    leader: Any,
    dossier: Dossier,
    draft: ResultDraft,
    signer: PdfSigner,
    seal: PdfSigner | None = None,
) -> EResult:
    """Sign and issue the result of a dossier approved without one (status 9 or 10).

    Raises ResultRefused (`dossier_not_decided`, `result_already_issued`, as
    `sign_and_approve_result`), CredentialNotUsable, CredentialExpired, SigningUnavailable.
    """
    if dossier.status not in DECIDED:
        raise ResultRefused(
            "dossier_not_decided",
            message_vi="Hồ sơ chưa được phê duyệt kết quả.",
            message_en="The dossier's result has not been approved.",
        )
    if EResult.objects.filter(dossier=dossier).exists():
        raise ResultRefused(
            "result_already_issued",
            message_vi="Hồ sơ đã có kết quả điện tử; hãy đính chính nếu cần.",
            message_en="The dossier already has an e-result; correct it if needed.",
        )
    if not is_at_agency(leader, dossier.agency, (Role.UNIT_LEADER,)):
        raise CredentialNotUsable(
            "not_allowed_to_sign",
            message_vi="Chỉ lãnh đạo cơ quan giải quyết hồ sơ được ký kết quả này.",
            message_en="Only a leader of the competent agency may sign this result.",
        )
    _check_draft(draft, dossier)
    signed = _signing_draft(leader=leader, draft=draft, signer=signer, seal=seal)
    return store_signed_result(
        signed, dossier=dossier, replaces=None, correction_reason="", draft=draft
    )


def sign_dossier_scans(
    *, officer: Any, signer: PdfSigner, dossier: Dossier, documents: Sequence[Any]
) -> list[Any]:
    """Batch-sign the dossier's scanned PDFs with the officer's certificate (Art. 17.1) and
    attach the signed copies to the dossier, all or nothing.

    Raises ResultRefused (`not_a_scan_of_this_dossier`, what `sign_documents` raises),
    CredentialNotUsable, CredentialExpired, SigningUnavailable, and the dossier's refusals of
    attaching documents (NotPermitted, InvalidInput when closed, Conflict).
    """
    if not documents or any(
        document.dossier_id != dossier.pk or document.kind != FileKind.PDF.value
        for document in documents
    ):
        raise ResultRefused(
            "not_a_scan_of_this_dossier",
            message_vi="Hãy chọn các bản quét PDF của chính hồ sơ này.",
            message_en="Choose PDF scans of this dossier.",
        )
    sources = []
    for document in documents:
        with document.file.open("rb") as handle:
            sources.append(handle.read())
    stored: list[str] = []
    with discarded_on_failure(stored), transaction.atomic():
        scans = sign_documents(
            officer=officer, signer=signer, documents=sources, dossier_code=dossier.code
        )
        stored.extend(scan.stored_name for scan in scans)
        return dossier_services.attach_documents(
            officer=officer,
            dossier=dossier,
            documents=[
                DocumentInput(
                    code=document.required_document.code if document.required_document else "",
                    title=f"{document.title[:280]} {SIGNED_COPY_SUFFIX}",
                    file=ContentFile(scan.pdf, name=f"{document.pk}-ky-so.pdf"),
                    digitised_at_intake=True,
                    type_code=document.type_code,
                    holder_id_number=document.holder_id_number,
                    summary=document.summary,
                    valid_from=document.valid_from,
                    valid_until=document.valid_until,
                    validity_scope=document.validity_scope,
                )
                for document, scan in zip(documents, scans, strict=True)
            ],
        )
