"""The key providers, by the `KeyFormat` code stored with each credential."""

from motcua.integrations.signing.base import KeyProvider
from motcua.integrations.signing.pem import PemProvider
from motcua.integrations.signing.pkcs12 import Pkcs12Provider
from motcua.results.errors import ResultRefused

_providers: dict[str, KeyProvider] = {}


def register(provider: KeyProvider) -> None:
    _providers[provider.code] = provider


def get_provider(code: str) -> KeyProvider:
    """The provider for a key format. Raises ResultRefused (`unknown_key_format`)."""
    provider = _providers.get(code)
    if provider is None:
        raise ResultRefused(
            "unknown_key_format",
            message_vi=f"Không hỗ trợ loại khóa ký “{code}”.",
            message_en=f"Signing keys of kind “{code}” are not supported.",
        )
    return provider


register(Pkcs12Provider())
register(PemProvider())
