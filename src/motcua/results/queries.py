"""Reads of the result store: public verification, a dossier's current result, trust roots."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from motcua.core.clock import today
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import get_dossier_for_officer
from motcua.results.choices import CredentialPurpose
from motcua.results.errors import ResultNotFound
from motcua.results.metadata import masked_id_number
from motcua.results.models import (
    EResult,
    ResultDraft,
    ResultTemplate,
    RevocationList,
    SigningCredential,
    TrustAnchor,
)
from motcua.results.permissions import can_use_credential

# The template of results without one of their own (published by the demo, or by a province).
GENERAL_TEMPLATE_CODE = "ket-qua-giai-quyet"
# Codes are short and alphanumeric; anything else is refused before it reaches the database.
_VERIFICATION_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")


@dataclass(frozen=True, kw_only=True)
class PublicResult:
    """What anyone holding the verification code may read about a result (Art. 19.2 metadata).

    The holder's ID number is masked but for its last three digits.
    """

    verification_code: str
    e_result_code_masked: str
    holder_id_number_masked: str
    type_code: str
    title: str
    summary: str
    valid_from: date | None
    valid_until: date | None
    validity_scope: str
    signer_name: str
    signer_position: str
    seal_name: str
    signed_at: datetime
    issued_at: datetime
    version: int
    sha256: str
    replaces_code: str | None
    replaced_by_code: str | None
    correction_reason: str


def _public(result: EResult) -> PublicResult:
    replaced_by = getattr(result, "replaced_by", None)
    masked = masked_id_number(result.holder_id_number)
    return PublicResult(
        verification_code=result.verification_code,
        e_result_code_masked=f"{masked}.{result.type_code}",
        holder_id_number_masked=masked,
        type_code=result.type_code,
        title=result.title,
        summary=result.summary,
        valid_from=result.valid_from,
        valid_until=result.valid_until,
        validity_scope=result.validity_scope,
        signer_name=result.signer_name,
        signer_position=result.signer_position,
        seal_name=result.seal_name,
        signed_at=result.signed_at,
        issued_at=result.issued_at,
        version=result.version,
        sha256=result.sha256,
        replaces_code=result.replaces.verification_code if result.replaces else None,
        replaced_by_code=replaced_by.verification_code if replaced_by else None,
        correction_reason=result.correction_reason,
    )


def _with_versions() -> QuerySet[EResult]:
    return EResult.objects.select_related("replaces", "replaced_by")


def get_result(*, verification_code: str) -> EResult:
    """The stored result with this public code. Raises ResultNotFound."""
    if not _VERIFICATION_CODE.match(verification_code):
        raise ResultNotFound()
    result = _with_versions().filter(verification_code=verification_code.strip().upper()).first()
    if result is None:
        raise ResultNotFound()
    return result


def get_public_result(*, verification_code: str) -> PublicResult:
    """The registered metadata the public may read. Raises ResultNotFound."""
    return _public(get_result(verification_code=verification_code))


def find_public_result_by_sha256(*, sha256: str) -> PublicResult | None:
    """The registered result whose stored file has exactly this SHA-256, if any."""
    result = _with_versions().filter(sha256=sha256).first()
    return _public(result) if result else None


def get_current_result_for_dossier(*, dossier: Dossier) -> EResult:
    """A dossier's result in its latest version (corrections replace). Raises ResultNotFound.

    The caller has authorised the reader (`get_dossier_result_for`) before calling.
    """
    result = (
        _with_versions()
        .filter(dossier=dossier, replaced_by__isnull=True)
        .order_by("-issued_at", "-pk")
        .first()
    )
    if result is None:
        raise ResultNotFound()
    return result


def get_dossier_result_for(*, user: Any, dossier_code: str) -> EResult:
    """The current signed result of a dossier, for staff who may see the dossier or for the
    dossier's applicant (their account). Raises ResultNotFound, also when the dossier is
    missing or out of the user's reach: missing and forbidden look the same.
    """
    if not getattr(user, "is_authenticated", False) or len(dossier_code) > 48:
        raise ResultNotFound()
    if getattr(user, "is_staff_member", False):
        try:
            dossier = get_dossier_for_officer(officer=user, code=dossier_code)
        except DossierNotFound:
            raise ResultNotFound() from None
    else:
        found = Dossier.objects.filter(code=dossier_code, applicant_user=user).first()
        if found is None:
            raise ResultNotFound()
        dossier = found
    return get_current_result_for_dossier(dossier=dossier)


def list_drafts_for_dossier(*, dossier: Dossier) -> QuerySet[ResultDraft]:
    """The dossier's result drafts, newest first, with who drafted and reviewed them."""
    return dossier.result_drafts.select_related("drafted_by", "reviewed_by", "template").order_by(
        "-drafted_at", "-pk"
    )


def get_draft_for_dossier(*, dossier: Dossier, draft_id: int) -> ResultDraft:
    """One draft of the dossier. Raises ResultNotFound (also for another dossier's draft)."""
    draft = dossier.result_drafts.filter(pk=draft_id).first()
    if draft is None:
        raise ResultNotFound()
    return draft


def with_has_e_result(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The dossiers annotated with `has_e_result` (a signed result is stored; indicator 4.1)."""
    return dossiers.annotate(has_e_result=Exists(EResult.objects.filter(dossier=OuterRef("pk"))))


def get_template_for_dossier(*, dossier: Dossier, on: date | None = None) -> ResultTemplate | None:
    """The result template in force for the dossier's procedure: the one of its result type
    code, else the general result template (`GENERAL_TEMPLATE_CODE`) if published."""
    day = on or today()
    type_code = dossier.procedure_version.result_code
    in_force = ResultTemplate.objects.filter(effective_from__lte=day).order_by(
        "-effective_from", "-version"
    )
    return (in_force.filter(result_type_code=type_code).first() if type_code else None) or (
        in_force.filter(code=GENERAL_TEMPLATE_CODE).first()
    )


def read_result_file(*, result: EResult) -> bytes:
    """The bytes of a stored result file."""
    with result.file.open("rb") as handle:
        return bytes(handle.read())


def get_template_in_force(*, code: str, on: date) -> ResultTemplate | None:
    """The version of a result template in force on a day, if any."""
    return (
        ResultTemplate.objects.filter(code=code, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


def list_credentials_for(*, user: Any) -> QuerySet[SigningCredential]:
    """The personal credentials a user holds and has not withdrawn."""
    return SigningCredential.objects.filter(
        owner=user, purpose=CredentialPurpose.PERSONAL, withdrawn_at__isnull=True
    ).order_by("-not_after")


def list_seals_for(*, agency: Any) -> QuerySet[SigningCredential]:
    """The seals of an agency that are not withdrawn."""
    return SigningCredential.objects.filter(
        agency=agency, purpose=CredentialPurpose.SEAL, withdrawn_at__isnull=True
    ).order_by("-not_after")


def get_usable_credential(*, user: Any, credential_id: int) -> SigningCredential:
    """One of the user's personal credentials or one of their agencies' seals.

    Raises ResultNotFound for any other.
    """
    credential = (
        SigningCredential.objects.select_related("agency", "owner")
        .filter(pk=credential_id, withdrawn_at__isnull=True)
        .first()
    )
    if credential is None or not can_use_credential(user=user, credential=credential):
        raise ResultNotFound()
    return credential


def get_local_timestamping_credential() -> SigningCredential | None:
    """The newest usable key of the local time-stamping authority, if one is registered."""
    return (
        SigningCredential.objects.filter(
            purpose=CredentialPurpose.TIMESTAMPING, withdrawn_at__isnull=True
        )
        .order_by("-registered_at", "-pk")
        .first()
    )


@dataclass(frozen=True, kw_only=True)
class TrustRoot:
    name: str
    pem: str
    is_test: bool


def list_trust_roots() -> list[TrustRoot]:
    """The trusted root certificates: active anchors in the database and SIGNING_TRUST_ROOTS files.

    A file named in the setting that cannot be read raises OSError: a deployment must not
    silently verify against fewer roots than it was told to.
    """
    roots = [
        TrustRoot(name=anchor.name, pem=anchor.certificate_pem, is_test=anchor.is_test)
        for anchor in TrustAnchor.objects.filter(is_active=True).order_by("pk")
    ]
    for path in settings.SIGNING_TRUST_ROOTS:
        roots.append(
            TrustRoot(name=Path(path).name, pem=Path(path).read_text("ascii"), is_test=False)
        )
    return roots


def list_revocation_lists() -> list[bytes]:
    """The newest CRL (DER) kept for each issuer."""
    newest: dict[str, bytes] = {}
    for revocations in RevocationList.objects.order_by("issuer_name", "-this_update", "-pk"):
        newest.setdefault(revocations.issuer_name, bytes(revocations.crl_der))
    return list(newest.values())
