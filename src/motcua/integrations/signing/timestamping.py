"""RFC 3161 timestamps: an HTTP time-stamping authority, or the local one in the key store.

`SIGNING_TSA_URL` names an authority reached over HTTP (production: a licensed provider). When
it is empty, the local authority signs timestamps in-process with the time-stamping key kept
in the key store (`motcua demo load` and the tests register one): for development, tests and
the demonstration, never a substitute for a licensed authority.
"""

import functools
from datetime import datetime
from typing import Any

from asn1crypto import cms, core
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from django.conf import settings
from pyhanko.sign import general
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from motcua.integrations.signing.registry import get_provider
from motcua.results import keystore
from motcua.results.errors import SigningUnavailable
from motcua.results.queries import get_local_timestamping_credential

TSA_TIMEOUT_SECONDS = 10


def as_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class LocalTimeStamper(DummyTimeStamper):
    """pyHanko's in-process authority, with its RSA key loaded once instead of per timestamp."""

    def __init__(
        self,
        *,
        certificate: x509.Certificate,
        key: RSAPrivateKey,
        chain: tuple[x509.Certificate, ...],
    ) -> None:
        super().__init__(
            tsa_cert=as_asn1(certificate),
            tsa_key=None,
            certs_to_embed=SimpleCertificateStore.from_certs([as_asn1(extra) for extra in chain]),
        )
        self._key = key

    def _sign_tst_info(
        self, tst_info_data: bytes, md_algorithm: str, dt: datetime
    ) -> tuple[bytes, cms.CMSAttributes]:
        digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        digest.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                general.simple_cms_attribute("content_type", "tst_info"),
                general.simple_cms_attribute(
                    "signing_time", cms.Time({"utc_time": core.UTCTime(dt)})
                ),
                general.simple_cms_attribute(
                    "signing_certificate", general.as_signing_certificate(self.tsa_cert)
                ),
                general.simple_cms_attribute("message_digest", digest.finalize()),
            ]
        )
        signature = self._key.sign(
            signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper())
        )
        return signature, signed_attrs


@functools.lru_cache(maxsize=4)
def _local_time_stamper(credential_id: int, fingerprint: str) -> LocalTimeStamper:
    credential = get_local_timestamping_credential()
    if credential is None or credential.pk != credential_id:
        raise _unavailable()
    material = get_provider(credential.key_format).load(
        key_file=keystore.open_key_file(credential.encrypted_key), passphrase=""
    )
    if not isinstance(material.private_key, RSAPrivateKey):
        raise SigningUnavailable(
            "timestamp_key_unsupported",
            message_vi="Khóa của máy chủ cấp dấu thời gian nội bộ phải là khóa RSA.",
            message_en="The local time-stamping authority needs an RSA key.",
        )
    return LocalTimeStamper(
        certificate=material.certificate, key=material.private_key, chain=material.chain
    )


def _unavailable() -> SigningUnavailable:
    return SigningUnavailable(
        "no_timestamp_authority",
        message_vi=(
            "Chưa cấu hình máy chủ cấp dấu thời gian (SIGNING_TSA_URL) và chưa có khóa cấp dấu "
            "thời gian nội bộ. Chưa có gì được ký."
        ),
        message_en=(
            "No time-stamping authority is configured (SIGNING_TSA_URL) and no local "
            "time-stamping key is registered. Nothing was signed."
        ),
    )


def get_time_stamper() -> TimeStamper:
    """The authority that timestamps signatures now. Raises SigningUnavailable when none."""
    if settings.SIGNING_TSA_URL:
        return HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=TSA_TIMEOUT_SECONDS)
    credential = get_local_timestamping_credential()
    if credential is None:
        raise _unavailable()
    return _local_time_stamper(credential.pk, credential.fingerprint_sha256)


def timestamp_unreachable(error: Exception) -> SigningUnavailable:
    return SigningUnavailable(
        "timestamp_unavailable",
        message_vi="Máy chủ cấp dấu thời gian không trả lời. Chưa có gì được ký; hãy thử lại sau.",
        message_en=(
            "The time-stamping authority did not answer. Nothing was signed; try again later."
        ),
        details={"reason": type(error).__name__},
    )


def describe(time_stamper: Any) -> str:
    return "http" if isinstance(time_stamper, HTTPTimeStamper) else "local"
