"""PAdES signatures with pyHanko: a visible stamp, SHA-256, an RFC 3161 timestamp (PAdES B-T).

A `PadesSigner` holds an unlocked key in memory and signs any number of PDFs with it; each
signature is an incremental update, so earlier signatures (the leader's, before the seal)
stay valid.
"""

import io
from typing import Any

import structlog
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from motcua.integrations.signing.appearance import stamp_style
from motcua.integrations.signing.base import KeyMaterial
from motcua.integrations.signing.timestamping import as_asn1, timestamp_unreachable
from motcua.results.errors import ResultRefused
from motcua.results.signers import SignatureAppearance, SignerIdentity

log = structlog.get_logger(__name__)

# Room for the CMS container: signer and CA certificates, the timestamp token with the
# authority's certificates. Reserving it up front spares pyHanko a trial signature.
SIGNATURE_BYTES_RESERVED = 16 * 1024


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's in-memory signer, keeping the parsed key rather than re-reading it per use."""

    def __init__(self, *, material: KeyMaterial) -> None:
        key_der = material.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        super().__init__(
            signing_cert=as_asn1(material.certificate),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs(
                [as_asn1(extra) for extra in material.chain]
            ),
        )
        self._key = material.private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), hash_algorithm)
        if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(hash_algorithm))
        return bytes(super().sign_raw(data, digest_algorithm))


def _unsignable(reason: str) -> ResultRefused:
    return ResultRefused(
        "pdf_not_signable",
        message_vi="Không ký được tệp PDF này (tệp hỏng, được mã hóa hoặc cấu trúc không chuẩn).",
        message_en="This PDF cannot be signed (damaged, encrypted or malformed).",
        details={"reason": reason},
    )


def _free_field_name(writer: IncrementalPdfFileWriter, wanted: str) -> str:
    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev)}
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}{number}" in taken:
        number += 1
    return f"{wanted}{number}"


class PadesSigner:
    """An unlocked credential that signs PDFs (implements results.signers.PdfSigner)."""

    def __init__(
        self, *, identity: SignerIdentity, material: KeyMaterial, time_stamper: TimeStamper
    ) -> None:
        self._identity = identity
        self._signer = _LoadedKeySigner(material=material)
        self._time_stamper = time_stamper

    @property
    def identity(self) -> SignerIdentity:
        return self._identity

    def __repr__(self) -> str:
        # Never show the key, even in a traceback.
        return f"<PadesSigner credential={self._identity.credential_id}>"

    def sign_pdf(self, *, pdf: bytes, appearance: SignatureAppearance) -> bytes:
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            if writer.prev.encrypted:
                raise _unsignable("encrypted")
            field_name = _free_field_name(writer, appearance.field_name)
            pdf_signer = signers.PdfSigner(
                signers.PdfSignatureMetadata(
                    field_name=field_name,
                    subfilter=fields.SigSeedSubFilter.PADES,
                    md_algorithm="sha256",
                    name=self._identity.name,
                    reason=appearance.reason or None,
                    location=appearance.location or None,
                ),
                signer=self._signer,
                timestamper=self._time_stamper,
                stamp_style=stamp_style(appearance),
                new_field_spec=fields.SigFieldSpec(
                    sig_field_name=field_name, on_page=appearance.page, box=appearance.box
                ),
            )
            params: dict[str, Any] = {"url": appearance.qr_url} if appearance.qr_url else {}
            output = pdf_signer.sign_pdf(
                writer, appearance_text_params=params, bytes_reserved=SIGNATURE_BYTES_RESERVED
            )
        except TimestampRequestError as error:
            log.warning("signing.timestamp_failed", error=type(error).__name__)
            raise timestamp_unreachable(error) from error
        except (PdfError, SigningError, ValueError, KeyError, IndexError) as error:
            raise _unsignable(type(error).__name__) from error
        signed = bytes(output.getvalue())
        log.info(
            "signing.pdf_signed",
            credential=self._identity.credential_id,
            field=field_name,
            size=len(signed),
        )
        return signed
