"""Unlocking stored credentials with their passphrase, and registering new ones.

The passphrase is used to open the key in memory and then dropped: it is never stored,
logged or written to the audit trail.
"""

from typing import Any

from cryptography.hazmat.primitives import serialization

from motcua.core.clock import format_moment, now
from motcua.integrations.signing.base import KeyMaterial
from motcua.integrations.signing.pades import PadesSigner
from motcua.integrations.signing.registry import get_provider
from motcua.integrations.signing.timestamping import get_time_stamper
from motcua.organizations.models import Agency
from motcua.results import keystore, services
from motcua.results.certificates import common_name, fingerprint
from motcua.results.choices import CredentialPurpose
from motcua.results.errors import CredentialExpired, CredentialNotUsable, ResultRefused
from motcua.results.models import SigningCredential
from motcua.results.signers import SignerIdentity


def _public_key_bytes(material: KeyMaterial) -> bytes:
    return material.private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _matches(material: KeyMaterial) -> bool:
    certified = material.certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return certified == _public_key_bytes(material)


def _identity(credential: SigningCredential, material: KeyMaterial) -> SignerIdentity:
    # The name the certificate bears is the one the signature carries in law.
    return SignerIdentity(
        credential_id=credential.pk,
        purpose=credential.purpose,
        name=common_name(material.certificate.subject),
        position=credential.position_title,
        certificate_sha256=credential.fingerprint_sha256,
        not_before=credential.not_before,
        not_after=credential.not_after,
    )


def unlock_signer(*, credential: SigningCredential, passphrase: str) -> PadesSigner:
    """Open a stored credential with its passphrase and return a signer ready for many PDFs.

    Raises WrongPassphrase, CredentialExpired (also when withdrawn or not yet valid),
    CredentialNotUsable (`key_mismatch`, `not_a_signing_key`), SigningUnavailable (no
    time-stamping authority, unreadable key store).
    """
    if credential.purpose not in {CredentialPurpose.PERSONAL, CredentialPurpose.SEAL}:
        raise CredentialNotUsable(
            "not_a_signing_key",
            message_vi="Khóa này không dùng để ký văn bản.",
            message_en="This key does not sign documents.",
        )
    if not credential.is_valid_at(now()):
        raise CredentialExpired(not_after=format_moment(credential.not_after))
    key_file = keystore.open_key_file(credential.encrypted_key)
    material = get_provider(credential.key_format).load(key_file=key_file, passphrase=passphrase)
    if fingerprint(material.certificate) != credential.fingerprint_sha256 or not _matches(material):
        raise CredentialNotUsable(
            "key_mismatch",
            message_vi="Khóa ký không khớp với chứng thư số đã đăng ký.",
            message_en="The signing key does not match the registered certificate.",
        )
    return PadesSigner(
        identity=_identity(credential, material), material=material, time_stamper=get_time_stamper()
    )


def import_credential(
    *,
    administrator: Any,
    purpose: str,
    key_format: str,
    key_file: bytes,
    passphrase: str,
    label: str,
    owner: Any = None,
    agency: Agency | None = None,
    position_title: str = "",
    is_test: bool = False,
) -> SigningCredential:
    """Check a key file opens with its passphrase and matches its certificate, then keep it.

    Raises WrongPassphrase, UnreadableKey, ResultRefused (`key_mismatch`) and what
    `results.services.register_credential` raises.
    """
    material = get_provider(key_format).load(key_file=key_file, passphrase=passphrase)
    if not _matches(material):
        raise ResultRefused(
            "key_mismatch",
            message_vi="Khóa riêng không khớp với chứng thư số trong tệp.",
            message_en="The private key does not match the certificate in the file.",
        )
    return services.register_credential(
        administrator=administrator,
        purpose=purpose,
        key_format=key_format,
        key_file=key_file,
        certificate=material.certificate,
        chain=material.chain,
        label=label,
        owner=owner,
        agency=agency,
        position_title=position_title,
        is_test=is_test,
    )
