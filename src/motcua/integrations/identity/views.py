"""Signing in (or linking an account) through an e-identity provider.

GET start: remember state, nonce and PKCE verifier in the session, send the browser to the
provider. GET callback: match the state, exchange the code, verify the ID token, then sign the
citizen in (through the second factor if they set one up) or link the identity to the account.
"""

import time
from dataclasses import asdict
from typing import Any

import structlog
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from motcua.accounts.choices import AccountKind
from motcua.accounts.citizen_services import ProvedIdentity, link_identity, sign_in_with_identity
from motcua.accounts.errors import AccountError
from motcua.accounts.models import User
from motcua.accounts.pending_sign_in import begin_pending_sign_in
from motcua.accounts.permissions import has_two_factor_device
from motcua.integrations.identity import client
from motcua.integrations.identity.base import IdentityRefused
from motcua.integrations.identity.registry import get_provider

log = structlog.get_logger(__name__)

SESSION_KEY = "identity.pending"
PENDING_SECONDS = 600
MAX_PENDING = 5
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
INTENT_SIGN_IN = "sign_in"
INTENT_LINK = "link"


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@never_cache
@require_GET
def start(request: HttpRequest, provider: str) -> HttpResponse:
    """Send the browser to the provider's sign-in page."""
    intent = INTENT_LINK if request.GET.get("intent") == INTENT_LINK else INTENT_SIGN_IN
    if intent == INTENT_LINK and not request.user.is_authenticated:
        return redirect(f"{resolve_url('accounts:login')}?next={request.get_full_path()}")
    try:
        chosen = get_provider(provider, base_url=_base_url(request))
    except IdentityRefused as refusal:
        return _refused(request, refusal, status=404)
    redirect_uri = request.build_absolute_uri(reverse("identity:callback", args=[chosen.name]))
    address, pending = client.begin(provider=chosen, redirect_uri=redirect_uri)
    kept = request.session.get(SESSION_KEY)
    flows: list[dict[str, Any]] = [
        flow
        for flow in (kept if isinstance(kept, list) else [])
        if isinstance(flow, dict) and time.time() - flow.get("started_at", 0) < PENDING_SECONDS
    ][-(MAX_PENDING - 1) :]
    flows.append(
        asdict(pending) | {"started_at": time.time(), "intent": intent, "next": _next_url(request)}
    )
    request.session[SESSION_KEY] = flows
    return redirect(address)


@never_cache
@require_GET
def callback(request: HttpRequest, provider: str) -> HttpResponse:
    """The provider sends the browser back here with a code (or an error) and the state."""
    state = request.GET.get("state", "")
    flow = _take_flow(request, state=state, provider=provider)
    try:
        if flow is None:
            raise IdentityRefused("bad_state")
        if request.GET.get("error") or not request.GET.get("code"):
            raise IdentityRefused("provider_error")
        chosen = get_provider(provider, base_url=_base_url(request))
        pending = client.PendingAuthorization(
            provider=flow["provider"],
            state=flow["state"],
            nonce=flow["nonce"],
            code_verifier=flow["code_verifier"],
            redirect_uri=flow["redirect_uri"],
        )
        verified = client.complete(provider=chosen, pending=pending, code=request.GET["code"])
    except IdentityRefused as refusal:
        log.warning("identity.sign_in_refused", provider=provider[:20], reason=refusal.code)
        return _refused(request, refusal)
    identity = ProvedIdentity(
        provider=chosen.name,
        subject=str(verified.claims["sub"]),
        national_id=chosen.national_id(verified.claims),
        full_name=chosen.full_name(verified.claims),
    )
    if flow["intent"] == INTENT_LINK:
        return _link(request, identity=identity, next_url=flow["next"])
    return _sign_in(request, identity=identity, next_url=flow["next"])


def _sign_in(request: HttpRequest, *, identity: ProvedIdentity, next_url: str) -> HttpResponse:
    try:
        user = sign_in_with_identity(identity=identity)
    except AccountError as error:
        return render(request, "identity/refused.html", {"message": error.message}, status=409)
    if user.kind == AccountKind.STAFF or not user.is_active:
        return _refused(request, IdentityRefused("not_configured"), status=403)
    if has_two_factor_device(user=user):
        user.backend = _MODEL_BACKEND
        begin_pending_sign_in(request, user=user, next_url=next_url)
        return redirect("accounts:verify")
    login(request, user, backend=_MODEL_BACKEND)
    log.info("account.signed_in", user_id=user.pk, provider=identity.provider)
    return redirect(next_url)


def _link(request: HttpRequest, *, identity: ProvedIdentity, next_url: str) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return _refused(request, IdentityRefused("bad_state"))
    try:
        link_identity(user=user, identity=identity)
    except AccountError as error:
        return render(request, "identity/refused.html", {"message": error.message}, status=409)
    messages.success(request, _("Your e-identity is now linked to this account."))
    return redirect("applicant:profile")


def _take_flow(request: HttpRequest, *, state: str, provider: str) -> dict[str, Any] | None:
    """The pending flow this state belongs to, removed from the session (a state works once)."""
    flows = request.session.get(SESSION_KEY, [])
    if not isinstance(flows, list) or not state:
        return None
    found = None
    kept = []
    for flow in flows:
        if not isinstance(flow, dict):
            continue
        if flow.get("state") == state and flow.get("provider") == provider:
            found = flow
        else:
            kept.append(flow)
    request.session[SESSION_KEY] = kept
    if found is None or time.time() - found.get("started_at", 0) > PENDING_SECONDS:
        return None
    return found


def _next_url(request: HttpRequest) -> str:
    candidate = request.GET.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url("applicant:profile")


def _refused(request: HttpRequest, refusal: IdentityRefused, *, status: int = 400) -> HttpResponse:
    return render(
        request,
        "identity/refused.html",
        {"message": refusal.message, "code": refusal.code},
        status=status,
    )
