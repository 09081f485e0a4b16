from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Sign-in through OpenID Connect providers (VNeID) and the local test provider."""

    name = "motcua.integrations.identity"
    label = "identity"
    verbose_name = _("Electronic identity sign-in")
