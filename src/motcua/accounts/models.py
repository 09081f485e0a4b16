from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.choices import AccountKind


class User(AbstractUser):
    """A person who signs in: staff, a citizen or a business's representative.

    National ID numbers and phones are personal data: never logged, shown masked in lists.
    """

    kind = models.CharField(
        _("kind"), max_length=16, choices=AccountKind, default=AccountKind.CITIZEN
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    national_id = models.CharField(
        _("ID number"), max_length=12, blank=True, help_text=_("12-digit citizen ID (CCCD).")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    organization_name = models.CharField(_("organisation name"), max_length=300, blank=True)
    external_subject = models.CharField(
        _("e-identity subject"),
        max_length=255,
        blank=True,
        help_text=_("Subject identifier from the national e-identity (OpenID Connect)."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="accounts_user_unique_national_id",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_staff_member(self) -> bool:
        return self.kind == AccountKind.STAFF
