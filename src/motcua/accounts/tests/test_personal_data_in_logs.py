"""Personal data never reaches the logs: the configured processors mask it, sign-in adds none."""

from typing import Any

import pytest
import structlog
from django.test import Client
from django.urls import reverse
from structlog.testing import capture_logs

from motcua.accounts.tests.factories import UserFactory


def render_with_configured_processors(**values: Any) -> str:
    """What the configured structlog pipeline (settings' configure_logging) would write."""
    logger = structlog.wrap_logger(
        structlog.ReturnLogger(), processors=structlog.get_config()["processors"]
    )
    return str(logger.info("test.event", **values))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("phone", "0912345678"),
        ("national_id", "001099012345"),
        ("address", "12 Trần Phú, phường Hải Châu"),
        ("applicant_phone", "0987654321"),
        ("email", "an@example.vn"),
        ("password", "Mật-khẩu"),
        ("token", "motcua_abcdefghij_secret"),
    ],
)
def test_personal_values_are_written_as_stars(key: str, value: str) -> None:
    # when a value is logged under a personal key
    line = render_with_configured_processors(**{key: value})
    # then the line holds the mask, not the value
    assert value not in line
    assert f"{key}=***" in line or f'"{key}": "***"' in line


def test_other_values_are_written_as_they_are() -> None:
    line = render_with_configured_processors(dossier_code="000.00.00.H38-260216-0001")
    assert "000.00.00.H38-260216-0001" in line


@pytest.mark.django_db
def test_signing_in_logs_no_username_or_address(caplog: Any) -> None:
    # given a citizen whose username is an ID number (as the portal may allow)
    UserFactory(username="001099012345")
    client = Client(REMOTE_ADDR="203.0.113.9")
    login = reverse("accounts:login")
    # when they fail, then succeed to sign in
    with capture_logs() as events:
        client.post(login, {"username": "001099012345", "password": "sai"})
        client.post(login, {"username": "001099012345", "password": "Mật-khẩu-đủ-dài-2025"})
    # then neither our events nor the lockout library's log lines carry the name or address
    assert any(event["event"] == "account.signed_in" for event in events)
    assert "AXES: New login failure" in caplog.text
    logged = str(events) + caplog.text
    assert "001099012345" not in logged
    assert "203.0.113.9" not in logged
