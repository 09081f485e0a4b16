"""Writing the audit trail. Call `record_audit` inside the transaction of the state change."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from motcua.audit.chain import GENESIS_HASH, entry_hash
from motcua.audit.models import AuditChainHead, AuditEntry
from motcua.core.clock import now
from motcua.core.logging import MASK, PERSONAL_KEYS

_PERSONAL_SUFFIXES = ("_phone", "_address", "_id_number", "_password", "_token", "_secret")


def _is_personal(key: str) -> bool:
    lowered = key.lower()
    return lowered in PERSONAL_KEYS or lowered.endswith(_PERSONAL_SUFFIXES)


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            _text(key): MASK if _is_personal(str(key)) and _is_revealing(item) else _masked(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    if isinstance(value, str):
        return _text(value)
    return value


def _is_revealing(value: Any) -> bool:
    """Empty values and yes/no flags (`has_password`) say nothing about the person."""
    return value not in (None, "") and not isinstance(value, bool)


def _text(value: object) -> str:
    text = str(value)
    if "\x00" in text:
        raise ValueError("audit values must not contain NUL characters")
    return text


def json_ready(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return `values` as plain JSON with personal data masked, as the row will store it.

    Dates, decimals and UUIDs become strings (DjangoJSONEncoder); values under personal keys
    (ID numbers, phones, addresses, passwords, tokens: `core.logging.PERSONAL_KEYS`) become
    "***" at any depth. Raises ValueError for NaN, infinities and NUL characters, which a
    database cannot store faithfully.
    """
    if values is None:
        return None
    masked = _masked(values)
    try:
        text = json.dumps(masked, cls=DjangoJSONEncoder, allow_nan=False)
    except ValueError as error:
        raise ValueError(f"audit values must be finite JSON: {error}") from error
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def record_audit(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one row to the chain; must run inside the caller's atomic block.

    `actor` is a user or None for the system; `action` is dotted (`dossier.received`);
    `before`/`after` hold the changed fields, passed through `json_ready` (personal data
    masked). Raises TransactionManagementError outside a transaction, ValueError for values
    JSON cannot hold.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("record_audit must run inside a transaction")
    before, after = json_ready(before), json_ready(after)
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_sequence": 0, "last_hash": GENESIS_HASH}
    )
    entry = AuditEntry(
        sequence=head.last_sequence + 1,
        at=now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(actor)[:200] if actor is not None else "system",
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        before=before,
        after=after,
        previous_hash=head.last_hash,
    )
    entry.hash = entry_hash(entry)
    entry.save()
    head.last_sequence = entry.sequence
    head.last_hash = entry.hash
    head.save(update_fields=["last_sequence", "last_hash"])
    return entry
