"""The API token format: `motcua_<prefix>_<secret>`, generated, parsed and digested.

The prefix (10 lowercase letters and digits) is stored in clear to find the row; the secret
(43 URL-safe characters, 256 bits) is never stored, only the SHA-256 of the whole token.
"""

import hashlib
import re
import secrets
import string
from dataclasses import dataclass

SCHEME = "motcua"
PREFIX_LENGTH = 10
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
_TOKEN = re.compile(r"motcua_(?P<prefix>[a-z0-9]{10})_[A-Za-z0-9_-]{43}")


@dataclass(frozen=True)
class TokenParts:
    prefix: str
    digest: str


@dataclass(frozen=True)
class GeneratedToken:
    text: str
    prefix: str
    digest: str


def generate_token() -> GeneratedToken:
    """Return a new random token with its prefix and digest."""
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    text = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    return GeneratedToken(text=text, prefix=prefix, digest=digest(text))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def parse_token(text: str) -> TokenParts | None:
    """Return the prefix and digest of a well-formed token; None for anything else."""
    match = _TOKEN.fullmatch(text)
    if match is None:
        return None
    return TokenParts(prefix=match["prefix"], digest=digest(text))
