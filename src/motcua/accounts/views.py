"""Signing in: password, then a second factor (or setting one up), then backup codes once."""

import structlog
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from motcua.accounts.authenticator import qr_code_svg, secret_in_groups
from motcua.accounts.errors import AccountError, AlreadyEnrolled, ContactNotVerified
from motcua.accounts.forms import UNVERIFIED, OneTimeCodeForm, SetUpCodeForm, SignInForm
from motcua.accounts.lockout import lockout_response
from motcua.accounts.models import User
from motcua.accounts.pending_sign_in import (
    BACKUP_CODES_SESSION_KEY,
    begin_pending_sign_in,
    begin_pending_verification,
    complete_sign_in,
    get_pending_sign_in,
)
from motcua.accounts.permissions import has_two_factor_device, is_two_factor_required
from motcua.accounts.queries import count_backup_codes, get_unconfirmed_totp_device
from motcua.accounts.services import (
    confirm_totp_device,
    enrol_totp_device,
    verify_second_factor,
)

log = structlog.get_logger(__name__)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Step one: username and password (failures count towards the lockout)."""
    next_url = _next_url(request)
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if has_two_factor_device(user=user):
            begin_pending_sign_in(request, user=user, next_url=next_url)
            return redirect("accounts:verify")
        if is_two_factor_required(user=user):
            begin_pending_sign_in(request, user=user, next_url=next_url)
            return redirect("accounts:enrol")
        login(request, user)
        log.info("account.signed_in", user_id=user.pk, second_factor=False)
        return redirect(next_url)
    if request.method == "POST" and form.has_error(NON_FIELD_ERRORS, UNVERIFIED):
        begin_pending_verification(request, user=form.get_user())
        messages.info(request, str(ContactNotVerified.message))
        return redirect("applicant:verify")
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the authenticator app or a backup code."""
    pending = get_pending_sign_in(request)
    if pending is None:
        messages.info(request, _("The sign-in took too long. Please sign in again."))
        return redirect("accounts:login")
    credentials = {"username": pending.user.get_username()}
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, None, credentials)
        try:
            device = verify_second_factor(user=pending.user, code=form.cleaned_data["code"])
        except AccountError as error:
            form.add_error("code", str(error.message))
            # Wrong codes count towards the same lockout as wrong passwords.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        else:
            complete_sign_in(request, pending=pending, device=device)
            log.info("account.signed_in", user_id=pending.user.pk, second_factor=True)
            return redirect(pending.next_url)
    return render(request, "accounts/verify.html", {"form": form})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: during a sign-in that requires one, or when signed in."""
    pending = get_pending_sign_in(request)
    user: User | None = pending.user if pending else _signed_in_user(request)
    if user is None:
        return redirect(f"{resolve_url('accounts:login')}?next={request.path}")
    if has_two_factor_device(user=user):
        return redirect("accounts:verify" if pending else "accounts:two-factor")
    form = SetUpCodeForm(request.POST if request.POST.get("action") == "confirm" else None)
    if request.method == "POST" and request.POST.get("action") == "start":
        enrol_totp_device(user=user)
        return redirect("accounts:enrol")
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = confirm_totp_device(user=user, code=form.cleaned_data["code"])
        except AlreadyEnrolled:
            return redirect("accounts:two-factor")
        except AccountError as error:
            form.add_error("code", str(error.message))
        else:
            if pending is not None:
                complete_sign_in(request, pending=pending, device=confirmed.device)
                log.info("account.signed_in", user_id=user.pk, second_factor=True)
                next_url = pending.next_url
            else:
                otp_login(request, confirmed.device)
                next_url = resolve_url("accounts:two-factor")
            request.session[BACKUP_CODES_SESSION_KEY] = {
                "codes": confirmed.backup_codes,
                "next": next_url,
            }
            return redirect("accounts:backup-codes")
    device = get_unconfirmed_totp_device(user=user)
    context = {"form": form, "device": device, "required": is_two_factor_required(user=user)}
    if device is not None:
        context |= {
            "qr_code": qr_code_svg(device=device),
            "secret": secret_in_groups(device=device),
        }
    return render(request, "accounts/enrol.html", context)


@never_cache
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes, shown once right after they were made; afterwards only their count."""
    fresh = request.session.pop(BACKUP_CODES_SESSION_KEY, None) or {}
    user = _signed_in_user(request)
    context = {
        "codes": fresh.get("codes"),
        "next_url": fresh.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL),
        "left": count_backup_codes(user=user) if user else 0,
    }
    return render(request, "accounts/backup_codes.html", context)


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Where a signed-in person sees whether a second factor protects the account."""
    user = _signed_in_user(request)
    enrolled = user is not None and has_two_factor_device(user=user)
    context = {
        "enrolled": enrolled,
        "left": count_backup_codes(user=user) if user else 0,
        "required": user is not None and is_two_factor_required(user=user),
    }
    return render(request, "accounts/two_factor.html", context)


def _signed_in_user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None
