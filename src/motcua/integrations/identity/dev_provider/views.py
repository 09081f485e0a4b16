"""A tiny OpenID Connect provider for development and tests, served under /dev-oidc/.

It speaks the authorization-code flow with PKCE (S256 only) to exactly one client, motcua
itself, and signs ID tokens with RS256. The authorize page lists invented test identities; no
password is asked. Everything answers 404 unless DEBUG or DEV_OIDC_ENABLED is on.
"""

import base64
import binascii
import hmac
import secrets
import time
from typing import Any
from urllib.parse import unquote_plus, urlencode, urlsplit

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from joserfc import jwt

from motcua.integrations.identity import local
from motcua.integrations.identity.client import code_challenge
from motcua.integrations.identity.dev_provider.identities import TEST_IDENTITIES, find_identity
from motcua.integrations.identity.dev_provider.keys import public_key_set, signing_key

CODE_SECONDS = 120
ID_TOKEN_SECONDS = 300
_CODE_KEY = "dev-oidc:code:{}"


def _issuer(request: HttpRequest) -> str:
    return local.issuer_for(request.build_absolute_uri("/"))


def _require_enabled() -> None:
    if not local.is_enabled():
        raise Http404


@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    """/.well-known/openid-configuration"""
    _require_enabled()
    issuer = _issuer(request)
    return JsonResponse(
        {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize/",
            "token_endpoint": f"{issuer}/token/",
            "jwks_uri": f"{issuer}/jwks/",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "profile"],
            "claims_supported": ["sub", "name", "national_id", "birthdate"],
        }
    )


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    _require_enabled()
    return JsonResponse(public_key_set())


@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """The provider's sign-in page: pick a test identity (or refuse)."""
    _require_enabled()
    params = request.GET if request.method == "GET" else request.POST
    problem = _authorization_problem(request, params)
    if problem:
        # Without a trusted redirect_uri the error is shown, never sent on (RFC 6749 4.1.2.1).
        return render(
            request, "identity/dev_provider/authorize.html", {"problem": problem}, status=400
        )
    redirect_uri, state = params["redirect_uri"], params.get("state", "")
    if request.method == "POST":
        if request.POST.get("decision") != "allow":
            return _back(redirect_uri, {"error": "access_denied", "state": state})
        identity = find_identity(request.POST.get("subject", ""))
        if identity is None:
            return _page(request, params, error=True)
        code = secrets.token_urlsafe(32)
        cache.set(
            _CODE_KEY.format(code),
            {
                "subject": identity.subject,
                "client_id": params["client_id"],
                "redirect_uri": redirect_uri,
                "nonce": params.get("nonce", ""),
                "code_challenge": params["code_challenge"],
            },
            CODE_SECONDS,
        )
        return _back(redirect_uri, {"code": code, "state": state})
    return _page(request, params)


def _page(request: HttpRequest, params: Any, *, error: bool = False) -> HttpResponse:
    keep = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce"]
    keep += ["code_challenge", "code_challenge_method"]
    context = {
        "identities": TEST_IDENTITIES,
        "hidden": [(name, params.get(name, "")) for name in keep],
        "error": error,
    }
    return render(
        request, "identity/dev_provider/authorize.html", context, status=400 if error else 200
    )


def _authorization_problem(request: HttpRequest, params: Any) -> str:
    if params.get("client_id") != local.CLIENT_ID:
        return "unknown client_id"
    redirect_uri = params.get("redirect_uri", "")
    parts = urlsplit(redirect_uri)
    expected_path = reverse("identity:callback", args=[local.NAME])
    if parts.netloc != request.get_host() or parts.path != expected_path:
        return "redirect_uri is not registered for this client"
    if params.get("response_type") != "code":
        return "response_type must be code"
    if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
        return "PKCE with S256 is required"
    if "openid" not in params.get("scope", "").split():
        return "scope must include openid"
    return ""


def _back(redirect_uri: str, values: dict[str, str]) -> HttpResponse:
    separator = "&" if "?" in redirect_uri else "?"
    # Checked against the registered callback in _authorization_problem.
    return HttpResponseRedirect(f"{redirect_uri}{separator}{urlencode(values)}")


@csrf_exempt
@never_cache
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    """Exchange a code (once) for an ID token; the client proves itself and the PKCE verifier."""
    _require_enabled()
    client_id, client_secret = _client_credentials(request)
    if client_id != local.CLIENT_ID or not hmac.compare_digest(
        client_secret.encode(), local.client_secret().encode()
    ):
        return _token_error("invalid_client", status=401)
    if request.POST.get("grant_type") != "authorization_code":
        return _token_error("unsupported_grant_type")
    key = _CODE_KEY.format(request.POST.get("code", ""))
    grant = cache.get(key)
    cache.delete(key)
    if not isinstance(grant, dict) or grant["client_id"] != client_id:
        return _token_error("invalid_grant")
    if request.POST.get("redirect_uri") != grant["redirect_uri"]:
        return _token_error("invalid_grant")
    verifier = request.POST.get("code_verifier", "")
    if not 43 <= len(verifier) <= 128 or not hmac.compare_digest(
        code_challenge(verifier), grant["code_challenge"]
    ):
        return _token_error("invalid_grant")
    identity = find_identity(grant["subject"])
    if identity is None:
        return _token_error("invalid_grant")
    issued = int(time.time())
    claims = {
        "iss": _issuer(request),
        "sub": identity.subject,
        "aud": client_id,
        "iat": issued,
        "exp": issued + ID_TOKEN_SECONDS,
        "auth_time": issued,
        "nonce": grant["nonce"],
        "name": identity.name,
        "national_id": identity.national_id,
        "birthdate": identity.birthdate,
    }
    response = JsonResponse(
        {
            "access_token": secrets.token_urlsafe(32),
            "token_type": "Bearer",
            "expires_in": ID_TOKEN_SECONDS,
            "id_token": sign_id_token(claims),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def sign_id_token(claims: dict[str, Any]) -> str:
    """An RS256 JWT signed with the provider's key (tests use it to forge variants)."""
    key = signing_key()
    return jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "JWT"}, claims, key)


def _client_credentials(request: HttpRequest) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return "", ""
        client_id, _, secret = decoded.partition(":")
        return unquote_plus(client_id), unquote_plus(secret)
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


def _token_error(code: str, *, status: int = 400) -> JsonResponse:
    response = JsonResponse({"error": code}, status=status)
    response["Cache-Control"] = "no-store"
    return response
