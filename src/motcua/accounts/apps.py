from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib import admin

        from motcua.accounts.admin_site import VerifiedStaffAdminSite

        # django-otp's documented way to guard the default site; registrations are kept.
        admin.site.__class__ = VerifiedStaffAdminSite
