from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.accounts.tests.factories import TOTPDeviceFactory, UserFactory


@pytest.fixture
def citizen(db: Any) -> User:
    return UserFactory(username="congdan")


@pytest.fixture
def officer(db: Any) -> User:
    return UserFactory(username="canbo", staff=True)


@pytest.fixture
def administrator(db: Any) -> User:
    return UserFactory(username="quantri", administrator=True)


@pytest.fixture
def officer_device(officer: User) -> TOTPDevice:
    return TOTPDeviceFactory(user=officer)


@pytest.fixture
def no_code_throttling(settings: Any) -> None:
    """Wrong codes slow the next attempt by seconds; tests that retry at once switch it off."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def browser(db: Any) -> Client:
    return Client(REMOTE_ADDR="10.0.0.7")


def failures_recorded(username: str) -> int:
    attempt = AccessAttempt.objects.filter(username=username).first()
    return attempt.failures_since_start if attempt else 0
