"""No endpoint answers malformed input with a server error.

Walks the OpenAPI document, so every endpoint added later is covered without editing this file:
each path parameter, query parameter and request body gets hostile values, as an anonymous caller
and as a province administrator with a bearer token. Every answer must be below 500 and JSON.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.services import create_staff_user, issue_api_token
from motcua.api.urls import api

pytestmark = pytest.mark.django_db

HOSTILE_STRINGS = [
    "",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "abc",
    "đăng ký",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "\x00",
    "2025-13-45T25:61",
    "x" * 2000,
]
HOSTILE_BODIES = [
    "{",
    "null",
    "[]",
    '"text"',
    "{}",
    '{"a": 1}',
    json.dumps({"value": -1, "unit": "lightyears", "received_at": "yesterday"}),
    "\x00",
]


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _fill_path(path: str, operation: dict[str, Any], value: str) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", value.replace("/", "%2F") or "x")
    return path


def _query_names(operation: dict[str, Any]) -> list[str]:
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


@pytest.fixture
def token() -> str:
    admin = create_staff_user(
        actor=None, username="fuzz-admin", full_name="Fuzz", is_staff=True, is_superuser=True
    )
    return issue_api_token(actor=None, owner=admin, name="fuzz").secret


def _assert_handled(response: Any, label: str) -> None:
    assert response.status_code < 500, f"{label} -> {response.status_code}"
    if response.status_code >= 400 and response.get("Content-Type", "").startswith(
        "application/json"
    ):
        body = response.json()
        assert "code" in body, f"{label} -> error without code: {body}"
        assert "message" in body, f"{label} -> error without message: {body}"


OPERATIONS = sorted({(path, method) for path, method, _ in _operations()})


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
@pytest.mark.parametrize("authenticated", [False, True])
def test_endpoint_survives_hostile_input(
    client: Client, token: str, path: str, method: str, authenticated: bool
) -> None:
    # given an operation from the OpenAPI document and a caller
    operation = api.get_openapi_schema()["paths"][path][method]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if authenticated else {}
    call = getattr(client, method)
    for value in HOSTILE_STRINGS:
        url = "/api/v1" + _fill_path(path, operation, value)
        # when every query parameter carries the hostile value
        query = dict.fromkeys(_query_names(operation), value)
        if method in {"get", "delete"}:
            response = call(url, query, **headers)
            # then the answer is handled
            _assert_handled(response, f"{method.upper()} {url} {query!r}")
        else:
            for body in HOSTILE_BODIES:
                response = call(url, body, content_type="application/json", **headers)
                _assert_handled(response, f"{method.upper()} {url} body={body[:40]!r}")
            response = call(url, {"file": value}, **headers)
            _assert_handled(response, f"{method.upper()} {url} multipart")


def test_every_operation_is_covered() -> None:
    # the fuzz test above walks the document; an empty document would prove nothing
    assert len(OPERATIONS) >= 8


def test_the_fuzzing_token_really_authenticates(client: Client, token: str) -> None:
    # the authenticated half of the fuzz test must reach past authentication
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
