from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Sign-in through OpenID Connect providers (VNeID) and the local test provider."""

    name = "motcua.integrations.identity"
    label = "identity"
