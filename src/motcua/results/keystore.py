"""Signing keys at rest: encrypted with Fernet under the deployment's key-encryption key.

The key-encryption key is `SIGNING_KEY_ENCRYPTION_KEY` when set (a Fernet key), else one derived
from SECRET_KEY with HKDF, so changing SECRET_KEY without setting the dedicated key makes the
stored keys unreadable (they then have to be registered again). Neither the keys nor their
passphrases are ever logged.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from motcua.results.errors import SigningUnavailable

_DERIVATION_INFO = b"motcua signing keys at rest"


@functools.cache
def _fernet(secret_key: str, dedicated_key: str) -> Fernet:
    if dedicated_key:
        return Fernet(dedicated_key.encode("ascii"))
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_DERIVATION_INFO).derive(
        secret_key.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _current() -> Fernet:
    return _fernet(settings.SECRET_KEY, settings.SIGNING_KEY_ENCRYPTION_KEY)


def seal_key_file(data: bytes) -> bytes:
    """Return the key file encrypted for storage."""
    return _current().encrypt(data)


def open_key_file(token: bytes | memoryview) -> bytes:
    """Return the stored key file in clear. Raises SigningUnavailable if it cannot be read."""
    try:
        return _current().decrypt(bytes(token))
    except InvalidToken as error:
        raise SigningUnavailable(
            "key_store_unreadable",
            message_vi=(
                "Không giải mã được khóa ký đã lưu (khóa mã hóa của máy chủ đã thay đổi). "
                "Cần đăng ký lại khóa ký."
            ),
            message_en=(
                "The stored signing key cannot be decrypted (the server's key-encryption key "
                "changed). Register the key again."
            ),
        ) from error
