"""Who must use a second factor.

Administrators always do: superusers, users allowed into the admin site (`is_staff`) and
holders of the province administrator role. Other staff do when the deployment sets
STAFF_TWO_FACTOR_REQUIRED. Citizens and businesses sign in with a password for now.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.core.clock import today

# The role's value in organizations.choices.Role, named here so accounts need not import it.
PROVINCE_ADMIN_ROLE = "province_admin"


def is_administrator(*, user: User | AnonymousUser) -> bool:
    """Superuser, admin-site user, or holder of a current province administrator role."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    on = today()
    return (
        user.role_assignments.filter(role=PROVINCE_ADMIN_ROLE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .exists()
    )


def is_two_factor_required(*, user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if is_administrator(user=user):
        return True
    return bool(settings.STAFF_TWO_FACTOR_REQUIRED) and user.kind == AccountKind.STAFF


def has_two_factor_device(*, user: User) -> bool:
    """True once the user has confirmed an authenticator app (backup codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_session_verified(request: HttpRequest) -> bool:
    """True when this session's sign-in passed a second factor (django-otp's OTPMiddleware)."""
    check = getattr(request.user, "is_verified", None)
    return bool(check()) if callable(check) else False
