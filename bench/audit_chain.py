"""Audit trail and API token figures on PostgreSQL; prints them, changes no real data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \
        .venv/bin/python bench/audit_chain.py --entries 500000 --writes 5000

Works in a throw-away test database (test_<name>), created and dropped by the script:
1. `record_audit` one entry per transaction, as services call it (entries/s);
2. `verify_chain` over a trail of --entries rows (seconds, entries/s);
   next to a baseline of one plain UPDATE per transaction (the commit's own cost);
3. `get_api_token`, the lookup behind every bearer-token API request (ms per call).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
django.setup()

# Django must be set up before models are imported.
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.accounts.queries import get_api_token  # noqa: E402
from motcua.accounts.services import issue_api_token  # noqa: E402
from motcua.audit.chain import GENESIS_HASH, entry_hash  # noqa: E402
from motcua.audit.models import AuditChainHead, AuditEntry  # noqa: E402
from motcua.audit.queries import verify_chain  # noqa: E402
from motcua.audit.services import record_audit  # noqa: E402
from motcua.core.clock import now  # noqa: E402


def fill_trail(*, entries: int, actor: User) -> None:
    """Write a valid chain fast (bulk insert), shaped like real entries."""
    previous = GENESIS_HASH
    start = now() - timedelta(days=365)
    batch: list[AuditEntry] = []
    for sequence in range(1, entries + 1):
        entry = AuditEntry(
            sequence=sequence,
            at=start + timedelta(seconds=sequence * 30),
            actor=actor,
            actor_label=str(actor),
            action="dossier.received",
            object_type="dossiers.dossier",
            object_id=str(sequence),
            object_repr=f"000.00.00.H38-260216-{sequence % 10000:04d}",
            before={"status": "submitted"},
            after={"status": "received", "due_at": "2026-03-02T17:00:00+07:00", "fee_vnd": 50000},
            previous_hash=previous,
        )
        entry.hash = entry_hash(entry)
        previous = entry.hash
        batch.append(entry)
        if len(batch) == 5000:
            AuditEntry.objects.bulk_create(batch)
            batch.clear()
    AuditEntry.objects.bulk_create(batch)
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_sequence": entries, "last_hash": previous}
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument("--writes", type=int, default=5_000)
    parser.add_argument("--lookups", type=int, default=2_000)
    arguments = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL=postgres://… : the figures are for PostgreSQL.")

    databases = setup_databases(verbosity=0, interactive=False)
    try:
        actor = User.objects.create(username="bench", full_name="Cán bộ đo", kind="staff")
        version = connection.cursor().connection.info.server_version
        print(f"PostgreSQL {version // 10000}.{version % 10000}")

        fill_trail(entries=arguments.entries, actor=actor)
        started = time.perf_counter()
        for index in range(arguments.writes):
            with transaction.atomic():
                User.objects.filter(pk=actor.pk).update(full_name=f"Cán bộ đo {index}")
        baseline = time.perf_counter() - started
        print(
            f"baseline, one UPDATE a transaction: {baseline / arguments.writes * 1000:.2f} ms each"
        )
        started = time.perf_counter()
        for index in range(arguments.writes):
            with transaction.atomic():
                record_audit(
                    actor=actor,
                    action="dossier.transferred",
                    target=actor,
                    before={"handler": index},
                    after={"handler": index + 1},
                )
        elapsed = time.perf_counter() - started
        print(
            f"record_audit: {arguments.writes} entries in {elapsed:.2f} s "
            f"= {arguments.writes / elapsed:,.0f} entries/s "
            f"({elapsed / arguments.writes * 1000:.2f} ms each, trail of {arguments.entries:,})"
        )

        total = arguments.entries + arguments.writes
        started = time.perf_counter()
        report = verify_chain()
        elapsed = time.perf_counter() - started
        if not report.is_intact or report.checked != total:
            sys.exit(f"the chain did not verify: {report}")
        print(
            f"verify_chain: {total:,} entries in {elapsed:.2f} s = {total / elapsed:,.0f} entries/s"
        )

        secret = issue_api_token(actor=None, owner=actor, name="bench").secret
        timings = []
        for _ in range(arguments.lookups):
            started = time.perf_counter()
            get_api_token(presented=secret)
            timings.append(time.perf_counter() - started)
        print(
            f"get_api_token: median {statistics.median(timings) * 1000:.2f} ms, "
            f"p95 {statistics.quantiles(timings, n=20)[18] * 1000:.2f} ms "
            f"over {arguments.lookups} lookups"
        )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
