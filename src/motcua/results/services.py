"""State changes of results: templates, drafts, issuing and correcting signed results, keys, trust.

Every function is atomic, writes one audit row and publishes its event after commit. Signing
happens before anything is written: a wrong passphrase, an expired certificate or an
unreachable time-stamping authority leaves no file, no row and no audit entry behind.
Passphrases and keys never reach the audit trail or the log.
"""

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import structlog
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template import Context, Engine, TemplateSyntaxError
from django.urls import reverse
from django.utils.html import escape

from motcua.audit.services import record_audit
from motcua.core.clock import format_moment, now
from motcua.core.events import publish
from motcua.core.pdf import PdfRenderingError, render_pdf
from motcua.core.uploads import FileKind, UploadRefused, inspect_upload, store_upload
from motcua.organizations.models import Agency
from motcua.results import certificates, keystore, permissions
from motcua.results.choices import CredentialPurpose, DraftSource, DraftStatus
from motcua.results.errors import CredentialExpired, CredentialNotUsable, ResultRefused
from motcua.results.events import CredentialRegistered, DocumentsSigned, ResultIssued
from motcua.results.metadata import (
    ResultMetadata,
    checked_holder_id_number,
    checked_result_type_code,
    e_result_code,
)
from motcua.results.models import (
    EResult,
    ResultDraft,
    ResultTemplate,
    RevocationList,
    SigningCredential,
    TrustAnchor,
)
from motcua.results.signers import PdfSigner, SignatureAppearance

log = structlog.get_logger(__name__)

PDF_ONLY = frozenset({FileKind.PDF})
RESULTS_FOLDER = "results"
DRAFTS_FOLDER = "results/drafts"
SCANS_FOLDER = "results/scans"
# Unambiguous when read aloud or typed from paper: no I, L, O, U, 0 or 1.
VERIFICATION_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
VERIFICATION_CODE_LENGTH = 10
# Visible signatures at the foot of the last page (PDF points, A4 is 595 x 842): the
# leader's on the right as Decree 30/2020 places it, the seal on the left.
LEADER_BOX = (305, 28, 567, 118)
SEAL_BOX = (40, 28, 290, 118)
SCAN_BOX = (380, 12, 580, 62)
_TEMPLATES = Engine(autoescape=True, libraries={}, builtins=[])


def _refused(error: UploadRefused) -> ResultRefused:
    return ResultRefused(error.code, message_vi=error.message_vi, message_en=error.message_en)


def _forbidden(code: str, *, vi: str, en: str) -> CredentialNotUsable:
    return CredentialNotUsable(code, message_vi=vi, message_en=en)


def verification_url(code: str) -> str:
    """The public address printed in a result's QR code."""
    path = reverse("portal:verification-result", kwargs={"code": code})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}"


def _new_verification_code() -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


# --- Keys and trust -----------------------------------------------------------------------------


def register_credential(
    *,
    administrator: Any,
    purpose: str,
    key_format: str,
    key_file: bytes,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    label: str,
    owner: Any = None,
    agency: Agency | None = None,
    position_title: str = "",
    is_test: bool = False,
) -> SigningCredential:
    """Keep a key file (encrypted) with the facts of its certificate.

    The caller has opened the key file with its passphrase (`integrations.signing`), which
    proves the passphrase and the key's match with `certificate`. Raises CredentialExpired,
    ResultRefused (`credential_exists`, `owner_required`, `agency_required`).
    """
    facts = certificates.facts(certificate)
    moment = now()
    if not facts.not_before <= moment <= facts.not_after:
        raise CredentialExpired(not_after=format_moment(facts.not_after))
    if purpose == CredentialPurpose.PERSONAL and owner is None:
        raise ResultRefused(
            "owner_required",
            message_vi="Chứng thư số cá nhân phải gắn với một cán bộ.",
            message_en="A personal certificate must belong to a staff member.",
        )
    if purpose == CredentialPurpose.SEAL and agency is None:
        raise ResultRefused(
            "agency_required",
            message_vi="Chứng thư số của con dấu phải gắn với một cơ quan.",
            message_en="A seal certificate must belong to an agency.",
        )
    with transaction.atomic():
        if SigningCredential.objects.filter(fingerprint_sha256=facts.fingerprint_sha256).exists():
            raise ResultRefused(
                "credential_exists",
                message_vi="Chứng thư số này đã được đăng ký.",
                message_en="This certificate is already registered.",
            )
        credential = SigningCredential.objects.create(
            purpose=purpose,
            label=label[:200],
            owner=owner,
            agency=agency,
            position_title=position_title,
            key_format=key_format,
            encrypted_key=keystore.seal_key_file(key_file),
            certificate_pem=facts.pem,
            chain_pem=certificates.to_pem(list(chain)),
            subject_name=facts.subject_name[:300],
            issuer_name=facts.issuer_name[:300],
            serial_number=facts.serial_number,
            fingerprint_sha256=facts.fingerprint_sha256,
            not_before=facts.not_before,
            not_after=facts.not_after,
            is_test=is_test,
            registered_by=administrator if getattr(administrator, "pk", None) else None,
        )
        record_audit(
            actor=administrator,
            action="signing.credential_registered",
            target=credential,
            after={
                "purpose": purpose,
                "key_format": key_format,
                "subject": facts.subject_name,
                "fingerprint_sha256": facts.fingerprint_sha256,
                "not_after": facts.not_after,
                "owner": getattr(owner, "pk", None),
                "agency": agency.code if agency else None,
                "is_test": is_test,
            },
        )
        publish(CredentialRegistered(credential_id=credential.pk, purpose=purpose))
    log.info("signing.credential_registered", credential=credential.pk, purpose=purpose)
    return credential


def withdraw_credential(*, administrator: Any, credential: SigningCredential) -> SigningCredential:
    """Stop a credential from signing anything more; what it signed stays valid."""
    with transaction.atomic():
        credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
        if credential.withdrawn_at is None:
            credential.withdrawn_at = now()
            credential.save(update_fields=["withdrawn_at"])
            record_audit(
                actor=administrator,
                action="signing.credential_withdrawn",
                target=credential,
                after={"withdrawn_at": credential.withdrawn_at},
            )
    return credential


def add_trust_anchor(
    *, administrator: Any, certificate_pem: str, name: str = "", is_test: bool = False
) -> TrustAnchor:
    """Trust a root CA certificate for verification (the national root CA, the government CA).

    Raises ResultRefused (`invalid_certificate`, `not_a_ca`, `anchor_exists`).
    """
    try:
        found = certificates.load_pem_certificates(certificate_pem)
    except ValueError:
        found = []
    if len(found) != 1:
        raise ResultRefused(
            "invalid_certificate",
            message_vi="Tệp phải chứa đúng một chứng thư số dạng PEM.",
            message_en="The file must hold exactly one PEM certificate.",
        )
    facts = certificates.facts(found[0])
    if not facts.is_ca:
        raise ResultRefused(
            "not_a_ca",
            message_vi="Chứng thư số này không phải của một tổ chức cung cấp dịch vụ chứng thực.",
            message_en="This certificate does not belong to a certificate authority.",
        )
    with transaction.atomic():
        if TrustAnchor.objects.filter(fingerprint_sha256=facts.fingerprint_sha256).exists():
            raise ResultRefused(
                "anchor_exists",
                message_vi="Chứng thư số gốc này đã có trong danh sách tin cậy.",
                message_en="This root certificate is already trusted.",
            )
        anchor = TrustAnchor.objects.create(
            name=(name or facts.common_name)[:300],
            certificate_pem=facts.pem,
            fingerprint_sha256=facts.fingerprint_sha256,
            not_after=facts.not_after,
            is_test=is_test,
            added_by=administrator if getattr(administrator, "pk", None) else None,
        )
        record_audit(
            actor=administrator,
            action="signing.trust_anchor_added",
            target=anchor,
            after={"subject": facts.subject_name, "fingerprint_sha256": facts.fingerprint_sha256},
        )
    return anchor


def add_revocation_list(*, administrator: Any, crl: bytes) -> RevocationList:
    """Keep a CRL (DER or PEM) signed by one of the trusted root CAs.

    Raises ResultRefused (`invalid_crl`, `crl_not_from_trusted_ca`).
    """
    try:
        loaded = (
            x509.load_pem_x509_crl(crl)
            if crl.lstrip().startswith(b"-----")
            else x509.load_der_x509_crl(crl)
        )
    except ValueError as error:
        raise ResultRefused(
            "invalid_crl",
            message_vi="Tệp không phải là danh sách chứng thư số bị thu hồi (CRL).",
            message_en="The file is not a certificate revocation list (CRL).",
        ) from error
    issuers = [
        certificate
        for anchor in TrustAnchor.objects.filter(is_active=True)
        for certificate in certificates.load_pem_certificates(anchor.certificate_pem)
        if certificate.subject == loaded.issuer
    ]
    if not any(loaded.is_signature_valid(issuer.public_key()) for issuer in issuers):  # type: ignore[arg-type]
        raise ResultRefused(
            "crl_not_from_trusted_ca",
            message_vi="Danh sách thu hồi không do một tổ chức chứng thực tin cậy ký.",
            message_en="The revocation list is not signed by a trusted certificate authority.",
        )
    with transaction.atomic():
        revocations = RevocationList.objects.create(
            issuer_name=loaded.issuer.rfc4514_string()[:300],
            crl_der=loaded.public_bytes(serialization.Encoding.DER),
            this_update=loaded.last_update_utc,
            next_update=loaded.next_update_utc,
            revoked_count=len(loaded),
            added_by=administrator if getattr(administrator, "pk", None) else None,
        )
        record_audit(
            actor=administrator,
            action="signing.revocation_list_added",
            target=revocations,
            after={
                "issuer": revocations.issuer_name,
                "this_update": revocations.this_update,
                "revoked_count": revocations.revoked_count,
            },
        )
    return revocations


# --- Templates and drafts ----------------------------------------------------------------------


def publish_result_template(
    *,
    administrator: Any,
    code: str,
    title: str,
    result_type_code: str,
    body: str,
    effective_from: date,
    legal_basis: str = "",
) -> ResultTemplate:
    """Add the next version of a result template. Raises ResultRefused (`invalid_template`)."""
    try:
        _TEMPLATES.from_string(body)
    except TemplateSyntaxError as error:
        raise ResultRefused(
            "invalid_template",
            message_vi=f"Mẫu kết quả có lỗi cú pháp: {error}",
            message_en=f"The result template has a syntax error: {error}",
        ) from error
    type_code = checked_result_type_code(result_type_code)
    with transaction.atomic():
        latest = (
            ResultTemplate.objects.select_for_update()
            .filter(code=code)
            .order_by("-version")
            .first()
        )
        template = ResultTemplate.objects.create(
            code=code,
            version=(latest.version + 1) if latest else 1,
            title=title,
            result_type_code=type_code,
            body=body,
            legal_basis=legal_basis,
            effective_from=effective_from,
            published_by=administrator if getattr(administrator, "pk", None) else None,
        )
        record_audit(
            actor=administrator,
            action="result.template_published",
            target=template,
            after={"code": code, "version": template.version, "effective_from": effective_from},
        )
    return template


def _require_drafting(officer: Any) -> None:
    if not permissions.can_draft_results(user=officer):
        raise _forbidden(
            "not_allowed_to_draft",
            vi="Bạn không có quyền soạn dự thảo kết quả.",
            en="You may not draft results.",
        )


def _save_draft(
    *,
    officer: Any,
    pdf: bytes,
    name: str,
    source: str,
    template: ResultTemplate | None,
    holder_id_number: str,
    type_code: str,
    metadata: ResultMetadata,
    dossier_code: str,
) -> ResultDraft:
    upload = ContentFile(pdf, name=name)
    try:
        inspected = inspect_upload(file=upload, allowed_kinds=PDF_ONLY)
    except UploadRefused as error:
        raise _refused(error) from error
    meta = metadata.cleaned()
    with transaction.atomic():
        stored = store_upload(file=upload, inspected=inspected, folder=DRAFTS_FOLDER)
        draft = ResultDraft.objects.create(
            **ResultDraft.fields_from_upload(inspected=inspected, stored_name=stored),
            source=source,
            template=template,
            dossier_code=dossier_code,
            type_code=type_code,
            holder_id_number=holder_id_number,
            title=meta.title,
            summary=meta.summary,
            valid_from=meta.valid_from,
            valid_until=meta.valid_until,
            validity_scope=meta.validity_scope,
            drafted_by=officer,
        )
        record_audit(
            actor=officer,
            action="result.drafted",
            target=draft,
            after={
                "source": source,
                "template": f"{template.code} v{template.version}" if template else None,
                "dossier_code": dossier_code,
                "holder_id_number": holder_id_number,
                "sha256": inspected.sha256,
            },
        )
    return draft


def draft_result_from_template(
    *,
    officer: Any,
    template: ResultTemplate,
    values: Mapping[str, Any],
    holder_id_number: str,
    metadata: ResultMetadata,
    dossier_code: str = "",
) -> ResultDraft:
    """Fill a result template with the dossier's values and lay it out as an A4 PDF draft.

    Raises CredentialNotUsable (`not_allowed_to_draft`), ResultRefused (`invalid_id_number`,
    `template_failed`).
    """
    _require_drafting(officer)
    holder = checked_holder_id_number(holder_id_number)
    try:
        body = _TEMPLATES.from_string(template.body).render(Context(dict(values)))
        pdf = render_pdf(
            template="results/result_document.html",
            context={"body": body, "title": escape(template.title)},
        )
    except (TemplateSyntaxError, PdfRenderingError) as error:
        raise ResultRefused(
            "template_failed",
            message_vi=f"Không dựng được văn bản kết quả từ mẫu: {error}",
            message_en=f"The result document could not be made from its template: {error}",
        ) from error
    return _save_draft(
        officer=officer,
        pdf=pdf,
        name=f"{template.code}.pdf",
        source=DraftSource.TEMPLATE,
        template=template,
        holder_id_number=holder,
        type_code=template.result_type_code,
        metadata=metadata,
        dossier_code=dossier_code,
    )


def draft_result_from_upload(
    *,
    officer: Any,
    pdf: bytes,
    file_name: str,
    holder_id_number: str,
    result_type_code: str,
    metadata: ResultMetadata,
    dossier_code: str = "",
) -> ResultDraft:
    """Take an uploaded PDF as the result's draft. Raises ResultRefused, CredentialNotUsable."""
    _require_drafting(officer)
    return _save_draft(
        officer=officer,
        pdf=pdf,
        name=file_name,
        source=DraftSource.UPLOAD,
        template=None,
        holder_id_number=checked_holder_id_number(holder_id_number),
        type_code=checked_result_type_code(result_type_code),
        metadata=metadata,
        dossier_code=dossier_code,
    )


def review_result_draft(*, reviewer: Any, draft: ResultDraft) -> ResultDraft:
    """Mark a draft as reviewed, ready for the leader's signature. Raises ResultRefused."""
    _require_drafting(reviewer)
    with transaction.atomic():
        draft = ResultDraft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != DraftStatus.DRAFTED:
            raise ResultRefused(
                "draft_not_open",
                message_vi="Dự thảo này đã được kiểm tra hoặc đã ký.",
                message_en="This draft has already been reviewed or signed.",
            )
        draft.status = DraftStatus.REVIEWED
        draft.reviewed_by = reviewer
        draft.reviewed_at = now()
        draft.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        record_audit(
            actor=reviewer,
            action="result.reviewed",
            target=draft,
            before={"status": DraftStatus.DRAFTED},
            after={"status": DraftStatus.REVIEWED},
        )
    return draft


# --- Signing and issuing -----------------------------------------------------------------------


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
        raise _forbidden(
            "wrong_credential",
            vi="Chứng thư số này không dùng được cho việc ký này.",
            en="This certificate cannot be used for this signature.",
        )
    if not permissions.can_use_credential(user=actor, credential=credential):
        raise _forbidden(
            "credential_not_yours",
            vi="Bạn không được dùng chứng thư số này.",
            en="You may not use this certificate.",
        )
    if not credential.is_valid_at(at):
        raise CredentialExpired(not_after=format_moment(credential.not_after))
    return credential


def issue_result(
    *,
    leader: Any,
    signer: PdfSigner,
    source_pdf: bytes,
    applicant_id_number: str,
    result_type_code: str,
    metadata: ResultMetadata,
    dossier_code: str | None = None,
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
    if not permissions.can_sign_results(user=leader):
        raise _forbidden(
            "not_allowed_to_sign",
            vi="Chỉ lãnh đạo đơn vị được ký kết quả giải quyết.",
            en="Only a unit's leader may sign results.",
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
        raise _refused(error) from error

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
    return _store_result(
        leader=leader,
        pdf=pdf,
        code=code,
        holder=holder,
        type_code=type_code,
        meta=meta,
        dossier_code=dossier_code or None,
        signer=signer,
        seal=seal,
        signed_at=signed_at,
        replaces=replaces,
        correction_reason=correction_reason,
        draft=draft,
    )


def _store_result(
    *,
    leader: Any,
    pdf: bytes,
    code: str,
    holder: str,
    type_code: str,
    meta: ResultMetadata,
    dossier_code: str | None,
    signer: PdfSigner,
    seal: PdfSigner | None,
    signed_at: Any,
    replaces: EResult | None,
    correction_reason: str,
    draft: ResultDraft | None,
) -> EResult:
    upload = ContentFile(pdf, name=f"{code}.pdf")
    inspected = inspect_upload(file=upload, allowed_kinds=PDF_ONLY)
    try:
        with transaction.atomic():
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
            stored = store_upload(file=upload, inspected=inspected, folder=RESULTS_FOLDER)
            result = EResult.objects.create(
                **EResult.fields_from_upload(inspected=inspected, stored_name=stored),
                verification_code=code,
                e_result_code=e_result_code(holder_id_number=holder, result_type_code=type_code),
                dossier_code=dossier_code,
                version=replaces.version + 1 if replaces else 1,
                replaces=replaces,
                correction_reason=correction_reason,
                draft=draft,
                type_code=type_code,
                holder_id_number=holder,
                title=meta.title,
                summary=meta.summary,
                valid_from=meta.valid_from,
                valid_until=meta.valid_until,
                validity_scope=meta.validity_scope,
                signed_by=leader,
                signer_name=signer.identity.name,
                signer_position=signer.identity.position,
                signer_certificate_sha256=signer.identity.certificate_sha256,
                seal_name=seal.identity.name if seal else "",
                seal_certificate_sha256=seal.identity.certificate_sha256 if seal else "",
                signed_at=signed_at,
            )
            record_audit(
                actor=leader,
                action="result.corrected" if replaces else "result.issued",
                target=result,
                after={
                    "verification_code": code,
                    "holder_id_number": holder,
                    "type_code": type_code,
                    "title": meta.title,
                    "dossier_code": dossier_code,
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
                    dossier_code=dossier_code,
                    version=result.version,
                    replaces_id=replaces.pk if replaces else None,
                )
            )
    except IntegrityError as error:
        # Two corrections of one result at once: the second loses on the unique `replaces`.
        raise _already_corrected() from error
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


def sign_result_draft(
    *, leader: Any, draft: ResultDraft, signer: PdfSigner, seal: PdfSigner | None = None
) -> EResult:
    """Sign a reviewed draft and issue it as the result. Raises what `issue_result` raises."""
    if draft.status != DraftStatus.REVIEWED:
        raise _draft_not_reviewed()
    with draft.file.open("rb") as handle:
        source = handle.read()
    return issue_result(
        leader=leader,
        signer=signer,
        source_pdf=source,
        applicant_id_number=draft.holder_id_number,
        result_type_code=draft.type_code,
        metadata=ResultMetadata(
            title=draft.title,
            summary=draft.summary,
            valid_from=draft.valid_from,
            valid_until=draft.valid_until,
            validity_scope=draft.validity_scope,
        ),
        dossier_code=draft.dossier_code or None,
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
        dossier_code=result.dossier_code,
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
        raise _forbidden(
            "not_allowed_to_sign_scans",
            vi="Bạn không có quyền ký số bản quét hồ sơ.",
            en="You may not sign scanned documents.",
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
