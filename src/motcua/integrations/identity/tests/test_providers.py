"""Which providers are offered, and VNeID configured from its discovery document or settings."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from motcua.integrations.identity.base import IdentityRefused
from motcua.integrations.identity.registry import get_provider, list_provider_choices
from motcua.integrations.outbound_http import using_transport
from motcua.integrations.testing import TestClientTransport

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vneid(settings: Any) -> Any:
    settings.VNEID_ENABLED = True
    settings.VNEID_CLIENT_ID = "motcua-khanh-hoa"
    settings.VNEID_CLIENT_SECRET = "s"
    settings.VNEID_NATIONAL_ID_CLAIM = "identification_number"
    return settings


def test_vneid_reads_its_endpoints_from_the_discovery_document(vneid: Any) -> None:
    # given VNeID configured by a discovery address (here the local provider's document)
    vneid.DEV_OIDC_ENABLED = True
    vneid.VNEID_DISCOVERY_URL = f"{BASE}/dev-oidc/.well-known/openid-configuration"
    # when the provider is built
    with using_transport(TestClientTransport()):
        provider = get_provider("vneid", base_url=BASE)
    # then issuer and endpoints come from the document, the claim name from the settings
    assert provider.issuer == f"{BASE}/dev-oidc"
    assert provider.token_endpoint == f"{BASE}/dev-oidc/token/"
    assert provider.jwks_uri == f"{BASE}/dev-oidc/jwks/"
    assert provider.national_id({"identification_number": "056190000101"}) == "056190000101"


def test_vneid_takes_its_endpoints_from_the_settings_without_discovery(vneid: Any) -> None:
    vneid.VNEID_ISSUER = "https://sso.example.gov.vn"
    vneid.VNEID_AUTHORIZATION_ENDPOINT = "https://sso.example.gov.vn/authorize"
    vneid.VNEID_TOKEN_ENDPOINT = "https://sso.example.gov.vn/token"
    vneid.VNEID_JWKS_URI = "https://sso.example.gov.vn/jwks"
    provider = get_provider("vneid", base_url=BASE)
    assert provider.authorization_endpoint == "https://sso.example.gov.vn/authorize"


def test_vneid_without_endpoints_is_not_configured(vneid: Any) -> None:
    with pytest.raises(IdentityRefused) as refusal:
        get_provider("vneid", base_url=BASE)
    assert refusal.value.code == "not_configured"


def test_an_unreachable_discovery_document_is_said_so(vneid: Any) -> None:
    vneid.VNEID_DISCOVERY_URL = "https://sso.example.gov.vn/.well-known/openid-configuration"
    with (
        using_transport(TestClientTransport(drop=lambda request: True)),
        pytest.raises(IdentityRefused) as refusal,
    ):
        get_provider("vneid", base_url=BASE)
    assert refusal.value.code == "provider_unreachable"


@pytest.mark.parametrize(
    ("vneid_on", "local_on", "offered"),
    [
        (False, False, []),
        (True, False, ["vneid"]),
        (False, True, ["local"]),
        (True, True, ["vneid", "local"]),
    ],
)
def test_only_enabled_providers_are_offered(
    settings: Any, vneid_on: bool, local_on: bool, offered: list[str]
) -> None:
    settings.VNEID_ENABLED = vneid_on
    settings.VNEID_CLIENT_ID = "motcua" if vneid_on else ""
    settings.DEV_OIDC_ENABLED = local_on
    settings.DEBUG = False
    assert [name for name, _label in list_provider_choices()] == offered


def test_an_unknown_provider_is_not_configured() -> None:
    with pytest.raises(IdentityRefused):
        get_provider("facebook", base_url=BASE)
