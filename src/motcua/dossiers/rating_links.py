"""The signed link to rate a dossier's handling, sent in the e-mail that tells of the return.

The token names the dossier and is signed with the project's key under its own salt, so it
cannot be forged or turned into another dossier's; it is single-use because a dossier takes
one rating (the surveys app refuses a second). It expires after `RATING_LINK_MAX_AGE`.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

RATING_LINK_SALT = "motcua.dossiers.rating-link"
RATING_LINK_MAX_AGE = timedelta(days=90)


def rating_link_token(*, dossier_id: int, code: str) -> str:
    return signing.dumps({"d": dossier_id, "c": code}, salt=RATING_LINK_SALT)


def read_rating_link_token(token: str) -> tuple[int, str]:
    """The dossier id and code a token names. Raises signing.BadSignature (or its subclass
    SignatureExpired) for a forged, altered or expired token."""
    value = signing.loads(token, salt=RATING_LINK_SALT, max_age=RATING_LINK_MAX_AGE)
    if not isinstance(value, dict) or not isinstance(value.get("d"), int):
        raise signing.BadSignature("malformed rating token")
    return value["d"], str(value.get("c", ""))


def rating_url(*, dossier_id: int, code: str) -> str:
    """The public address of the rating form for this dossier."""
    token = rating_link_token(dossier_id=dossier_id, code=code)
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/danh-gia/{token}/"
