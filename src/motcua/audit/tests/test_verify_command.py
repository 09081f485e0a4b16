"""`motcua audit verify` on an intact chain and on chains altered by hand in the database."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.audit.chain import entry_hash
from motcua.audit.models import AuditEntry
from motcua.audit.tests.conftest import raw_sql

pytestmark = pytest.mark.django_db


def verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


@pytest.fixture
def chain(record: Any) -> list[AuditEntry]:
    """Three entries: #1, #2, #3."""
    return [record(after={"step": step}) for step in (1, 2, 3)]


def test_an_intact_chain_is_reported_ok_with_its_last_hash(chain: list[AuditEntry]) -> None:
    # when the chain is verified
    output = verify()
    # then all entries pass and the head is printed for safekeeping
    assert "ok: 3 audit entries, chain intact" in output
    assert f"last entry #3 hash {chain[2].hash}" in output


def test_an_empty_trail_is_reported_ok() -> None:
    assert "ok: 0 audit entries" in verify()


def test_a_row_whose_after_was_changed_by_raw_sql_is_named(chain: list[AuditEntry]) -> None:
    # given entry #2's `after` edited by hand in the database
    with raw_sql() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET after = %s WHERE sequence = 2", ['{"step": 20}']
        )
    # when the chain is verified
    with pytest.raises(CommandError) as refusal:
        verify()
    # then entry #2 is named as altered
    assert "broken at entry #2: content altered" in str(refusal.value)


def test_a_row_changed_and_given_a_fresh_hash_is_named(chain: list[AuditEntry]) -> None:
    # given entry #2 edited by someone who also recomputed its hash
    forged = AuditEntry.objects.get(sequence=2)
    forged.after = {"step": 20}
    with raw_sql() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET after = %s, hash = %s WHERE sequence = 2",
            ['{"step": 20}', entry_hash(forged)],
        )
    # when the chain is verified
    with pytest.raises(CommandError) as refusal:
        verify()
    # then entry #2 (not its intact successor) is named
    assert "broken at entry #2: content altered and re-hashed" in str(refusal.value)


def test_a_middle_row_deleted_by_raw_sql_is_named(chain: list[AuditEntry]) -> None:
    # given entry #2 deleted by hand
    with raw_sql() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence = 2")
    # when the chain is verified
    with pytest.raises(CommandError) as refusal:
        verify()
    # then the gap is named
    assert "broken at entry #2: missing (removed)" in str(refusal.value)


def test_the_last_row_deleted_by_raw_sql_is_named(chain: list[AuditEntry]) -> None:
    # given the newest entry deleted by hand
    with raw_sql() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence = 3")
    # when the chain is verified
    with pytest.raises(CommandError) as refusal:
        verify()
    # then the chain head still knows there was a #3
    assert "broken at entry #3: missing (removed from the end)" in str(refusal.value)


def test_the_last_row_changed_and_re_hashed_is_named(chain: list[AuditEntry]) -> None:
    # given the newest entry edited with a recomputed hash (no successor to contradict it)
    forged = AuditEntry.objects.get(sequence=3)
    forged.action = "thing.forged"
    with raw_sql() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET action = %s, hash = %s WHERE sequence = 3",
            ["thing.forged", entry_hash(forged)],
        )
    # when the chain is verified
    with pytest.raises(CommandError) as refusal:
        verify()
    # then the chain head's hash exposes it
    assert "broken at entry #3: content altered and re-hashed" in str(refusal.value)


def test_an_earlier_break_is_reported_before_a_later_one(chain: list[AuditEntry]) -> None:
    # given entry #1 altered and entry #3 removed
    with raw_sql() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE sequence = 1")
        cursor.execute("DELETE FROM audit_auditentry WHERE sequence = 3")
    # when the chain is verified
    with pytest.raises(CommandError) as refusal:
        verify()
    # then the first break is the one named
    assert "broken at entry #1" in str(refusal.value)
