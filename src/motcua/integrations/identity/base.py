"""What every e-identity provider is: an OpenID Connect issuer and how to read its claims.

Providers differ only in configuration (issuer, endpoints, client credentials) and in the
claim that carries the ID number; the authorization-code flow with PKCE is the same for all
(`client`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, kw_only=True)
class Provider:
    """One OpenID Connect provider as motcua's client of it is configured."""

    name: str
    label: str | Promise
    issuer: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    scopes: str = "openid profile"
    national_id_claim: str = "national_id"
    name_claims: tuple[str, ...] = ("name",)
    extra_authorization_params: Mapping[str, str] = field(default_factory=dict)

    def national_id(self, claims: Mapping[str, Any]) -> str:
        value = claims.get(self.national_id_claim, "")
        return value.strip() if isinstance(value, str) else ""

    def full_name(self, claims: Mapping[str, Any]) -> str:
        for claim in self.name_claims:
            value = claims.get(claim)
            if isinstance(value, str) and value.strip():
                return value
        return ""


class IdentityRefused(Exception):
    """A sign-in through a provider that cannot be trusted or did not finish.

    `code` is stable (bad_state, bad_nonce, bad_signature, wrong_issuer, wrong_audience,
    expired_token, token_exchange_failed, provider_unreachable, provider_error,
    missing_claims, not_configured); `message` is for the person.
    """

    messages: Mapping[str, str | Promise] = {
        "bad_state": _("The sign-in could not be matched to this browser. Please start again."),
        "provider_error": _("The e-identity sign-in was cancelled or refused."),
        "provider_unreachable": _(
            "The e-identity service did not answer. Please try again in a few minutes."
        ),
        "not_configured": _("This sign-in method is not available."),
    }
    default_message = _("The e-identity sign-in could not be verified. Please start again.")

    def __init__(self, code: str) -> None:
        self.code = code
        self.message = self.messages.get(code, self.default_message)
        super().__init__(code)
