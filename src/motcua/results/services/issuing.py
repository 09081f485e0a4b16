"""Issuing signed results: sign (leader, then seal), store for good, correct by a new version.

Signing happens before anything is written: a wrong passphrase, an expired certificate or an
unreachable time-stamping authority leaves no file, no row and no audit entry behind.
Passphrases and keys never reach the audit trail or the log.
"""

import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import structlog
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse

from motcua.audit.services import record_audit
from motcua.core.clock import format_moment, now
from motcua.core.events import publish
from motcua.core.uploads import UploadRefused, inspect_upload, store_upload
from motcua.dossiers.models import Dossier
from motcua.results import permissions
from motcua.results.choices import CredentialPurpose, DraftStatus
from motcua.results.errors import CredentialExpired, CredentialNotUsable, ResultRefused
from motcua.results.events import DocumentsSigned, ResultIssued
from motcua.results.metadata import (
    ResultMetadata,
    checked_holder_id_number,
    checked_result_type_code,
    e_result_code,
)
from motcua.results.models import EResult, ResultDraft, SigningCredential
from motcua.results.services.drafting import PDF_ONLY
from motcua.results.signers import PdfSigner, SignatureAppearance

log = structlog.get_logger(__name__)

RESULTS_FOLDER = "results"
SCANS_FOLDER = "results/scans"
# Unambiguous when read aloud or typed from paper: no I, L, O, U, 0 or 1.
VERIFICATION_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
VERIFICATION_CODE_LENGTH = 10
# Visible signatures at the foot of the last page (PDF points, A4 is 595 x 842): the
# leader's on the right as Decree 30/2020 places it, the seal on the left.
LEADER_BOX = (305, 28, 567, 118)
SEAL_BOX = (40, 28, 290, 118)
SCAN_BOX = (380, 12, 580, 62)


def verification_url(code: str) -> str:
    """The public address printed in a result's QR code."""
    path = reverse("portal:verification-result", kwargs={"code": code})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}"


def _new_verification_code() -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


def _check_signer(
    *, actor: Any, signer: PdfSigner, purposes: frozenset[str], at: Any
) -> SigningCredential:
    identity = signer.identity
    credential = (
        SigningCredential.objects.select_related("agency", "owner")
        .filter(pk=identity.credential_id)
        .first()
    )
    if credential is None or credential.purpose not in purposes:
        raise CredentialNotUsable(
            "wrong_credential",
            message_vi="Chứng thư số này không dùng được cho việc ký này.",
            message_en="This certificate cannot be used for this signature.",
        )
    if not permissions.can_use_credential(user=actor, credential=credential):
        raise CredentialNotUsable(
            "credential_not_yours",
            message_vi="Bạn không được dùng chứng thư số này.",
            message_en="You may not use this certificate.",
        )
    if not credential.is_valid_at(at):
        raise CredentialExpired(not_after=format_moment(credential.not_after))
    return credential


@dataclass(frozen=True, kw_only=True)
class SignedResult:
    """A result signed in memory, with everything checked, before anything is written."""

    leader: Any
    pdf: bytes
    code: str
    holder: str
    type_code: str
    meta: ResultMetadata
    signer: PdfSigner
    seal: PdfSigner | None
    signed_at: Any


def issue_result(
    *,
    leader: Any,
    signer: PdfSigner,
    source_pdf: bytes,
    applicant_id_number: str,
    result_type_code: str,
    metadata: ResultMetadata,
    dossier: Dossier | None = None,
    seal: PdfSigner | None = None,
    replaces: EResult | None = None,
    correction_reason: str = "",
    draft: ResultDraft | None = None,
) -> EResult:
    """Sign a result (leader, then the organisation's seal if given) and store it for good.

    The visible signature carries the signer's name, position and time and a QR code of the
    result's public verification address. Raises CredentialNotUsable (`not_allowed_to_sign`,
    `credential_not_yours`, `wrong_credential`), CredentialExpired, ResultRefused (invalid
    codes or PDF, `already_corrected`) and SigningUnavailable (time-stamping authority).
    """
    signed = sign_in_memory(
        leader=leader,
        signer=signer,
        source_pdf=source_pdf,
        applicant_id_number=applicant_id_number,
        result_type_code=result_type_code,
        metadata=metadata,
        seal=seal,
    )
    return store_signed_result(
        signed,
        dossier=dossier,
        replaces=replaces,
        correction_reason=correction_reason,
        draft=draft,
    )


def sign_in_memory(
    *,
    leader: Any,
    signer: PdfSigner,
    source_pdf: bytes,
    applicant_id_number: str,
    result_type_code: str,
    metadata: ResultMetadata,
    seal: PdfSigner | None,
) -> SignedResult:
    """Check everything and sign (leader, then seal) without writing anything.

    Raises what `issue_result` raises, but never `already_corrected`.
    """
    if not permissions.can_sign_results(user=leader):
        raise CredentialNotUsable(
            "not_allowed_to_sign",
            message_vi="Chỉ lãnh đạo đơn vị được ký kết quả giải quyết.",
            message_en="Only a unit's leader may sign results.",
        )
    holder = checked_holder_id_number(applicant_id_number)
    type_code = checked_result_type_code(result_type_code)
    meta = metadata.cleaned()
    signed_at = now()
    personal = _check_signer(
        actor=leader,
        signer=signer,
        purposes=frozenset({CredentialPurpose.PERSONAL}),
        at=signed_at,
    )
    seal_credential = (
        _check_signer(
            actor=leader, signer=seal, purposes=frozenset({CredentialPurpose.SEAL}), at=signed_at
        )
        if seal is not None
        else None
    )
    try:
        inspect_upload(file=ContentFile(source_pdf, name="result.pdf"), allowed_kinds=PDF_ONLY)
    except UploadRefused as error:
        raise ResultRefused.from_upload(error) from error

    code = _new_verification_code()
    url = verification_url(code)
    moment = format_moment(signed_at)
    identity = signer.identity
    pdf = signer.sign_pdf(
        pdf=source_pdf,
        appearance=SignatureAppearance(
            field_name="LanhDao",
            lines=(
                f"Ký bởi: {identity.name}",
                f"Chức vụ: {identity.position}" if identity.position else "",
                f"Thời gian ký: {moment}",
                f"Xác thực: {url}",
            ),
            reason=f"Ký kết quả giải quyết: {meta.title}"[:200],
            location=personal.agency.name if personal.agency else "",
            box=LEADER_BOX,
            qr_url=url,
        ),
    )
    if seal is not None and seal_credential is not None:
        pdf = seal.sign_pdf(
            pdf=pdf,
            appearance=SignatureAppearance(
                field_name="ConDau",
                lines=(f"Con dấu: {seal.identity.name}", f"Thời gian: {moment}"),
                reason="Đóng dấu kết quả giải quyết",
                location=seal.identity.name,
                box=SEAL_BOX,
            ),
        )
    return SignedResult(
        leader=leader,
        pdf=pdf,
        code=code,
        holder=holder,
        type_code=type_code,
        meta=meta,
        signer=signer,
        seal=seal,
        signed_at=signed_at,
    )


@contextmanager
def discarded_on_failure(stored: list[str]) -> Iterator[None]:
    """Delete the files stored inside a block whose transaction did not commit."""
    try:
        yield
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def store_signed_result(
    signed: SignedResult,
    *,
    dossier: Dossier | None,
    replaces: EResult | None,
    correction_reason: str,
    draft: ResultDraft | None,
    stored: list[str] | None = None,
) -> EResult:
    """Write the signed file, the e-result row and the audit row (one transaction).

    `stored` collects the stored file's name for a caller whose own transaction goes on.
    """
    leader, code, holder, meta = signed.leader, signed.code, signed.holder, signed.meta
    upload = ContentFile(signed.pdf, name=f"{code}.pdf")
    inspected = inspect_upload(file=upload, allowed_kinds=PDF_ONLY)
    written: list[str] = []
    try:
        with discarded_on_failure(written), transaction.atomic():
            if replaces is not None:
                replaces = EResult.objects.select_for_update().get(pk=replaces.pk)
                if EResult.objects.filter(replaces=replaces).exists():
                    raise _already_corrected()
            if draft is not None:
                draft = ResultDraft.objects.select_for_update().get(pk=draft.pk)
                if draft.status != DraftStatus.REVIEWED:
                    raise _draft_not_reviewed()
                draft.status = DraftStatus.SIGNED
                draft.save(update_fields=["status"])
            name = store_upload(file=upload, inspected=inspected, folder=RESULTS_FOLDER)
            written.append(name)
            result = EResult.objects.create(
                **EResult.fields_from_upload(inspected=inspected, stored_name=name),
                verification_code=code,
                e_result_code=e_result_code(
                    holder_id_number=holder, result_type_code=signed.type_code
                ),
                dossier=dossier,
                version=replaces.version + 1 if replaces else 1,
                replaces=replaces,
                correction_reason=correction_reason,
                draft=draft,
                type_code=signed.type_code,
                holder_id_number=holder,
                title=meta.title,
                summary=meta.summary,
                valid_from=meta.valid_from,
                valid_until=meta.valid_until,
                validity_scope=meta.validity_scope,
                signed_by=leader,
                signer_name=signed.signer.identity.name,
                signer_position=signed.signer.identity.position,
                signer_certificate_sha256=signed.signer.identity.certificate_sha256,
                seal_name=signed.seal.identity.name if signed.seal else "",
                seal_certificate_sha256=(
                    signed.seal.identity.certificate_sha256 if signed.seal else ""
                ),
                signed_at=signed.signed_at,
            )
            record_audit(
                actor=leader,
                action="result.corrected" if replaces else "result.issued",
                target=result,
                after={
                    "verification_code": code,
                    "holder_id_number": holder,
                    "type_code": signed.type_code,
                    "title": meta.title,
                    "dossier_code": dossier.code if dossier else None,
                    "version": result.version,
                    "replaces": replaces.verification_code if replaces else None,
                    "sha256": inspected.sha256,
                    "signer_certificate_sha256": result.signer_certificate_sha256,
                    "seal_certificate_sha256": result.seal_certificate_sha256 or None,
                },
            )
            publish(
                ResultIssued(
                    result_id=result.pk,
                    verification_code=code,
                    dossier_code=dossier.code if dossier else None,
                    version=result.version,
                    replaces_id=replaces.pk if replaces else None,
                )
            )
    except IntegrityError as error:
        # Two corrections of one result at once: the second loses on the unique `replaces`.
        raise _already_corrected() from error
    if stored is not None:
        stored.extend(written)
    log.info("result.issued", result=result.pk, version=result.version)
    return result


def _already_corrected() -> ResultRefused:
    return ResultRefused(
        "already_corrected",
        message_vi="Kết quả này đã được đính chính; hãy đính chính bản mới nhất.",
        message_en="This result has already been corrected; correct the latest version.",
    )


def _draft_not_reviewed() -> ResultRefused:
    return ResultRefused(
        "draft_not_reviewed",
        message_vi="Dự thảo phải được kiểm tra trước khi trình ký.",
        message_en="A draft must be reviewed before it is signed.",
    )


def read_draft(draft: ResultDraft) -> tuple[bytes, ResultMetadata]:
    """The draft's PDF and the Art. 19.2 metadata it will be issued with."""
    with draft.file.open("rb") as handle:
        source = handle.read()
    return source, ResultMetadata(
        title=draft.title,
        summary=draft.summary,
        valid_from=draft.valid_from,
        valid_until=draft.valid_until,
        validity_scope=draft.validity_scope,
    )


def sign_result_draft(
    *, leader: Any, draft: ResultDraft, signer: PdfSigner, seal: PdfSigner | None = None
) -> EResult:
    """Sign a reviewed draft and issue it as the result. Raises what `issue_result` raises."""
    if draft.status != DraftStatus.REVIEWED:
        raise _draft_not_reviewed()
    source, metadata = read_draft(draft)
    return issue_result(
        leader=leader,
        signer=signer,
        source_pdf=source,
        applicant_id_number=draft.holder_id_number,
        result_type_code=draft.type_code,
        metadata=metadata,
        dossier=draft.dossier,
        seal=seal,
        draft=draft,
    )


def correct_result(
    *,
    leader: Any,
    result: EResult,
    signer: PdfSigner,
    corrected_pdf: bytes,
    reason: str,
    metadata: ResultMetadata | None = None,
    seal: PdfSigner | None = None,
) -> EResult:
    """Issue a corrected version that points at the result it replaces (Decree 118/2025 Art. 23).

    The replaced result stays in the store unchanged. Raises ResultRefused
    (`reason_required`, `already_corrected`) and what `issue_result` raises.
    """
    if not reason.strip():
        raise ResultRefused(
            "reason_required",
            message_vi="Cần ghi lý do đính chính.",
            message_en="A correction needs its reason.",
        )
    if EResult.objects.filter(replaces=result).exists():
        raise _already_corrected()
    return issue_result(
        leader=leader,
        signer=signer,
        source_pdf=corrected_pdf,
        applicant_id_number=result.holder_id_number,
        result_type_code=result.type_code,
        metadata=metadata
        or ResultMetadata(
            title=result.title,
            summary=result.summary,
            valid_from=result.valid_from,
            valid_until=result.valid_until,
            validity_scope=result.validity_scope,
        ),
        dossier=result.dossier,
        seal=seal,
        replaces=result,
        correction_reason=reason.strip(),
    )


@dataclass(frozen=True, kw_only=True)
class SignedScan:
    """A scanned document signed by the officer who made it: stored name, hash, signed bytes."""

    stored_name: str
    sha256: str
    size_bytes: int
    pdf: bytes


def sign_documents(
    *, officer: Any, signer: PdfSigner, documents: Sequence[bytes], dossier_code: str = ""
) -> list[SignedScan]:
    """Batch-sign scanned PDFs with the officer's personal certificate (Decree 118 Art. 17.1).

    All or nothing: the first document that cannot be signed stops the batch and nothing is
    stored. Raises CredentialNotUsable, CredentialExpired, ResultRefused, SigningUnavailable.
    """
    if not permissions.can_sign_scans(user=officer):
        raise CredentialNotUsable(
            "not_allowed_to_sign_scans",
            message_vi="Bạn không có quyền ký số bản quét hồ sơ.",
            message_en="You may not sign scanned documents.",
        )
    moment = now()
    credential = _check_signer(
        actor=officer,
        signer=signer,
        purposes=frozenset({CredentialPurpose.PERSONAL}),
        at=moment,
    )
    appearance = SignatureAppearance(
        field_name="CanBoTiepNhan",
        lines=(
            f"Bản điện tử ký bởi: {signer.identity.name}",
            f"Thời gian: {format_moment(moment)}",
        ),
        reason="Xác nhận bản sao điện tử từ hồ sơ giấy",
        location=dossier_code,
        box=SCAN_BOX,
    )
    signed: list[tuple[ContentFile[bytes], Any]] = []
    for index, document in enumerate(documents):
        upload = ContentFile(document, name=f"scan-{index + 1}.pdf")
        try:
            inspect_upload(file=upload, allowed_kinds=PDF_ONLY)
        except UploadRefused as error:
            raise ResultRefused(
                error.code,
                message_vi=f"Tài liệu thứ {index + 1}: {error.message_vi}",
                message_en=f"Document {index + 1}: {error.message_en}",
            ) from error
        output = ContentFile(
            signer.sign_pdf(pdf=document, appearance=appearance), name=f"scan-{index + 1}.pdf"
        )
        signed.append((output, inspect_upload(file=output, allowed_kinds=PDF_ONLY)))
    with transaction.atomic():
        scans = [
            SignedScan(
                stored_name=store_upload(file=output, inspected=inspected, folder=SCANS_FOLDER),
                sha256=inspected.sha256,
                size_bytes=inspected.size,
                pdf=bytes(output.read()),
            )
            for output, inspected in signed
        ]
        record_audit(
            actor=officer,
            action="signing.documents_signed",
            target=credential,
            after={
                "dossier_code": dossier_code,
                "count": len(scans),
                "sha256": [scan.sha256 for scan in scans],
            },
        )
        publish(
            DocumentsSigned(
                credential_id=credential.pk, dossier_code=dossier_code, count=len(scans)
            )
        )
    return scans
