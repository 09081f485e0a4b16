"""Calling the dossier API as a given officer, with a bearer token."""

from typing import Any

from django.test import Client

from motcua.accounts.services import issue_api_token

BASE = "/api/v1/dossiers"


class OfficerClient:
    """`OfficerClient(client, user).post("/code/act", {...})` → the response."""

    def __init__(self, client: Client, user: Any) -> None:
        self.client = client
        self.headers = {
            "Authorization": f"Bearer {issue_api_token(actor=None, owner=user, name='thử').secret}"
        }

    def get(self, path: str = "", **params: Any) -> Any:
        return self.client.get(BASE + path, params, headers=self.headers)

    def post(self, path: str = "", body: Any = None, *, raw: str | None = None) -> Any:
        import json

        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            BASE + path, data=data, content_type="application/json", headers=self.headers
        )

    def act(self, code: str, act: str, body: Any = None) -> Any:
        return self.post(f"/{code}/{act}", body)
