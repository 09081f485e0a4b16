"""The local provider's RSA signing key: read from DEV_OIDC_KEY_FILE, made there on first use.

A file keeps the key stable across restarts and worker processes (the client caches the
provider's keys for an hour); with the setting empty, each process makes its own.
"""

import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from joserfc.jwk import RSAKey

KEY_BITS = 2048


@cache
def _load(path: str) -> RSAKey:
    if not path:
        return _generated()
    file = Path(path)
    if file.exists():
        key = RSAKey.import_key(file.read_bytes())
        return RSAKey.import_key(key.as_dict(private=True) | {"kid": key.thumbprint()})
    key = _generated()
    file.parent.mkdir(parents=True, exist_ok=True)
    # Written aside then renamed: two processes starting at once never read half a key.
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".dev-oidc-")
    with os.fdopen(handle, "wb") as out:
        out.write(key.as_pem(private=True))
    try:
        os.link(temporary, file)
    except FileExistsError:
        return _load.__wrapped__(path)
    finally:
        os.unlink(temporary)
    return key


def _generated() -> RSAKey:
    key = RSAKey.generate_key(KEY_BITS)
    return RSAKey.import_key(key.as_dict(private=True) | {"kid": key.thumbprint()})


def signing_key() -> RSAKey:
    return _load(settings.DEV_OIDC_KEY_FILE)


def public_key_set() -> dict[str, list[dict[str, Any]]]:
    """The JWKS document: the public half of the signing key."""
    key = signing_key()
    public = key.as_dict(private=False) | {"use": "sig", "alg": "RS256", "kid": key.kid}
    return {"keys": [public]}
