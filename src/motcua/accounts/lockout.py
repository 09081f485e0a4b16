"""The page shown when an account is locked after repeated failed sign-ins (AXES_LOCKOUT_CALLABLE).

It names the moment sign-in reopens. Axes locks unknown usernames too, so the page reveals
nothing about which accounts exist.
"""

import math
from datetime import datetime
from typing import Any

import structlog
from axes.helpers import get_client_username
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.forms import SignInForm
from motcua.accounts.pending_sign_in import clear_pending_sign_in
from motcua.accounts.queries import get_lockout_ends_at
from motcua.core.clock import format_moment, now

log = structlog.get_logger(__name__)

LOCKED_STATUS = 429


def lockout_message(*, ends_at: datetime | None) -> str:
    if ends_at is None:
        return _("Too many failed sign-in attempts. The account is locked; try again later.")
    return _(
        "Too many failed sign-in attempts. The account is locked; try again after %(moment)s."
    ) % {"moment": format_moment(ends_at)}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The sign-in page with the lockout message, status 429 and Retry-After."""
    clear_pending_sign_in(request)
    username = get_client_username(request, credentials)
    ends_at = get_lockout_ends_at(username=str(username)) if username else None
    log.warning("account.sign_in_locked_out", path=request.path)
    response = render(
        request,
        "accounts/login.html",
        {"form": SignInForm(request), "locked_message": lockout_message(ends_at=ends_at)},
        status=LOCKED_STATUS,
    )
    if ends_at is not None:
        response["Retry-After"] = str(max(1, math.ceil((ends_at - now()).total_seconds())))
    return response
