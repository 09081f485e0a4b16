"""The sign-in's third-party apps (django-otp, django-axes) under Vietnamese names.

Their own labels are bare ("Otp_Totp", "Axes") and django-axes ships no Vietnamese catalogue.
Django's documented way to rename another project's app is a subclass of its AppConfig named in
INSTALLED_APPS; django-axes's own strings are listed below so that `makemessages` puts them in
motcua's catalogue, whose translations then apply wherever django-axes asks for them.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpConfig


class AuthenticatorAppsConfig(OtpTotpConfig):
    verbose_name = _("Authenticator apps")


class BackupCodesConfig(OtpStaticConfig):
    verbose_name = _("Backup codes")


class SignInAttemptsConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")


# django-axes's msgids as its models and admin pages use them (checked against its source by
# accounts/tests/test_third_party_apps.py).
AXES_MESSAGES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("Path"),
    gettext_noop("POST Data"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
)
