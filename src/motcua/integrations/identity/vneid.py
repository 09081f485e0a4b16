"""The national e-identity (VNeID) as an OpenID Connect provider, configured by VNEID_* settings.

Endpoints come from the discovery document when VNEID_DISCOVERY_URL is set, else from the
individual settings. The claim carrying the ID number is a setting: the provider's claim set is
given to each relying party with its client registration. [check]
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.integrations.identity.base import IdentityRefused, Provider
from motcua.integrations.identity.client import discover

NAME = "vneid"
LABEL = _("VNeID (national e-identity)")


def is_enabled() -> bool:
    return bool(settings.VNEID_ENABLED and settings.VNEID_CLIENT_ID)


def build_provider() -> Provider | None:
    """The VNeID provider, or None when it is not enabled. Raises IdentityRefused
    (provider_unreachable) when the discovery document cannot be read."""
    if not is_enabled():
        return None
    issuer = settings.VNEID_ISSUER
    endpoints = {
        "authorization_endpoint": settings.VNEID_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.VNEID_TOKEN_ENDPOINT,
        "jwks_uri": settings.VNEID_JWKS_URI,
    }
    if settings.VNEID_DISCOVERY_URL:
        document = discover(settings.VNEID_DISCOVERY_URL)
        issuer = issuer or str(document.get("issuer", ""))
        endpoints = {key: value or str(document.get(key, "")) for key, value in endpoints.items()}
    if not issuer or not all(endpoints.values()):
        raise IdentityRefused("not_configured")
    return Provider(
        name=NAME,
        label=LABEL,
        issuer=issuer,
        client_id=settings.VNEID_CLIENT_ID,
        client_secret=settings.VNEID_CLIENT_SECRET,
        scopes=settings.VNEID_SCOPES,
        national_id_claim=settings.VNEID_NATIONAL_ID_CLAIM,
        name_claims=("name", "full_name"),
        authorization_endpoint=endpoints["authorization_endpoint"],
        token_endpoint=endpoints["token_endpoint"],
        jwks_uri=endpoints["jwks_uri"],
    )
