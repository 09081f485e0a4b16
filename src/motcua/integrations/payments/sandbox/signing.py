"""The sandbox protocol's signature: HMAC-SHA256 over the fields in canonical form.

Canonical form: every field but `signature`, sorted by name, written `name=value` with the value
percent-encoded as UTF-8 (RFC 3986, nothing left unescaped), joined by `&`. The signature is
the lower-case hex digest. See docs/payments-sandbox.md.
"""

import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import quote

SIGNATURE_FIELD = "signature"


def canonical(fields: Mapping[str, str]) -> str:
    return "&".join(
        f"{name}={quote(str(value), safe='')}"
        for name, value in sorted(fields.items())
        if name != SIGNATURE_FIELD
    )


def sign(fields: Mapping[str, str], *, secret: str) -> str:
    return hmac.new(
        secret.encode("utf-8"), canonical(fields).encode("ascii"), hashlib.sha256
    ).hexdigest()


def signed(fields: Mapping[str, str], *, secret: str) -> dict[str, str]:
    """The fields with their signature added."""
    values = {name: str(value) for name, value in fields.items()}
    return values | {SIGNATURE_FIELD: sign(values, secret=secret)}


def is_signed(fields: Mapping[str, str], *, secret: str) -> bool:
    """True when `signature` is the HMAC of the other fields (compared in constant time)."""
    presented = fields.get(SIGNATURE_FIELD, "")
    if not isinstance(presented, str) or not presented:
        return False
    return hmac.compare_digest(presented.lower(), sign(fields, secret=secret))
