"""The hash chain: canonical content of an entry and the verification walk.

An entry's hash covers its canonical content and the previous entry's hash. The canonical form
must come out the same before the row is written and after it is read back from any database,
so moments are written in UTC and `before`/`after` are plain JSON (see `services.json_ready`).
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

GENESIS_HASH = "0" * 64
# The fields an entry's hash covers, in the order `verify_chain` reads them.
HASHED_FIELDS = (
    "sequence",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "previous_hash",
    "hash",
)


class ChainRow(Protocol):
    """An audit entry, or a row read with `values_list(*HASHED_FIELDS, named=True)`."""

    @property
    def sequence(self) -> int: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor_id(self) -> int | None: ...
    @property
    def actor_label(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def object_type(self) -> str: ...
    @property
    def object_id(self) -> str: ...
    @property
    def object_repr(self) -> str: ...
    @property
    def before(self) -> Any: ...
    @property
    def after(self) -> Any: ...
    @property
    def previous_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...


def _canonical_json(value: Any) -> Any:
    """Integral floats become ints: PostgreSQL's jsonb gives 1e16 back as 10000000000000000."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _canonical_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical_json(item) for item in value]
    return value


def entry_hash(entry: ChainRow) -> str:
    """Return the SHA-256 of the entry's canonical content, previous hash included."""
    content = {
        "sequence": entry.sequence,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": _canonical_json(entry.before),
        "after": _canonical_json(entry.after),
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry found altered or removed, and why."""

    sequence: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification walk."""

    checked: int
    last_sequence: int
    last_hash: str
    found: ChainBreak | None

    @property
    def is_intact(self) -> bool:
        return self.found is None


def walk_chain(
    entries: Iterable[ChainRow], *, head_sequence: int | None, head_hash: str | None
) -> ChainReport:
    """Walk the entries in sequence order and report the first that was altered or removed.

    A row edited in place fails its own hash. A row edited and re-hashed no longer matches the
    `previous_hash` its successor recorded, so it is named (not the successor). A removed row
    leaves a gap in the sequence; rows removed from the end fall short of the chain head.
    """
    checked = 0
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    for entry in entries:
        if entry.sequence != expected_sequence:
            return ChainReport(
                checked,
                expected_sequence - 1,
                previous_hash,
                ChainBreak(expected_sequence, "missing (removed)"),
            )
        if entry_hash(entry) != entry.hash:
            return ChainReport(
                checked,
                expected_sequence - 1,
                previous_hash,
                ChainBreak(entry.sequence, "content altered"),
            )
        if entry.previous_hash != previous_hash:
            # This row is intact, so the one before it was altered and given a fresh hash.
            return ChainReport(
                checked,
                expected_sequence - 1,
                previous_hash,
                ChainBreak(
                    entry.sequence - 1,
                    f"content altered and re-hashed (entry #{entry.sequence} "
                    "still records the original hash)",
                ),
            )
        checked += 1
        previous_hash = entry.hash
        expected_sequence += 1
    last_sequence = expected_sequence - 1
    found = None
    if head_sequence is not None and head_sequence > last_sequence:
        found = ChainBreak(last_sequence + 1, "missing (removed from the end)")
    elif head_sequence is not None and head_sequence < last_sequence:
        found = ChainBreak(head_sequence + 1, "written outside the audit service")
    elif head_hash is not None and last_sequence and head_hash != previous_hash:
        found = ChainBreak(last_sequence, "content altered and re-hashed (the chain head differs)")
    return ChainReport(checked, last_sequence, previous_hash, found)
