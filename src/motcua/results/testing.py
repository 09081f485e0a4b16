"""A signing kit for tests, here and in other apps: a test CA, trusted, with a local TSA.

kit = SigningKit.create()           # keys are generated once; reuse the kit per session
kit.install()                       # trust the CA, register the local time-stamping key
credential = kit.register_personal(user=leader)
signer = unlock_signer(credential=credential, passphrase=PASSPHRASE)  # integrations.signing
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from motcua.core.clock import now
from motcua.organizations.models import Agency
from motcua.results import keystore, services
from motcua.results.certificates import facts, to_pem
from motcua.results.choices import CredentialPurpose, KeyFormat
from motcua.results.models import SigningCredential, TrustAnchor
from motcua.results.test_authority import IssuedKey, TestAuthority

# The test keys' passphrase: tests type it to unlock their keys.
PASSPHRASE = "Mật-khẩu-khóa-ký-2025"  # noqa: S105


@dataclass
class SigningKit:
    """A test CA and the keys issued by it, generated once and registered per test."""

    authority: TestAuthority
    time_stamping: IssuedKey
    _issued: dict[str, IssuedKey] = field(default_factory=dict)

    @classmethod
    def create(cls, *, name: str = "motcua TEST Root CA") -> "SigningKit":
        authority = TestAuthority(name=name)
        return cls(
            authority=authority,
            time_stamping=authority.issue(common_name=f"{name} TSA", timestamping=True),
        )

    def key_for(self, label: str, **issue: Any) -> IssuedKey:
        """The key issued under `label` (issued on first request, then reused)."""
        if label not in self._issued:
            self._issued[label] = self.authority.issue(common_name=label, **issue)
        return self._issued[label]

    def install(self) -> TrustAnchor:
        """Trust the CA and register the local time-stamping authority's key."""
        anchor = self.trust()
        services.register_credential(
            administrator=None,
            purpose=CredentialPurpose.TIMESTAMPING,
            key_format=KeyFormat.PEM,
            key_file=self.time_stamping.pem(),
            certificate=self.time_stamping.certificate,
            chain=self.time_stamping.chain,
            label="Local time-stamping authority (test)",
            is_test=True,
        )
        return anchor

    def trust(self) -> TrustAnchor:
        return services.add_trust_anchor(
            administrator=None,
            certificate_pem=to_pem([self.authority.certificate]),
            is_test=True,
        )

    def register_personal(
        self,
        *,
        user: Any,
        passphrase: str = PASSPHRASE,
        position_title: str = "Phó Giám đốc",
        key_format: str = KeyFormat.PKCS12,
        label: str | None = None,
    ) -> SigningCredential:
        issued = self.key_for(label or (getattr(user, "full_name", "") or user.get_username()))
        return services.register_credential(
            administrator=None,
            purpose=CredentialPurpose.PERSONAL,
            key_format=key_format,
            key_file=_packed(issued, key_format=key_format, passphrase=passphrase),
            certificate=issued.certificate,
            chain=issued.chain,
            label=label or str(user),
            owner=user,
            position_title=position_title,
            is_test=True,
        )

    def register_seal(self, *, agency: Agency, passphrase: str = PASSPHRASE) -> SigningCredential:
        issued = self.key_for(agency.name, organisation=agency.name)
        return services.register_credential(
            administrator=None,
            purpose=CredentialPurpose.SEAL,
            key_format=KeyFormat.PKCS12,
            key_file=issued.pkcs12(passphrase=passphrase),
            certificate=issued.certificate,
            chain=issued.chain,
            label=f"Con dấu {agency.name}",
            agency=agency,
            is_test=True,
        )

    def register_expired(self, *, user: Any, passphrase: str = PASSPHRASE) -> SigningCredential:
        """A personal credential whose certificate expired yesterday.

        Written directly: the registration service rightly refuses expired certificates.
        """
        issued = self.key_for(
            f"{user.get_username()} (expired)",
            valid_from=now() - dt.timedelta(days=400),
            valid_days=365,
        )
        certificate = facts(issued.certificate)
        return SigningCredential.objects.create(
            purpose=CredentialPurpose.PERSONAL,
            label=f"{user} (expired)",
            owner=user,
            key_format=KeyFormat.PKCS12,
            encrypted_key=keystore.seal_key_file(issued.pkcs12(passphrase=passphrase)),
            certificate_pem=certificate.pem,
            chain_pem=to_pem(list(issued.chain)),
            subject_name=certificate.subject_name,
            issuer_name=certificate.issuer_name,
            serial_number=certificate.serial_number,
            fingerprint_sha256=certificate.fingerprint_sha256,
            not_before=certificate.not_before,
            not_after=certificate.not_after,
            is_test=True,
        )


def _packed(issued: IssuedKey, *, key_format: str, passphrase: str) -> bytes:
    if key_format == KeyFormat.PEM:
        return issued.pem(passphrase=passphrase)
    return issued.pkcs12(passphrase=passphrase)
