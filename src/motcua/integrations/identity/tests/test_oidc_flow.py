"""Signing in through the local test e-identity provider, end to end through the test client.

The browser is one test client; motcua's server-to-server calls (token, keys) reach the
provider's views through another (TestClientTransport), so nothing leaves the process.
"""

import base64
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from joserfc import jwt
from joserfc.jwk import RSAKey

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.integrations.identity import local
from motcua.integrations.identity.dev_provider.identities import TEST_IDENTITIES
from motcua.integrations.identity.dev_provider.views import sign_id_token
from motcua.integrations.outbound_http import OutboundRequest, OutboundResponse, using_transport
from motcua.integrations.testing import TestClientTransport

pytestmark = pytest.mark.django_db

HOA = TEST_IDENTITIES[0]
START = reverse("identity:start", args=["local"])
CALLBACK = reverse("identity:callback", args=["local"])
ISSUER = "http://testserver/dev-oidc"
Rewrite = Callable[[OutboundRequest, OutboundResponse], OutboundResponse]


@pytest.fixture(autouse=True)
def _local_provider(settings: Any) -> None:
    settings.DEV_OIDC_ENABLED = True
    settings.DEV_OIDC_KEY_FILE = ""


@pytest.fixture
def transport() -> Iterator[TestClientTransport]:
    with using_transport(TestClientTransport()) as answering:
        yield answering  # type: ignore[misc]


def at_provider(browser: Client, *, start: str = START) -> tuple[str, dict[str, str]]:
    """Start a sign-in; return the provider's page address and its hidden fields."""
    response = browser.get(start)
    assert response.status_code == 302
    address = response["Location"]
    assert address.startswith(f"{ISSUER}/authorize/?")
    page = browser.get(address)
    assert page.status_code == 200
    fields = dict(page.context["hidden"])
    return address, fields


def choose(browser: Client, *, subject: str = HOA.subject, decision: str = "allow") -> str:
    """Pick an identity at the provider; return the callback address it sends the browser to."""
    address, fields = at_provider(browser)
    response = browser.post(address, fields | {"subject": subject, "decision": decision})
    assert response.status_code == 302
    return str(response["Location"])


def signed_in(browser: Client) -> User | None:
    user_id = browser.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def replacing_id_token(change: Callable[[dict[str, Any]], str]) -> Rewrite:
    """A transport rewrite that swaps the ID token the provider issued for `change(claims)`."""

    def rewrite(request: OutboundRequest, response: OutboundResponse) -> OutboundResponse:
        if not request.url.endswith("/token/") or response.status != 200:
            return response
        body = response.json()
        payload = body["id_token"].split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        body["id_token"] = change(claims)
        return OutboundResponse(status=200, body=json.dumps(body).encode(), headers={})

    return rewrite


def sign_in_with_rewrite(browser: Client, rewrite: Rewrite) -> Any:
    callback = choose(browser)
    with using_transport(TestClientTransport(rewrite=rewrite)):
        return browser.get(callback)


def test_a_first_sign_in_opens_a_citizen_account_with_the_id_number(
    browser: Client, transport: TestClientTransport
) -> None:
    # when a person signs in through the provider as a test identity
    response = browser.get(choose(browser))
    # then they are signed in to a new citizen account holding the claimed ID number
    assert response.status_code == 302
    user = signed_in(browser)
    assert user is not None
    assert (user.kind, user.national_id, user.full_name) == ("citizen", HOA.national_id, HOA.name)
    assert user.external_subject == f"local:{HOA.subject}"
    assert [request.url.rsplit("/dev-oidc", 1)[1] for request in transport.sent] == [
        "/token/",
        "/jwks/",
    ]


def test_a_second_sign_in_finds_the_same_account(
    browser: Client, transport: TestClientTransport
) -> None:
    browser.get(choose(browser))
    first = signed_in(browser)
    other = Client()
    other.get(choose(other))
    assert signed_in(other) == first
    assert User.objects.filter(external_subject__startswith="local:").count() == 1


def test_a_callback_with_an_unknown_state_is_refused(
    browser: Client, transport: TestClientTransport
) -> None:
    callback = choose(browser)
    query = parse_qs(urlsplit(callback).query)
    response = browser.get(CALLBACK, {"code": query["code"][0], "state": "forged"})
    assert response.status_code == 400
    assert response.context["code"] == "bad_state"
    assert signed_in(browser) is None


def test_a_callback_from_another_browser_is_refused(
    browser: Client, transport: TestClientTransport
) -> None:
    # given a code and state issued to one browser (login CSRF)
    callback = choose(browser)
    # when another browser brings them, then its session knows no such state
    stranger = Client()
    response = stranger.get(callback)
    assert response.status_code == 400
    assert signed_in(stranger) is None


def test_a_replayed_callback_is_refused(browser: Client, transport: TestClientTransport) -> None:
    callback = choose(browser)
    browser.get(callback)
    browser.logout()
    response = browser.get(callback)
    assert response.status_code == 400
    assert response.context["code"] == "bad_state"


def test_a_token_with_another_nonce_is_refused(browser: Client) -> None:
    response = sign_in_with_rewrite(
        browser, replacing_id_token(lambda claims: sign_id_token(claims | {"nonce": "other"}))
    )
    assert response.status_code == 400
    assert response.context["code"] == "bad_nonce"
    assert signed_in(browser) is None


def test_a_tampered_token_is_refused(browser: Client) -> None:
    def tampered(claims: dict[str, Any]) -> str:
        header, _payload, signature = sign_id_token(claims).split(".")
        forged = base64.urlsafe_b64encode(
            json.dumps(claims | {"national_id": "001099999999"}).encode()
        )
        return f"{header}.{forged.decode().rstrip('=')}.{signature}"

    response = sign_in_with_rewrite(browser, replacing_id_token(tampered))
    assert response.status_code == 400
    assert response.context["code"] == "bad_signature"
    assert not User.objects.filter(national_id="001099999999").exists()


def test_an_unsigned_token_is_refused(browser: Client) -> None:
    def unsigned(claims: dict[str, Any]) -> str:
        def part(value: dict[str, Any]) -> str:
            return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

        return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."

    response = sign_in_with_rewrite(browser, replacing_id_token(unsigned))
    assert response.status_code == 400
    assert response.context["code"] == "bad_signature"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"aud": "someone-else"}, "wrong_audience"),
        ({"aud": [local.CLIENT_ID, "someone-else"]}, "wrong_audience"),
        ({"iss": "http://evil.example/dev-oidc"}, "wrong_issuer"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired_token"),
        ({"iat": int(time.time()) + 3600}, "expired_token"),
        ({"sub": ""}, "missing_claims"),
    ],
)
def test_a_validly_signed_token_with_a_wrong_claim_is_refused(
    browser: Client, changes: dict[str, Any], code: str
) -> None:
    response = sign_in_with_rewrite(
        browser, replacing_id_token(lambda claims: sign_id_token(claims | changes))
    )
    assert response.status_code == 400
    assert response.context["code"] == code
    assert signed_in(browser) is None


def test_refusing_at_the_provider_signs_nobody_in(
    browser: Client, transport: TestClientTransport
) -> None:
    response = browser.get(choose(browser, decision="deny"))
    assert response.status_code == 400
    assert response.context["code"] == "provider_error"
    assert transport.sent == []


def test_an_existing_password_account_with_the_id_number_is_asked_to_link(
    browser: Client, transport: TestClientTransport
) -> None:
    UserFactory(national_id=HOA.national_id)
    response = browser.get(choose(browser))
    assert response.status_code == 409
    assert signed_in(browser) is None


def test_a_signed_in_citizen_links_the_identity_from_the_profile(
    browser: Client, transport: TestClientTransport
) -> None:
    # given a password account holding the identity's ID number, signed in
    owner = UserFactory(national_id=HOA.national_id)
    browser.force_login(owner)
    # when they link the e-identity
    address, fields = at_provider(browser, start=f"{START}?intent=link")
    callback = browser.post(address, fields | {"subject": HOA.subject, "decision": "allow"})
    response = browser.get(callback["Location"])
    # then the account now signs in through the provider too
    assert response["Location"] == reverse("applicant:profile")
    owner.refresh_from_db()
    assert owner.external_subject == f"local:{HOA.subject}"


def test_a_citizen_with_an_authenticator_app_still_enters_a_code(
    browser: Client, transport: TestClientTransport
) -> None:
    owner = UserFactory(national_id=HOA.national_id, external_subject=f"local:{HOA.subject}")
    TOTPDevice.objects.create(user=owner, name="authenticator app", confirmed=True)
    response = browser.get(choose(browser))
    assert response["Location"] == reverse("accounts:verify")
    assert signed_in(browser) is None


def test_the_provider_answers_404_unless_enabled(client: Client, settings: Any) -> None:
    settings.DEV_OIDC_ENABLED = False
    settings.DEBUG = False
    assert client.get(reverse("dev-oidc:jwks")).status_code == 404
    assert client.get(START).status_code == 404


def test_the_provider_publishes_its_configuration(client: Client) -> None:
    document = client.get(reverse("dev-oidc:discovery")).json()
    assert document["issuer"] == ISSUER
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert client.get(reverse("dev-oidc:jwks")).json()["keys"][0]["alg"] == "RS256"


def test_a_token_signed_by_another_key_is_refused(browser: Client) -> None:
    stranger_key = RSAKey.generate_key(2048, parameters={"kid": "stranger"})

    def signed_elsewhere(claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "kid": "stranger"}, claims, stranger_key)

    response = sign_in_with_rewrite(browser, replacing_id_token(signed_elsewhere))
    assert response.status_code == 400
    assert response.context["code"] == "bad_signature"
    assert signed_in(browser) is None
