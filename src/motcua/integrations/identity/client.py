"""motcua as an OpenID Connect client: the authorization-code flow with PKCE (RFC 7636).

`begin` makes the authorization address and the secrets the browser's session keeps (state,
nonce, code verifier); `complete` exchanges the code and verifies the ID token: RS256
signature against the provider's keys, `iss`, `aud` (and `azp`), `exp`, `iat`, `nonce`.
"""

import base64
import hashlib
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus, urlencode

import structlog
from django.core.cache import cache
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from motcua.integrations import outbound_http
from motcua.integrations.identity.base import IdentityRefused, Provider

log = structlog.get_logger(__name__)

ALGORITHMS = ["RS256"]
CLOCK_SKEW_SECONDS = 60
JWKS_CACHE_SECONDS = 3600
DISCOVERY_CACHE_SECONDS = 3600


@dataclass(frozen=True, kw_only=True)
class PendingAuthorization:
    """What the session keeps between the redirect to the provider and its answer."""

    provider: str
    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str


@dataclass(frozen=True)
class VerifiedClaims:
    claims: Mapping[str, Any]


def begin(*, provider: Provider, redirect_uri: str) -> tuple[str, PendingAuthorization]:
    """The address to send the browser to, and what to keep until it comes back."""
    pending = PendingAuthorization(
        provider=provider.name,
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        code_verifier=secrets.token_urlsafe(64),
        redirect_uri=redirect_uri,
    )
    query = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri,
        "scope": provider.scopes,
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": code_challenge(pending.code_verifier),
        "code_challenge_method": "S256",
        **provider.extra_authorization_params,
    }
    separator = "&" if "?" in provider.authorization_endpoint else "?"
    return f"{provider.authorization_endpoint}{separator}{urlencode(query)}", pending


def complete(*, provider: Provider, pending: PendingAuthorization, code: str) -> VerifiedClaims:
    """Exchange the code for tokens and return the verified ID token's claims.

    Raises IdentityRefused: token_exchange_failed, provider_unreachable, bad_signature,
    wrong_issuer, wrong_audience, expired_token, bad_nonce, missing_claims.
    """
    try:
        answer = outbound_http.post_form(
            provider.token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": pending.redirect_uri,
                "code_verifier": pending.code_verifier,
            },
            headers={"Authorization": _basic_auth(provider)},
        )
    except outbound_http.OutboundError as error:
        raise IdentityRefused("provider_unreachable") from error
    try:
        body = answer.json()
    except ValueError:
        body = None
    if answer.status != 200 or not isinstance(body, dict) or "id_token" not in body:
        error_code = body.get("error") if isinstance(body, dict) else None
        log.warning(
            "identity.token_exchange_failed",
            provider=provider.name,
            status=answer.status,
            error=str(error_code)[:40],
        )
        raise IdentityRefused("token_exchange_failed")
    claims = verify_id_token(provider=provider, id_token=str(body["id_token"]))
    if claims.get("nonce") != pending.nonce:
        raise IdentityRefused("bad_nonce")
    return VerifiedClaims(claims=claims)


def verify_id_token(*, provider: Provider, id_token: str) -> dict[str, Any]:
    """Check the ID token's signature and claims; return the claims. Raises IdentityRefused."""
    token = _decode(provider=provider, id_token=id_token)
    claims = dict(token.claims)
    if claims.get("iss") != provider.issuer:
        raise IdentityRefused("wrong_issuer")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if provider.client_id not in audiences:
        raise IdentityRefused("wrong_audience")
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise IdentityRefused("wrong_audience")
    moment = time.time()
    expires, issued = claims.get("exp"), claims.get("iat")
    if not isinstance(expires, int | float) or not isinstance(issued, int | float):
        raise IdentityRefused("missing_claims")
    if expires + CLOCK_SKEW_SECONDS < moment:
        raise IdentityRefused("expired_token")
    if issued - CLOCK_SKEW_SECONDS > moment:
        raise IdentityRefused("expired_token")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise IdentityRefused("missing_claims")
    return claims


def discover(url: str) -> dict[str, Any]:
    """The provider's discovery document, cached for an hour. Raises IdentityRefused."""
    key = f"identity:discovery:{hashlib.sha256(url.encode()).hexdigest()}"
    document = cache.get(key)
    if isinstance(document, dict):
        return document
    try:
        answer = outbound_http.get(url)
        document = answer.json() if answer.status == 200 else None
    except (outbound_http.OutboundError, ValueError) as error:
        raise IdentityRefused("provider_unreachable") from error
    if not isinstance(document, dict):
        raise IdentityRefused("provider_unreachable")
    cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _decode(*, provider: Provider, id_token: str) -> jwt.Token:
    try:
        header = jws.extract_compact(id_token.encode("ascii")).protected
    except (JoseError, ValueError, UnicodeError) as error:
        raise IdentityRefused("bad_signature") from error
    keys = _key_set(provider=provider, refresh=False)
    if header.get("kid") not in {key.kid for key in keys.keys}:
        # An unknown key id may mean the provider rotated its keys: fetch them once more.
        keys = _key_set(provider=provider, refresh=True)
    try:
        return jwt.decode(id_token, keys, algorithms=ALGORITHMS)
    except (JoseError, ValueError, TypeError) as error:
        log.warning(
            "identity.id_token_refused", provider=provider.name, reason=type(error).__name__
        )
        raise IdentityRefused("bad_signature") from error


def _key_set(*, provider: Provider, refresh: bool) -> KeySet:
    key = f"identity:jwks:{hashlib.sha256(provider.jwks_uri.encode()).hexdigest()}"
    document = None if refresh else cache.get(key)
    if not isinstance(document, dict):
        try:
            answer = outbound_http.get(provider.jwks_uri)
            document = answer.json() if answer.status == 200 else None
        except (outbound_http.OutboundError, ValueError) as error:
            raise IdentityRefused("provider_unreachable") from error
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise IdentityRefused("provider_unreachable")
        cache.set(key, document, JWKS_CACHE_SECONDS)
    try:
        return KeySet.import_key_set(document)  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError) as error:
        raise IdentityRefused("provider_unreachable") from error


def _basic_auth(provider: Provider) -> str:
    # RFC 6749 §2.3.1: form-encode the id and secret before joining them.
    pair = f"{quote_plus(provider.client_id)}:{quote_plus(provider.client_secret)}"
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
