"""Writing the audit trail. Call `record_audit` inside the transaction of the state change."""

from typing import Any

from django.db import models, transaction

from motcua.audit.chain import GENESIS_HASH, entry_hash
from motcua.audit.models import AuditChainHead, AuditEntry
from motcua.core.clock import now


def record_audit(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one row to the chain; must run inside the caller's atomic block.

    `actor` is a user or None for the system; `action` is dotted (`dossier.received`).
    Raises TransactionManagementError outside a transaction.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("record_audit must run inside a transaction")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_sequence": 0, "last_hash": GENESIS_HASH}
    )
    entry = AuditEntry(
        sequence=head.last_sequence + 1,
        at=now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(actor) if actor is not None else "system",
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
