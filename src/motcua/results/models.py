"""Results with legal value: templates, drafts, the immutable e-result store, keys and trust.

An `EResult` row is written once, when the signed file is stored, and never changed: a
correction is a new row whose `replaces` points at the result it corrects (Decree 118/2025
Art. 23). Signing keys are kept encrypted (`keystore`); their passphrases are never stored.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import now
from motcua.documents.models import ElectronicDocument
from motcua.results.choices import CredentialPurpose, DraftSource, DraftStatus, KeyFormat


class ImmutableQuerySet(models.QuerySet[Any]):
    """Bulk updates and deletes are refused: the rows are a legal record."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError("e-results are never updated; issue a correction instead")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("e-results are never deleted")


class ResultTemplate(models.Model):
    """One version of the template a kind of result is drafted from (HTML, Django syntax).

    A new wording is a new version; the version in force on a day is the latest whose
    `effective_from` is not after that day.
    """

    code = models.SlugField(_("code"), max_length=64)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    result_type_code = models.CharField(_("result type code"), max_length=50)
    body = models.TextField(
        _("body"), help_text=_("HTML with Django template tags; filled from the dossier.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    effective_from = models.DateField(_("effective from"))
    published_at = models.DateTimeField(_("published at"), default=now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("result template")
        verbose_name_plural = _("result templates")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="results_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class ResultDraft(ElectronicDocument):
    """A result document before signing: drafted from a template or uploaded, then reviewed."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="result_drafts",
        verbose_name=_("dossier"),
    )
    source = models.CharField(_("source"), max_length=16, choices=DraftSource)
    template = models.ForeignKey(
        ResultTemplate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafts",
        verbose_name=_("result template"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DraftStatus, default=DraftStatus.DRAFTED
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    drafted_at = models.DateTimeField(_("drafted at"), default=now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["-drafted_at"]
        verbose_name = _("result draft")
        verbose_name_plural = _("result drafts")

    def __str__(self) -> str:
        return self.title

    @property
    def dossier_code(self) -> str:
        return self.dossier.code if self.dossier is not None else ""


class EResult(ElectronicDocument):
    """An issued, signed result: the file, its hash, who signed when, and its legal codes.

    `e_result_code` is the code of Decree 118/2025 Art. 22 (the holder's identification number
    and the result type code); `verification_code` is the public code in the QR address, which
    reveals nothing about the holder.
    """

    verification_code = models.CharField(_("verification code"), max_length=16, unique=True)
    e_result_code = models.CharField(_("e-result code"), max_length=80, db_index=True)
    # The dossier the result settles (indicator 4.1 counts dossiers with one); a result
    # issued outside a dossier (a correction of a paper result, a test) has none.
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="e_results",
        verbose_name=_("dossier"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    draft = models.OneToOneField(
        ResultDraft,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="result",
        verbose_name=_("result draft"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_position = models.CharField(_("signer's position"), max_length=300, blank=True)
    signer_certificate_sha256 = models.CharField(_("signer's certificate (SHA-256)"), max_length=64)
    seal_name = models.CharField(_("seal of"), max_length=300, blank=True)
    seal_certificate_sha256 = models.CharField(
        _("seal certificate (SHA-256)"), max_length=64, blank=True
    )
    signed_at = models.DateTimeField(_("signed at"))
    issued_at = models.DateTimeField(_("issued at"), default=now)

    objects: ClassVar[Any] = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("e-result")
        verbose_name_plural = _("e-results")

    def __str__(self) -> str:
        return f"{self.title} ({self.verification_code})"

    @property
    def dossier_code(self) -> str | None:
        """The code of the dossier the result settles, as people read and type it."""
        return self.dossier.code if self.dossier is not None else None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("e-results are never changed; issue a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("e-results are never deleted")


class SigningCredential(models.Model):
    """A certificate and its private key, kept encrypted on the server (PKCS#12 or PEM).

    The key file is encrypted with the deployment's key-encryption key and, as a rule, also
    by its own passphrase, which the signer types when signing and which is never stored.
    A personal credential belongs to a user, a seal to an agency.
    """

    purpose = models.CharField(_("purpose"), max_length=16, choices=CredentialPurpose)
    label = models.CharField(_("label"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_credentials",
        verbose_name=_("owner"),
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_credentials",
        verbose_name=_("agency"),
    )
    position_title = models.CharField(
        _("position shown on the signature"), max_length=300, blank=True
    )
    key_format = models.CharField(_("key format"), max_length=16, choices=KeyFormat)
    encrypted_key = models.BinaryField(_("encrypted key file"), editable=False)
    certificate_pem = models.TextField(_("certificate (PEM)"))
    chain_pem = models.TextField(_("issuer certificates (PEM)"), blank=True)
    subject_name = models.CharField(_("certificate subject"), max_length=300)
    issuer_name = models.CharField(_("certificate issuer"), max_length=300)
    serial_number = models.CharField(_("serial number"), max_length=64)
    fingerprint_sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    not_before = models.DateTimeField(_("valid from"))
    not_after = models.DateTimeField(_("valid until"))
    is_test = models.BooleanField(
        _("test credential"), default=False, help_text=_("Issued by a test CA: no legal value.")
    )
    registered_at = models.DateTimeField(_("registered at"), default=now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["purpose", "label"]
        verbose_name = _("signing credential")
        verbose_name_plural = _("signing credentials")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(purpose=CredentialPurpose.PERSONAL)
                | models.Q(owner__isnull=False),
                name="results_personal_credential_has_owner",
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose=CredentialPurpose.SEAL)
                | models.Q(agency__isnull=False),
                name="results_seal_credential_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def is_valid_at(self, moment: Any) -> bool:
        return self.withdrawn_at is None and self.not_before <= moment <= self.not_after


class TrustAnchor(models.Model):
    """A root certificate whose chains are trusted when verifying signatures."""

    name = models.CharField(_("name"), max_length=300)
    certificate_pem = models.TextField(_("certificate (PEM)"))
    fingerprint_sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64, unique=True)
    not_after = models.DateTimeField(_("valid until"))
    is_test = models.BooleanField(
        _("test authority"),
        default=False,
        help_text=_("A demonstration CA: what it certifies has no legal value."),
    )
    is_active = models.BooleanField(_("trusted"), default=True)
    added_at = models.DateTimeField(_("added at"), default=now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("trust anchor")
        verbose_name_plural = _("trust anchors")

    def __str__(self) -> str:
        return self.name


class RevocationList(models.Model):
    """A certificate revocation list (CRL) of a trusted CA, as its CA published it.

    Verification checks certificates against the newest list of their issuer, offline: a
    certificate is "revoked" or "not revoked as of the list's date" only where a list is kept.
    """

    issuer_name = models.CharField(_("issuer"), max_length=300, db_index=True)
    crl_der = models.BinaryField(_("revocation list (DER)"))
    this_update = models.DateTimeField(_("issued at"))
    next_update = models.DateTimeField(_("next list due"), null=True, blank=True)
    revoked_count = models.PositiveIntegerField(_("revoked certificates"), default=0)
    added_at = models.DateTimeField(_("added at"), default=now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["issuer_name", "-this_update"]
        verbose_name = _("certificate revocation list")
        verbose_name_plural = _("certificate revocation lists")

    def __str__(self) -> str:
        return f"{self.issuer_name} ({self.this_update:%Y-%m-%d})"
