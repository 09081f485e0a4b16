"""Every API refusal is JSON {code, message, details}; nothing becomes an HTML page."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema
from ninja.testing import TestClient

from motcua.api.errors import ApiError, install_error_handlers


class Body(Schema):
    count: int


def build_api() -> NinjaAPI:
    api = NinjaAPI(urls_namespace="errors-test")
    install_error_handlers(api)

    @api.post("/echo")
    def echo(request: HttpRequest, body: Body) -> dict[str, int]:
        return {"count": body.count}

    @api.get("/refuse")
    def refuse(request: HttpRequest) -> None:
        raise ApiError("dossier_closed", "The dossier is closed.", status=409, details={"id": 1})

    @api.get("/missing")
    def missing(request: HttpRequest) -> None:
        raise Http404

    @api.get("/forbidden")
    def forbidden(request: HttpRequest) -> None:
        raise PermissionDenied

    @api.get("/crash")
    def crash(request: HttpRequest) -> None:
        raise RuntimeError("internal detail: password=hunter2")

    return api


@pytest.fixture(scope="module")
def api_client() -> TestClient:
    return TestClient(build_api())


@pytest.mark.parametrize(
    ("method", "path", "payload", "status", "code"),
    [
        ("post", "/echo", b"{not json", 400, "bad_request"),
        ("post", "/echo", b'{"count": "many"}', 422, "invalid_input"),
        ("post", "/echo", b"[]", 422, "invalid_input"),
        ("post", "/echo", b'{"count": 1' + b"9" * 5000 + b"}", 400, "bad_request"),
        ("get", "/refuse", None, 409, "dossier_closed"),
        ("get", "/missing", None, 404, "not_found"),
        ("get", "/forbidden", None, 403, "forbidden"),
        ("get", "/crash", None, 500, "server_error"),
    ],
    ids=[
        "broken-json",
        "wrong-type",
        "not-an-object",
        "huge-number",
        "api-error",
        "not-found",
        "forbidden",
        "crash",
    ],
)
def test_refusals_share_one_json_shape(
    api_client: TestClient,
    method: str,
    path: str,
    payload: bytes | None,
    status: int,
    code: str,
) -> None:
    kwargs: dict[str, Any] = {}
    if payload is not None:
        kwargs = {"data": payload, "content_type": "application/json"}
    response = getattr(api_client, method)(path, **kwargs)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["message"], str)
    assert body["message"]


def test_an_unexpected_failure_reveals_nothing_internal(api_client: TestClient) -> None:
    response = api_client.get("/crash")
    assert "hunter2" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()


def test_validation_details_say_which_field(api_client: TestClient) -> None:
    response = api_client.post("/echo", json={"count": "many"})
    assert response.json()["details"][0]["loc"][-1] == "count"
