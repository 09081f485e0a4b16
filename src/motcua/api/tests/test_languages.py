"""API messages speak the request's language: Vietnamese by default, English on request."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

UNKNOWN_PROCEDURE = "/api/v1/procedures/9.999999"
VIETNAMESE = "Không có thủ tục hành chính nào mang mã này đang có hiệu lực."


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, VIETNAMESE),
        ({"accept-language": "vi"}, VIETNAMESE),
        ({"accept-language": "en"}, "No procedure with this code is in force."),
    ],
    ids=["no-preference", "vietnamese", "english"],
)
def test_an_error_message_follows_the_request_language(
    client: Client, headers: dict[str, str], message: str
) -> None:
    response = client.get(UNKNOWN_PROCEDURE, headers=headers)
    # the code stays the same whatever the language: clients branch on it, people read the message
    assert response.status_code == 404
    assert response.json() == {"code": "procedure_not_found", "message": message}
