"""Signing keys at rest are encrypted with the deployment's key-encryption key."""

from typing import Any

import pytest
from cryptography.fernet import Fernet

from motcua.results import keystore
from motcua.results.errors import SigningUnavailable


def test_a_key_file_round_trips_and_is_not_stored_in_clear() -> None:
    sealed = keystore.seal_key_file(b"-----BEGIN PRIVATE KEY----- secret")
    assert b"secret" not in sealed
    assert keystore.open_key_file(sealed) == b"-----BEGIN PRIVATE KEY----- secret"


def test_the_dedicated_key_encryption_key_is_used_when_set(settings: Any) -> None:
    dedicated = Fernet.generate_key()
    settings.SIGNING_KEY_ENCRYPTION_KEY = dedicated.decode()
    sealed = keystore.seal_key_file(b"key")
    assert Fernet(dedicated).decrypt(sealed) == b"key"


def test_a_changed_secret_makes_stored_keys_unreadable_with_a_clear_error(settings: Any) -> None:
    sealed = keystore.seal_key_file(b"key")
    settings.SECRET_KEY = "another-secret-key-of-the-deployment-0123456789"
    with pytest.raises(SigningUnavailable) as refused:
        keystore.open_key_file(sealed)
    assert refused.value.code == "key_store_unreadable"
