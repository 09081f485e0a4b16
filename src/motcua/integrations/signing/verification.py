"""Checking a signed PDF: intact or altered, who signed when, trusted or not, revoked or not.

The verdict follows what poppler's `pdfsig` reports for the same file with the same trust
roots: a signature is intact when its digest and cryptographic signature check out and nothing
but further signatures was added after it; the certificate is trusted when it chains to one of
the trust roots (`results.queries.list_trust_roots`). Nothing is fetched from the network:
revocation is known from the revocation lists kept (`results.RevocationList`), offline.
"""

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

import structlog
from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from motcua.core.clock import to_local
from motcua.results.queries import TrustRoot, list_revocation_lists, list_trust_roots

log = structlog.get_logger(__name__)

# Adding a signature and its appearance after an earlier one is what a second signer does.
_ALLOWED_AFTER_SIGNING = ModificationLevel.FORM_FILLING


@dataclass(frozen=True, kw_only=True)
class SignatureCheck:
    """One signature of the document."""

    field_name: str
    signer: str
    signer_subject: str
    issuer: str
    certificate_sha256: str
    signed_at: datetime | None
    timestamped: bool
    timestamp_trusted: bool
    intact: bool
    trusted: bool
    revoked: bool
    revoked_at: datetime | None
    revocation_checked_on: datetime | None
    covers_whole_document: bool
    test_authority: bool


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """The whole document: `intact` only when every signature is; `trusted` likewise."""

    readable: bool
    signed: bool
    intact: bool
    trusted: bool
    revoked: bool
    revocation_checked: bool
    test_authority: bool
    signer: str | None
    signed_at: datetime | None
    sha256: str
    signatures: tuple[SignatureCheck, ...]


def _roots() -> tuple[list[asn1_x509.Certificate], set[bytes]]:
    certificates: list[asn1_x509.Certificate] = []
    test_subjects: set[bytes] = set()
    for root in list_trust_roots():
        certificate = _load_root(root)
        certificates.append(certificate)
        if root.is_test:
            test_subjects.add(certificate.subject.dump())
    return certificates, test_subjects


def _load_root(root: TrustRoot) -> asn1_x509.Certificate:
    data = root.pem.encode("ascii")
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


@dataclass(frozen=True)
class _Revocations:
    """The newest CRL of each issuer, read once per verification."""

    by_issuer: dict[bytes, x509.CertificateRevocationList]

    @classmethod
    def load(cls) -> "_Revocations":
        lists = [x509.load_der_x509_crl(der) for der in list_revocation_lists()]
        return cls({crl.issuer.public_bytes(): crl for crl in lists})

    def asn1(self) -> list[asn1_crl.CertificateList]:
        return [
            asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER))
            for crl in self.by_issuer.values()
        ]

    def lookup(self, certificate: asn1_x509.Certificate) -> tuple[datetime | None, datetime | None]:
        """(revoked at, checked on): both None when no list of the issuer is kept."""
        crl = self.by_issuer.get(certificate.issuer.dump())
        if crl is None:
            return None, None
        entry = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
        revoked_at = to_local(entry.revocation_date_utc) if entry is not None else None
        return revoked_at, to_local(crl.last_update_utc)


def _check(
    status: PdfSignatureStatus,
    *,
    field_name: str,
    test_subjects: set[bytes],
    revocations: _Revocations,
) -> SignatureCheck:
    certificate = status.signing_cert
    timestamp = status.timestamp_validity
    path = status.validation_path
    trusted = path is not None and status.trust_problem_indic is None and status.valid
    modification = status.modification_level
    unchanged = (
        status.coverage is not None
        and status.coverage >= SignatureCoverageLevel.ENTIRE_REVISION
        and (modification is None or modification <= _ALLOWED_AFTER_SIGNING)
        and status.docmdp_ok is not False
    )
    signed_at = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    anchor_subject = path.trust_anchor.authority.name.dump() if path is not None else b""
    revoked_at, checked_on = revocations.lookup(certificate)
    return SignatureCheck(
        field_name=field_name,
        signer=str(
            certificate.subject.native.get("common_name", certificate.subject.human_friendly)
        ),
        signer_subject=certificate.subject.human_friendly,
        issuer=certificate.issuer.human_friendly,
        certificate_sha256=hashlib.sha256(certificate.dump()).hexdigest(),
        signed_at=to_local(signed_at) if signed_at else None,
        timestamped=timestamp is not None,
        timestamp_trusted=bool(timestamp is not None and timestamp.trusted),
        intact=bool(status.intact and status.valid and unchanged),
        trusted=trusted,
        revoked=status.revoked or revoked_at is not None,
        revoked_at=revoked_at,
        revocation_checked_on=checked_on,
        covers_whole_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        test_authority=trusted and anchor_subject in test_subjects,
    )


def verify_pdf(*, pdf: bytes) -> Verdict:
    """Check every signature of a PDF against the trust roots. Never raises on bad input."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    unreadable = Verdict(
        readable=False,
        signed=False,
        intact=False,
        trusted=False,
        revoked=False,
        revocation_checked=False,
        test_authority=False,
        signer=None,
        signed_at=None,
        sha256=sha256,
        signatures=(),
    )
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, IndexError, TypeError):
        return unreadable
    roots, test_subjects = _roots()
    revocations = _Revocations.load()
    checks = []
    for signature in embedded:
        context = ValidationContext(
            trust_roots=roots,
            crls=revocations.asn1(),
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        try:
            status = validate_pdf_signature(signature, context)
        except (PdfError, ValueError, KeyError, IndexError, TypeError) as error:
            # A signature too damaged to read is not intact.
            log.info("verification.signature_unreadable", error=type(error).__name__)
            return Verdict(**{**unreadable.__dict__, "readable": True, "signed": True})
        checks.append(
            _check(
                status,
                field_name=signature.field_name,
                test_subjects=test_subjects,
                revocations=revocations,
            )
        )
    if not checks:
        return Verdict(**{**unreadable.__dict__, "readable": True})
    first = checks[0]
    return Verdict(
        readable=True,
        signed=True,
        intact=all(check.intact for check in checks) and checks[-1].covers_whole_document,
        trusted=all(check.trusted for check in checks),
        revoked=any(check.revoked for check in checks),
        revocation_checked=all(check.revocation_checked_on is not None for check in checks),
        test_authority=any(check.test_authority for check in checks),
        signer=first.signer,
        signed_at=first.signed_at,
        sha256=sha256,
        signatures=tuple(checks),
    )
