"""The local test e-identity provider (`dev_provider`) as seen by motcua's client.

Served by the project itself under /dev-oidc/ when DEBUG or DEV_OIDC_ENABLED is on. Its
addresses follow the host the browser used, so sign-in works on any development address.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from motcua.integrations.identity.base import Provider

NAME = "local"
CLIENT_ID = "motcua-local"
LABEL = _("Local test e-identity (development only)")


def is_enabled() -> bool:
    return bool(settings.DEBUG or settings.DEV_OIDC_ENABLED)


def client_secret() -> str:
    """Derived from SECRET_KEY: both ends know it and no setting is needed."""
    return salted_hmac("motcua.dev_oidc.client_secret", CLIENT_ID, algorithm="sha256").hexdigest()


def issuer_for(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/dev-oidc"


def build_provider(*, base_url: str) -> Provider | None:
    if not is_enabled():
        return None
    issuer = issuer_for(base_url)
    return Provider(
        name=NAME,
        label=LABEL,
        issuer=issuer,
        client_id=CLIENT_ID,
        client_secret=client_secret(),
        authorization_endpoint=f"{issuer}/authorize/",
        token_endpoint=f"{issuer}/token/",
        jwks_uri=f"{issuer}/jwks/",
        scopes="openid profile",
        national_id_claim="national_id",
    )
