"""GET /api/v1/me with a bearer token or a browser session; refusals as JSON."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import ApiToken, User
from motcua.accounts.services import issue_api_token, revoke_api_token
from motcua.accounts.testing import sign_in_verified
from motcua.accounts.tests.factories import UserFactory
from motcua.core.clock import now
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


@pytest.fixture
def officer() -> User:
    officer = UserFactory(username="canbo", staff=True, full_name="Trần Thị Bình")
    RoleAssignment.objects.create(user=officer, role=Role.HANDLER)
    RoleAssignment.objects.create(user=officer, role=Role.INTAKE_OFFICER)
    return officer


@pytest.fixture
def secret(officer: User) -> str:
    return issue_api_token(actor=None, owner=officer, name="thử").secret


def test_a_bearer_token_identifies_its_owner(
    client: Client, officer: User, secret: str, django_assert_num_queries: Any
) -> None:
    # when the token is presented (token+owner, roles, last-used note)
    with django_assert_num_queries(3):
        response = client.get(ME, headers={"Authorization": f"Bearer {secret}"})
    # then the caller's own account comes back
    assert response.status_code == 200
    assert response.json() == {
        "username": "canbo",
        "kind": "staff",
        "full_name": "Trần Thị Bình",
        "roles": ["handler", "intake_officer"],
    }
    assert ApiToken.objects.get().last_used_at is not None


def test_a_browser_session_identifies_a_citizen(client: Client) -> None:
    citizen = UserFactory(username="congdan")
    client.force_login(citizen)
    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["kind"] == "citizen"
    assert response.json()["roles"] == []


def test_an_administrator_session_must_have_passed_the_second_factor(client: Client) -> None:
    # given an administrator signed in without the second factor
    administrator = UserFactory(username="quantri", administrator=True)
    client.force_login(administrator)
    # then the API does not accept the session, until it is verified
    assert client.get(ME).status_code == 401
    sign_in_verified(client, user=administrator)
    assert client.get(ME).json()["username"] == "quantri"


def _revoke(token: ApiToken) -> None:
    revoke_api_token(actor=None, token=token)


def _expire(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=now() - timedelta(minutes=1))


def _deactivate_owner(token: ApiToken) -> None:
    User.objects.filter(pk=token.user_id).update(is_active=False)


@pytest.mark.parametrize("change", [_revoke, _expire, _deactivate_owner])
def test_a_dead_token_gets_401(client: Client, secret: str, change: Any) -> None:
    change(ApiToken.objects.get())
    response = client.get(ME, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer motcua_abcdefghij_" + "a" * 43,
        "Bearer " + "x" * 100_000,
        "Bearer motcua_\u0111\u00e2y-l\u00e0-r\u00e1c",
        "Bearer a b c",
    ],
    ids=[
        "missing",
        "empty",
        "scheme-only",
        "scheme-space",
        "basic",
        "unknown-token",
        "huge",
        "non-ascii",
        "spaces",
    ],
)
def test_no_or_malformed_credentials_get_a_json_401(
    client: Client, officer: User, header: str | None
) -> None:
    headers = {} if header is None else {"Authorization": header}
    response = client.get(ME, headers=headers)
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "not_authenticated"
    assert body["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_endpoint_is_documented_with_its_security(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/me"]["get"]
    assert operation["summary"] == "Who am I"
    assert set(operation["responses"]) == {"200", "401"}
    schemes = schema["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} >= {"http", "apiKey"}
