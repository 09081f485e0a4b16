"""A sign-in between its two steps: the password was right, the second factor is still due.

The session holds who is signing in for ten minutes; nobody is logged in until the second
factor (or the set-up of one) succeeds. Likewise a new citizen or business account waits, for
an hour, for the code sent to its e-mail or phone.
"""

from dataclasses import dataclass

from django.contrib.auth import login
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.models import Device

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.core.clock import now

SESSION_KEY = "accounts.pending_sign_in"
BACKUP_CODES_SESSION_KEY = "accounts.backup_codes"
VERIFICATION_SESSION_KEY = "accounts.pending_verification"
PENDING_SECONDS = 600
# Long enough to fetch a code from another device, short enough for a shared kiosk.
PENDING_VERIFICATION_SECONDS = 3600


@dataclass(frozen=True)
class PendingSignIn:
    user: User
    backend: str
    next_url: str


def begin_pending_sign_in(request: HttpRequest, *, user: User, next_url: str) -> None:
    # A new session key: whoever planted the old one must not inherit the half-done sign-in.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "user_id": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "started_at": now().timestamp(),
        "next": next_url,
    }


def get_pending_sign_in(request: HttpRequest) -> PendingSignIn | None:
    """The sign-in in progress, or None (none started, expired, or the user was deactivated)."""
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict) or not isinstance(state.get("user_id"), int):
        return None
    if now().timestamp() - float(state.get("started_at", 0)) > PENDING_SECONDS:
        clear_pending_sign_in(request)
        return None
    user = User.objects.filter(pk=state["user_id"], is_active=True).first()
    if user is None:
        clear_pending_sign_in(request)
        return None
    return PendingSignIn(user=user, backend=str(state["backend"]), next_url=str(state["next"]))


def clear_pending_sign_in(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def complete_sign_in(request: HttpRequest, *, pending: PendingSignIn, device: Device) -> None:
    """Log the user in, marked as verified by `device`."""
    clear_pending_sign_in(request)
    login(request, pending.user, backend=pending.backend)
    otp_login(request, device)


def begin_pending_verification(request: HttpRequest, *, user: User) -> None:
    """Remember whose registration (or first sign-in) waits for the code sent to them."""
    request.session[VERIFICATION_SESSION_KEY] = {
        "user_id": user.pk,
        "started_at": now().timestamp(),
    }


def get_pending_verification(request: HttpRequest) -> User | None:
    """The citizen or business account waiting for its code in this session, or None."""
    state = request.session.get(VERIFICATION_SESSION_KEY)
    if not isinstance(state, dict) or not isinstance(state.get("user_id"), int):
        return None
    if now().timestamp() - float(state.get("started_at", 0)) > PENDING_VERIFICATION_SECONDS:
        clear_pending_verification(request)
        return None
    return (
        User.objects.filter(pk=state["user_id"], is_active=True)
        .exclude(kind=AccountKind.STAFF)
        .first()
    )


def clear_pending_verification(request: HttpRequest) -> None:
    request.session.pop(VERIFICATION_SESSION_KEY, None)
