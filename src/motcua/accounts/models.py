from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.choices import (
    AccountKind,
    ContactChannel,
    RepresentedKind,
    VerificationPurpose,
)
from motcua.core.clock import now

national_id_validator = RegexValidator(
    r"^[0-9]{12}$", _("An ID number (CCCD) has exactly 12 digits."), code="invalid_national_id"
)
phone_validator = RegexValidator(
    r"^\+?[0-9]{9,15}$",
    _("Enter the phone number as digits, e.g. 0912345678."),
    code="invalid_phone",
)
# Enterprise and tax codes: 10 digits, branches add "-" and 3 digits (Law on Tax Administration).
tax_code_validator = RegexValidator(
    r"^[0-9]{10}(-[0-9]{3})?$",
    _("A tax code has 10 digits, or 10 digits, a dash and 3 digits for a branch."),
    code="invalid_tax_code",
)


class StaffAwareUserManager(UserManager["User"]):
    """`createsuperuser` makes a staff member: administrators are province staff."""

    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("kind", AccountKind.STAFF)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    """A person who signs in: staff, a citizen or a business's representative.

    National ID numbers and phones are personal data: never logged, shown masked in lists.
    """

    kind = models.CharField(
        _("kind"), max_length=16, choices=AccountKind, default=AccountKind.CITIZEN
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    national_id = models.CharField(
        _("ID number"),
        max_length=12,
        blank=True,
        validators=[national_id_validator],
        help_text=_("12-digit citizen ID (CCCD)."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    tax_code = models.CharField(
        _("tax code"), max_length=14, blank=True, validators=[tax_code_validator]
    )
    organization_name = models.CharField(_("organisation name"), max_length=300, blank=True)
    external_subject = models.CharField(
        _("e-identity subject"),
        max_length=255,
        blank=True,
        help_text=_("Subject identifier from the national e-identity (OpenID Connect)."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)

    objects: ClassVar[StaffAwareUserManager] = StaffAwareUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="accounts_user_unique_national_id",
            ),
            models.UniqueConstraint(
                fields=["external_subject"],
                condition=~models.Q(external_subject=""),
                name="accounts_user_unique_external_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_staff_member(self) -> bool:
        return self.kind == AccountKind.STAFF

    @property
    def is_contact_verified(self) -> bool:
        """Citizens and businesses sign in once an e-mail, a phone or the e-identity proved them."""
        return bool(self.email_verified_at or self.phone_verified_at or self.external_subject)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored; the token is shown once.

    A token reads `motcua_<prefix>_<secret>`; the prefix is public and finds the row, the
    digest of the whole token proves it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class VerificationCode(models.Model):
    """A one-time code sent to an e-mail address or phone to prove the person holds it.

    Only a keyed digest of the code is stored. `destination` is the address being proved: the
    account's own at registration, the new one when the person changes it on the profile page
    (the account keeps the old address until the new one is proved).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verification_codes",
        verbose_name=_("account"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=ContactChannel)
    purpose = models.CharField(_("purpose"), max_length=16, choices=VerificationPurpose)
    destination = models.CharField(_("sent to"), max_length=254)
    digest = models.CharField(_("digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=now)
    expires_at = models.DateTimeField(_("expires at"))
    failed_attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verification code")
        verbose_name_plural = _("verification codes")
        indexes = [models.Index(fields=["destination", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.get_purpose_display()}"


class Representation(models.Model):
    """An authorised representative: the account holder files dossiers for someone else.

    The represented person or organisation need not have an account. The declaration is the
    representative's own; the officer who receives a dossier checks the evidence (a power of
    attorney or an authorisation letter).
    """

    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="representations",
        verbose_name=_("representative"),
    )
    represented_kind = models.CharField(_("represented"), max_length=16, choices=RepresentedKind)
    represented_name = models.CharField(_("name"), max_length=300)
    represented_national_id = models.CharField(
        _("ID number"), max_length=12, blank=True, validators=[national_id_validator]
    )
    represented_tax_code = models.CharField(
        _("tax code"), max_length=14, blank=True, validators=[tax_code_validator]
    )
    scope_note = models.CharField(_("scope"), max_length=500)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to="representations/", blank=True)
    created_at = models.DateTimeField(_("declared at"), default=now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["represented_name", "pk"]
        verbose_name = _("authorised representation")
        verbose_name_plural = _("authorised representations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="accounts_representation_valid_period",
            ),
            models.CheckConstraint(
                condition=~models.Q(represented_national_id="", represented_tax_code=""),
                name="accounts_representation_identified",
            ),
        ]

    def __str__(self) -> str:
        return self.represented_name
