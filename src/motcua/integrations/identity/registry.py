"""The e-identity providers this deployment offers, by name."""

from motcua.integrations.identity import local, vneid
from motcua.integrations.identity.base import IdentityRefused, Provider


def get_provider(name: str, *, base_url: str) -> Provider:
    """The provider called `name`. Raises IdentityRefused (not_configured) for an unknown or
    disabled one; `base_url` is the address the browser used (for the local provider)."""
    provider: Provider | None = None
    if name == vneid.NAME:
        provider = vneid.build_provider()
    elif name == local.NAME:
        provider = local.build_provider(base_url=base_url)
    if provider is None:
        raise IdentityRefused("not_configured")
    return provider


def list_provider_choices() -> list[tuple[str, str]]:
    """(name, label) of every enabled provider, cheaply: no discovery document is fetched."""
    modules = [vneid, local]
    return [(module.NAME, str(module.LABEL)) for module in modules if module.is_enabled()]
