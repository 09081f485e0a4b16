"""The sandbox protocol's messages: which fields each carries, and how they are checked."""

from collections.abc import Mapping
from datetime import datetime

from motcua.core.clock import parse_moment

PAYMENT_FIELDS = (
    "merchant",
    "order",
    "amount",
    "description",
    "return_url",
    "notify_url",
    "timestamp",
)
RESULT_FIELDS = ("merchant", "order", "amount", "transaction_id", "status", "timestamp")
QUERY_FIELDS = ("merchant", "order", "timestamp")
RESULT_STATUSES = frozenset({"paid", "failed", "cancelled"})
QUERY_STATUSES = RESULT_STATUSES | {"pending", "not_found"}
MAX_AMOUNT_VND = 10**12
# A query or payment request older than this is refused: it may be a replay.
FRESHNESS_SECONDS = 300


class ProtocolError(ValueError):
    """A message that lacks a field or holds a malformed value."""


def only(fields: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The named fields plus the signature, each present and a string."""
    picked = {}
    for name in (*names, "signature"):
        value = fields.get(name)
        if not isinstance(value, str) or not value or len(value) > 2000:
            raise ProtocolError(f"missing or malformed field: {name}")
        picked[name] = value
    return picked


def amount(value: str) -> int:
    """A positive whole number of dong written in digits."""
    if not value.isascii() or not value.isdigit() or len(value) > 13:
        raise ProtocolError("amount must be a whole number of dong")
    number = int(value)
    if not 0 < number <= MAX_AMOUNT_VND:
        raise ProtocolError("amount out of range")
    return number


def moment(value: str) -> datetime:
    try:
        return parse_moment(value)
    except ValueError as error:
        raise ProtocolError("timestamp must be ISO 8601") from error
