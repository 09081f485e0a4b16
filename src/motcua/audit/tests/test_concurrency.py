import threading
from typing import Any

import pytest
from django.db import connection, transaction

from motcua.audit.models import AuditEntry
from motcua.audit.queries import verify_chain
from motcua.audit.services import record_audit
from motcua.audit.tests.conftest import requires_postgres

WRITERS = 2
ENTRIES_EACH = 10


@pytest.mark.postgres
@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_produce_one_gapless_chain(django_user_model: Any) -> None:
    # given two writers starting at the same moment
    target = django_user_model.objects.create(username="dong-thoi")
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            start.wait(timeout=10)
            for index in range(ENTRIES_EACH):
                with transaction.atomic():
                    record_audit(
                        actor=None,
                        action="thing.changed",
                        target=target,
                        after={"writer": writer, "index": index},
                    )
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(WRITERS)]
    # when both record at once
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then every entry got its own consecutive number and the chain verifies
    assert failures == []
    sequences = list(AuditEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, WRITERS * ENTRIES_EACH + 1))
    assert verify_chain().is_intact
