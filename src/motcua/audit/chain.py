"""The hash chain: canonical content of an entry and the verification walk."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.audit.models import AuditEntry

GENESIS_HASH = "0" * 64


def entry_hash(entry: "AuditEntry") -> str:
    content = {
        "sequence": entry.sequence,
        "at": entry.at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def find_first_break(
    entries: Iterable["AuditEntry"], *, head_sequence: int | None, head_hash: str | None
) -> ChainBreak | None:
    """Walk the entries in sequence order; return the first that was altered or removed."""
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    for entry in entries:
        if entry.sequence != expected_sequence:
            return ChainBreak(expected_sequence, "missing (removed)")
        if entry.previous_hash != previous_hash:
            return ChainBreak(
                entry.sequence, "previous hash does not match (a row before it was altered)"
            )
        if entry_hash(entry) != entry.hash:
            return ChainBreak(entry.sequence, "content altered")
        previous_hash = entry.hash
        expected_sequence += 1
    if head_sequence is not None and head_sequence >= expected_sequence:
        return ChainBreak(expected_sequence, "missing (removed from the end)")
    if head_hash is not None and head_sequence and head_hash != previous_hash:
        return ChainBreak(expected_sequence - 1, "last hash does not match the chain head")
    return None
