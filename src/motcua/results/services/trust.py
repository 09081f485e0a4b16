"""State changes of keys and trust: signing credentials, trusted root CAs, revocation lists.

The caller has opened a key file with its passphrase (`integrations.signing`); only the file,
encrypted, and the facts of its certificate are kept. Each function is atomic and audited.
"""

from collections.abc import Sequence
from typing import Any

import structlog
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.db import transaction

from motcua.audit.services import record_audit
from motcua.core.clock import format_moment, now
from motcua.core.events import publish
from motcua.organizations.models import Agency
from motcua.results import certificates, keystore
from motcua.results.choices import CredentialPurpose
from motcua.results.errors import CredentialExpired, ResultRefused
from motcua.results.events import CredentialRegistered
from motcua.results.models import RevocationList, SigningCredential, TrustAnchor

log = structlog.get_logger(__name__)


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
