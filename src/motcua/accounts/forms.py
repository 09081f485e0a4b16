from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from motcua.accounts.errors import ContactNotVerified
from motcua.accounts.models import User

UNVERIFIED = "unverified"


class SignInForm(AuthenticationForm):
    """Username and password; the same refusal whether the name exists or not."""

    error_messages = {
        "invalid_login": _("The username or password is not correct. Both are case-sensitive."),
        "inactive": _("The username or password is not correct. Both are case-sensitive."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length after the field is built, so it is not enforced;
        # an overlong name would reach the lockout table (255 characters on PostgreSQL).
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(self.username_field.max_length or 150))
        field.label = _("Username, ID number or tax code")

    def confirm_login_allowed(self, user: AbstractBaseUser) -> None:
        super().confirm_login_allowed(user)  # type: ignore[arg-type]
        if isinstance(user, User) and not user.is_staff_member and not user.is_contact_verified:
            # Said only after the right password: it reveals nothing to a stranger.
            raise ValidationError(str(ContactNotVerified.message), code=UNVERIFIED)


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from the authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}
        ),
    )


class SetUpCodeForm(OneTimeCodeForm):
    """The first code, which proves the app was set up with the right key."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The 6-digit code the app shows now.")
