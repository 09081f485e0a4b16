"""The public lookup: anyone holding a dossier's code and its lookup secret (or the last four
digits of the applicant's phone) sees where the dossier stands — and nothing personal.

A wrong code and a wrong secret give the same `DossierNotFound` after the same work (one
indexed read by code, one constant-time comparison against the stored value or a stand-in),
so the answer does not tell whether a code exists. Callers limit requests per address.
"""

import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache as cache_sql
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from motcua.core.rate_limits import allow_request
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierError, DossierNotFound
from motcua.dossiers.lookup_secrets import LENGTH, normalize_lookup_secret
from motcua.dossiers.models import Dossier

PHONE_DIGITS = 4
CODE_REST_SECONDS = 3600
CODE_MAX_LENGTH = 48
# Compared against when the code is unknown, so that both refusals cost the same.
_STAND_IN = "#" * LENGTH
_NOT_DIGIT = re.compile(r"\D")


class LookupLimited(DossierError):
    """Too many lookups from one address, or too many wrong secrets tried on one code."""

    code = "too_many_lookups"
    status = 429


@dataclass(frozen=True, kw_only=True)
class PublicStatus:
    """What the public may know of a dossier: no name, ID number, phone or address."""

    dossier_id: int
    code: str
    status: str
    national_status_code: int
    procedure_name: str
    current_agency_name: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    decided_at: datetime | None
    returned_at: datetime | None
    closed_at: datetime | None

    @property
    def status_label(self) -> str:
        return str(DossierStatus(self.status).label)

    @property
    def result_ready(self) -> bool:
        """The result waits for the applicant (status 9) or was handed over (status 10)."""
        return self.status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED)


def normalize_dossier_code(text: str) -> str:
    """A code as typed or scanned: trimmed, upper case (codes are `000.00.00.H34-250916-0001`)."""
    return text.strip().upper()[:CODE_MAX_LENGTH]


def _phone_suffix(phone: str) -> str:
    digits = _NOT_DIGIT.sub("", phone)
    return digits[-PHONE_DIGITS:] if len(digits) >= PHONE_DIGITS else ""


_PUBLIC_COLUMNS = (
    "pk",
    "code",
    "status",
    "lookup_secret",
    "applicant_phone",
    "procedure_version__name",
    "current_agency__name",
    "submitted_at",
    "received_at",
    "due_at",
    "decided_at",
    "returned_at",
    "closed_at",
)
_MOMENTS = ("submitted_at", "received_at", "due_at", "decided_at", "returned_at", "closed_at")


@cache_sql
def _public_row_sql() -> str:
    """The lookup's one SELECT, as the ORM writes it, compiled once per process: compiling it
    cost more than running it (a public endpoint sized for hundreds of requests a second)."""
    query = Dossier.objects.filter(code="?").values(*_PUBLIC_COLUMNS).query
    sql, params = query.sql_with_params()
    assert params == ("?",)
    return str(sql)


def _read_public_row(code: str) -> dict[str, Any] | None:
    with connection.cursor() as cursor:
        cursor.execute(_public_row_sql() + " LIMIT 1", [code])
        found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip(_PUBLIC_COLUMNS, found, strict=True))
    for name in _MOMENTS:
        row[name] = _aware(row[name])
    return row


def _aware(value: Any) -> datetime | None:
    """A moment as the database driver gave it (SQLite: text in UTC) as an aware datetime."""
    if value is None or (isinstance(value, datetime) and value.tzinfo is not None):
        return value
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    assert moment is not None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def get_public_status(*, code: str, secret: str = "", phone_digits: str = "") -> PublicStatus:
    """The dossier's public status, proved by its secret or the phone's last four digits.

    Raises DossierNotFound alike for an unknown code, a wrong secret, wrong digits or no proof.
    """
    code = normalize_dossier_code(code)
    given_secret = normalize_lookup_secret(secret)
    given_digits = _NOT_DIGIT.sub("", phone_digits)
    row = _read_public_row(code) if code else None
    stored_secret = row["lookup_secret"] if row else _STAND_IN
    stored_digits = _phone_suffix(row["applicant_phone"]) if row else ""
    # Both comparisons always run, in constant time, whatever was given.
    secret_matches = hmac.compare_digest(given_secret.encode() or b"\0", stored_secret.encode())
    digits_match = hmac.compare_digest(
        (given_digits if len(given_digits) == PHONE_DIGITS else "").encode() or b"\0",
        stored_digits.encode() or b"\1",
    )
    if row is None or not (secret_matches or digits_match):
        raise DossierNotFound(
            _("No dossier matches this code and secret. Check both against the receipt.")
        )
    return PublicStatus(
        dossier_id=row["pk"],
        code=row["code"],
        status=row["status"],
        national_status_code=DossierStatus(row["status"]).national_code,
        procedure_name=row["procedure_version__name"],
        current_agency_name=row["current_agency__name"],
        submitted_at=row["submitted_at"],
        received_at=row["received_at"],
        due_at=row["due_at"],
        decided_at=row["decided_at"],
        returned_at=row["returned_at"],
        closed_at=row["closed_at"],
    )


def look_up_dossier(
    *, code: str, secret: str = "", phone_digits: str = "", address: str
) -> PublicStatus:
    """`get_public_status` behind the limits against enumeration: so many lookups per address
    and window (`PUBLIC_LOOKUPS_PER_WINDOW`), and a code on which too many wrong secrets were
    tried rests for an hour — whether or not it exists, so the rest tells nothing either.

    Raises LookupLimited, DossierNotFound.
    """
    if not allow_request(
        key=f"lookup:{address}",
        limit=settings.PUBLIC_LOOKUPS_PER_WINDOW,
        window_seconds=settings.PUBLIC_LOOKUP_WINDOW_SECONDS,
    ):
        raise LookupLimited(
            _("Too many lookups from your address. Please wait a few minutes and try again.")
        )
    normalized = normalize_dossier_code(code)
    failures_key = f"lookup-code:{normalized}"
    if (cache.get(f"rate:{failures_key}") or 0) >= settings.PUBLIC_LOOKUP_FAILURES_PER_CODE:
        raise LookupLimited(
            _("Too many wrong secrets were tried for this code. Please try again in an hour.")
        )
    try:
        return get_public_status(code=normalized, secret=secret, phone_digits=phone_digits)
    except DossierNotFound:
        allow_request(key=failures_key, limit=0, window_seconds=CODE_REST_SECONDS)
        raise
