"""The admin site, open only to staff who passed the second factor in this session."""

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from motcua.accounts.permissions import is_session_verified


class VerifiedStaffAdminSite(admin.AdminSite):
    """Django's admin site behind the two-step sign-in.

    Installed over `admin.site` by AccountsConfig.ready(), so every app's registrations stay
    as they are. The site's own password form is replaced by the accounts sign-in, which asks
    admin-site users for their second factor (or to set one up).
    """

    # motcua's own names in place of "Django administration" and "Django site admin".
    site_header = _("One-stop system administration")
    site_title = _("motcua administration")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and is_session_verified(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not (user.is_active and user.is_staff):
            # Signed in but not allowed here: saying so beats sending them round to sign in.
            raise PermissionDenied
        destination = request.GET.get(REDIRECT_FIELD_NAME) or resolve_url("admin:index")
        if self.has_permission(request):
            return redirect(resolve_url("admin:index"))
        query = urlencode({REDIRECT_FIELD_NAME: destination})
        return redirect(f"{resolve_url('accounts:login')}?{query}")
