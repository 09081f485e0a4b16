"""A test certificate authority, clearly marked, so demonstrations and tests sign for real.

Everything it issues says "TEST" in the organisation name and in the CA's name, and the
trust anchor made from it is flagged `is_test`: the verification pages then warn that the
signature has no legal value. Never trust it in production.
"""

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from motcua.core.clock import now

TEST_ORGANISATION = "motcua TEST - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
KEY_BITS = 2048


@dataclass(frozen=True)
class IssuedKey:
    """A key with its certificate, and the CA certificates above it."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    def pkcs12(self, *, passphrase: str) -> bytes:
        """The key, certificate and chain as a PKCS#12 file protected by `passphrase`."""
        encryption = (
            serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
            if passphrase
            else serialization.NoEncryption()
        )
        return pkcs12.serialize_key_and_certificates(
            name=None,
            key=self.key,
            cert=self.certificate,
            cas=list(self.chain),
            encryption_algorithm=encryption,
        )

    def pem(self, *, passphrase: str = "") -> bytes:
        """The key (encrypted when a passphrase is given) followed by the certificates."""
        encryption = (
            serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
            if passphrase
            else serialization.NoEncryption()
        )
        key = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )
        certificates = [self.certificate, *self.chain]
        return key + b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


class TestAuthority:
    """A root CA whose key lives in memory; issues personal, seal and time-stamping keys."""

    __test__ = False  # not a pytest test class

    def __init__(self, *, name: str, organisation: str = TEST_ORGANISATION) -> None:
        self.organisation = organisation
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        subject = _name(name, organisation)
        start = now() - dt.timedelta(days=1)
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        )
        self.key = key
        self.certificate = builder.sign(key, hashes.SHA256())

    @classmethod
    def from_issued(cls, issued: IssuedKey) -> "TestAuthority":
        """Rebuild an authority from its stored key and certificate (to issue more keys)."""
        authority = cls.__new__(cls)
        organisations = issued.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        authority.organisation = str(organisations[0].value) if organisations else ""
        authority.key = issued.key
        authority.certificate = issued.certificate
        return authority

    def as_issued(self) -> IssuedKey:
        return IssuedKey(key=self.key, certificate=self.certificate, chain=())

    def issue(
        self,
        *,
        common_name: str,
        organisation: str | None = None,
        timestamping: bool = False,
        valid_from: dt.datetime | None = None,
        valid_days: int = 730,
    ) -> IssuedKey:
        """Issue an end-entity key: a signature (non-repudiation) or a time-stamping key."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        start = valid_from or now() - dt.timedelta(days=1)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organisation or self.organisation))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=valid_days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=not timestamping,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), False
            )
        )
        if timestamping:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        certificate = builder.sign(self.key, hashes.SHA256())
        return IssuedKey(key=key, certificate=certificate, chain=(self.certificate,))

    def revocation_list(
        self, *, revoked: tuple[x509.Certificate, ...] = (), next_update_days: int = 7
    ) -> bytes:
        """A CRL (DER) of this CA listing `revoked` as revoked an hour ago."""
        moment = now()
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(moment - dt.timedelta(minutes=5))
            .next_update(moment + dt.timedelta(days=next_update_days))
        )
        for certificate in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(certificate.serial_number)
                .revocation_date(moment - dt.timedelta(hours=1))
                .build()
            )
        crl = builder.sign(self.key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)
