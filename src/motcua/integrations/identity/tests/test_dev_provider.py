"""The local provider's token endpoint keeps the rules a real one keeps: client secret, PKCE,
one use per code, the registered redirect address."""

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from motcua.core.page_checks import check_page
from motcua.integrations.identity import local
from motcua.integrations.identity.client import code_challenge

pytestmark = pytest.mark.django_db

VERIFIER = "v" * 64
REDIRECT = "http://testserver" + reverse("identity:callback", args=["local"])
TOKEN = reverse("dev-oidc:token")


@pytest.fixture(autouse=True)
def _local_provider(settings: Any) -> None:
    settings.DEV_OIDC_ENABLED = True
    settings.DEV_OIDC_KEY_FILE = ""


def authorization(**changes: str) -> dict[str, str]:
    return {
        "client_id": local.CLIENT_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid profile",
        "state": "s",
        "nonce": "n",
        "code_challenge": code_challenge(VERIFIER),
        "code_challenge_method": "S256",
    } | changes


def issued_code(client: Client) -> str:
    address = f"{reverse('dev-oidc:authorize')}?{urlencode(authorization())}"
    response = client.post(
        address, authorization() | {"subject": "test-citizen-1", "decision": "allow"}
    )
    return parse_qs(urlsplit(response["Location"]).query)["code"][0]


def exchange(client: Client, code: str, **changes: str) -> Any:
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": VERIFIER,
        "client_id": local.CLIENT_ID,
        "client_secret": local.client_secret(),
    } | changes
    return client.post(TOKEN, body)


def test_a_code_is_exchanged_once(client: Client) -> None:
    code = issued_code(client)
    assert exchange(client, code).status_code == 200
    second = exchange(client, code)
    assert (second.status_code, second.json()) == (400, {"error": "invalid_grant"})


@pytest.mark.parametrize(
    ("changes", "status", "error"),
    [
        ({"code_verifier": "w" * 64}, 400, "invalid_grant"),
        ({"redirect_uri": "http://testserver/elsewhere/"}, 400, "invalid_grant"),
        ({"client_secret": "guess"}, 401, "invalid_client"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
    ],
)
def test_a_token_request_breaking_a_rule_is_refused(
    client: Client, changes: dict[str, str], status: int, error: str
) -> None:
    response = exchange(client, issued_code(client), **changes)
    assert (response.status_code, response.json()) == (status, {"error": error})


@pytest.mark.parametrize(
    "changes",
    [
        {"redirect_uri": "http://evil.example/tai-khoan/dinh-danh/local/callback/"},
        {"client_id": "stranger"},
        {"code_challenge_method": "plain"},
        {"scope": "profile"},
    ],
)
def test_an_authorization_request_breaking_a_rule_is_shown_not_redirected(
    client: Client, changes: dict[str, str]
) -> None:
    response = client.get(reverse("dev-oidc:authorize"), authorization(**changes))
    assert response.status_code == 400
    assert response.context["problem"]


def test_the_provider_page_passes_the_basic_checks(client: Client) -> None:
    response = client.get(reverse("dev-oidc:authorize"), authorization())
    assert response.status_code == 200
    assert check_page(response.content.decode()).problems == []
