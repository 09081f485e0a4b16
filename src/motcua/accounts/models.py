from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.choices import AccountKind
from motcua.core.clock import now

national_id_validator = RegexValidator(
    r"^\d{12}$", _("An ID number (CCCD) has exactly 12 digits."), code="invalid_national_id"
)
phone_validator = RegexValidator(
    r"^\+?\d{9,15}$", _("Enter the phone number as digits, e.g. 0912345678."), code="invalid_phone"
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
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    organization_name = models.CharField(_("organisation name"), max_length=300, blank=True)
    external_subject = models.CharField(
        _("e-identity subject"),
        max_length=255,
        blank=True,
        help_text=_("Subject identifier from the national e-identity (OpenID Connect)."),
    )

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
