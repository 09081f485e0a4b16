from motcua.audit.chain import ChainBreak, find_first_break
from motcua.audit.models import AuditChainHead, AuditEntry


def verify_chain() -> tuple[int, ChainBreak | None]:
    """Return how many entries were checked and the first break, if any."""
    head = AuditChainHead.objects.filter(pk=1).first()
    entries = AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000)
    count = AuditEntry.objects.count()
    found = find_first_break(
        entries,
        head_sequence=head.last_sequence if head else None,
        head_hash=head.last_hash if head else None,
    )
    return count, found
