"""X.509 certificates read into the plain fields the key store and the trust list keep."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID


@dataclass(frozen=True, kw_only=True)
class CertificateFacts:
    subject_name: str
    common_name: str
    issuer_name: str
    serial_number: str
    fingerprint_sha256: str
    not_before: datetime
    not_after: datetime
    is_ca: bool
    pem: str


def common_name(name: x509.Name) -> str:
    names = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else name.rfc4514_string()


def fingerprint(certificate: x509.Certificate) -> str:
    der = certificate.public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest()


def to_pem(certificates: list[x509.Certificate]) -> str:
    return "".join(
        certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        for certificate in certificates
    )


def load_pem_certificates(text: str) -> list[x509.Certificate]:
    """Every certificate in a PEM text (an empty text gives none). Raises ValueError."""
    if not text.strip():
        return []
    return x509.load_pem_x509_certificates(text.encode("ascii"))


def facts(certificate: x509.Certificate) -> CertificateFacts:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
        is_ca = constraints.value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    return CertificateFacts(
        subject_name=certificate.subject.rfc4514_string(),
        common_name=common_name(certificate.subject),
        issuer_name=certificate.issuer.rfc4514_string(),
        serial_number=format(certificate.serial_number, "x"),
        fingerprint_sha256=fingerprint(certificate),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        is_ca=is_ca,
        pem=to_pem([certificate]),
    )
