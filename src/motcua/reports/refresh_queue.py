# ruff: noqa: S608 -- the SQL names this module's own table; values go in as parameters.
"""The queue of dossiers whose facts are to be refreshed, and the follower that drains it.

With `REPORTS_REFRESH = "queued"` a dossier event costs the officer's request one small insert
inside the act's transaction (`queue_refresh`, from `reports.listeners`); `motcua reports
follow` takes queued dossiers in batches and refreshes them with `rollups.refresh_dossiers`,
taking and refreshing a batch in one transaction: a batch that fails stays queued and is tried
again. Several followers may run: on PostgreSQL each takes rows the others have not locked
(`SKIP LOCKED`).
"""

import time
from collections.abc import Callable

import structlog
from django.db import connection, transaction

from motcua.core.clock import now
from motcua.reports.models import QueuedRefresh
from motcua.reports.rollups import refresh_dossiers

log = structlog.get_logger(__name__)

QUEUE_TABLE = QueuedRefresh._meta.db_table
BATCH_SIZE = 500


def queue_refresh(*, dossier_id: int) -> None:
    """Queue one dossier; a dossier already queued keeps its place."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {QUEUE_TABLE} (dossier_id, queued_at) VALUES (%s, %s) "
            "ON CONFLICT (dossier_id) DO NOTHING",
            [dossier_id, now()],
        )


def queued_count() -> int:
    return QueuedRefresh.objects.count()


def drain(*, batch_size: int = BATCH_SIZE) -> int:
    """Refresh queued dossiers until none is left to take; returns how many were refreshed."""
    total = 0
    while taken := refresh_queued(batch_size=batch_size):
        total += taken
    return total


def refresh_queued(*, batch_size: int = BATCH_SIZE) -> int:
    """Take up to `batch_size` of the oldest queued dossiers and refresh them; returns how many
    were taken (0: the queue is empty, or other followers hold what is left)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"DELETE FROM {QUEUE_TABLE} WHERE dossier_id IN (SELECT dossier_id FROM "
                    f"{QUEUE_TABLE} ORDER BY queued_at LIMIT %s FOR UPDATE SKIP LOCKED) "
                    "RETURNING dossier_id",
                    [batch_size],
                )
                taken = [row[0] for row in cursor.fetchall()]
            else:  # SQLite has a single writer: nobody else takes rows meanwhile.
                cursor.execute(
                    f"SELECT dossier_id FROM {QUEUE_TABLE} ORDER BY queued_at LIMIT %s",
                    [batch_size],
                )
                taken = [row[0] for row in cursor.fetchall()]
                QueuedRefresh.objects.filter(pk__in=taken).delete()
        if taken:
            changed = refresh_dossiers(dossier_ids=taken)
            log.info("reports_queue_refreshed", taken=len(taken), changed=changed)
    return len(taken)


def follow(
    *,
    interval_seconds: float = 2.0,
    batch_size: int = BATCH_SIZE,
    keep_going: Callable[[], bool] = lambda: True,
) -> int:
    """Drain the queue, then look again every `interval_seconds` while `keep_going()`; returns
    the number of dossiers refreshed. A failing batch is logged and retried after the pause."""
    total = 0
    while keep_going():
        # A connection the database dropped (a restart, a failover) is replaced, not reused.
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        try:
            taken = refresh_queued(batch_size=batch_size)
        except Exception:
            log.exception("reports_queue_failed")
            taken = 0
        total += taken
        if taken < batch_size:
            time.sleep(interval_seconds)
    return total
