from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from motcua.audit.chain import GENESIS_HASH, entry_hash
from motcua.audit.models import AppendOnlyError, AuditChainHead, AuditEntry
from motcua.audit.services import record_audit
from motcua.audit.tests.conftest import requires_postgres

pytestmark = pytest.mark.django_db


def test_first_entry_starts_the_chain_from_the_genesis_hash(record: Any, target: Any) -> None:
    # given an empty trail
    # when a state change is recorded
    entry = record("account.staff_created", after={"username": "an"})
    # then it is entry #1, chained to the genesis hash, describing the target
    assert entry.sequence == 1
    assert entry.previous_hash == GENESIS_HASH
    assert entry.hash == entry_hash(entry)
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(target.pk))
    assert entry.actor is None
    assert entry.actor_label == "system"


def test_entries_are_numbered_consecutively_and_each_links_to_the_one_before(record: Any) -> None:
    # given two earlier entries
    first, second = record(), record()
    # when a third is recorded
    third = record()
    # then the sequence has no gap and each previous_hash is its predecessor's hash
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (3, third.hash)


def test_the_actor_is_remembered_by_id_and_name(target: Any, django_user_model: Any) -> None:
    # given an officer
    officer = django_user_model.objects.create(username="canbo", full_name="Phạm Thị Dung")
    # when the officer's action is recorded
    with transaction.atomic():
        entry = record_audit(actor=officer, action="thing.changed", target=target)
    # then the row names the officer
    assert entry.actor_id == officer.pk
    assert entry.actor_label == "Phạm Thị Dung"


@pytest.mark.django_db(transaction=True)
def test_record_audit_refuses_to_run_outside_a_transaction(target: Any) -> None:
    # given no atomic block
    # when recording is attempted
    with pytest.raises(transaction.TransactionManagementError):
        record_audit(actor=None, action="thing.changed", target=target)
    # then nothing was written
    assert AuditEntry.objects.count() == 0


def test_the_hash_still_matches_after_the_row_is_read_back(record: Any) -> None:
    # given values that databases tend to give back differently from how they were sent
    values = {
        "name": "Thủ tục đăng ký hộ kinh doanh",
        "big": 1e16,
        "ratio": 0.1,
        "nested": {"b": [1, 2.5, None], "a": True},
    }
    entry = record(after=values)
    # when the row is read back from the database
    stored = AuditEntry.objects.get(pk=entry.pk)
    # then its canonical hash is unchanged (the time zone and numbers included)
    assert entry_hash(stored) == entry.hash


def test_dates_and_decimals_are_stored_as_text(record: Any) -> None:
    # when the caller passes Python values JSON has no type for
    entry = record(after={"due_on": date(2026, 2, 16), "fee_vnd": Decimal("50000")})
    # then the row holds their text, exactly as hashed
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.after == {"due_on": "2026-02-16", "fee_vnd": "50000"}


@pytest.mark.parametrize(
    ("values", "masked"),
    [
        ({"national_id": "001099012345"}, {"national_id": "***"}),
        ({"phone": "0912345678"}, {"phone": "***"}),
        ({"applicant": {"address": "12 Trần Phú"}}, {"applicant": {"address": "***"}}),
        ({"contact_phone": "0912345678"}, {"contact_phone": "***"}),
        ({"password": "bí mật"}, {"password": "***"}),
        ({"token": "motcua_x"}, {"token": "***"}),
        ({"rows": [{"email": "an@example.vn"}]}, {"rows": [{"email": "***"}]}),
        ({"phone": ""}, {"phone": ""}),
        ({"has_password": True}, {"has_password": True}),
        ({"status": "received"}, {"status": "received"}),
    ],
)
def test_personal_data_never_reaches_the_audit_row(
    record: Any, values: dict[str, Any], masked: dict[str, Any]
) -> None:
    # when a service passes personal data in before/after
    entry = record(before=values, after=values)
    # then the stored row holds the mask instead (empty values and flags stay visible)
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.before == masked
    assert stored.after == masked


@pytest.mark.parametrize(
    "values",
    [{"ratio": float("nan")}, {"limit": float("inf")}, {"note": "a\x00b"}, {"a\x00": 1}],
    ids=["nan", "infinity", "nul-in-value", "nul-in-key"],
)
def test_values_a_database_cannot_store_faithfully_are_refused(
    record: Any, values: dict[str, Any]
) -> None:
    # when a caller passes them
    with pytest.raises(ValueError, match="audit values"):
        record(after=values)
    # then no row was written and the chain did not move
    assert AuditEntry.objects.count() == 0


def test_saving_an_existing_entry_again_is_refused(record: Any) -> None:
    # given a recorded entry
    entry = record()
    entry.action = "thing.forged"
    # when it is saved again
    with pytest.raises(AppendOnlyError):
        entry.save()
    # then the row is unchanged
    assert AuditEntry.objects.get(pk=entry.pk).action == "thing.changed"


def test_deleting_an_entry_is_refused(record: Any) -> None:
    # given a recorded entry
    entry = record()
    # when it is deleted through the model
    with pytest.raises(AppendOnlyError):
        entry.delete()
    # then it is still there
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "change",
    [lambda entries: entries.update(action="thing.forged"), lambda entries: entries.delete()],
    ids=["update", "delete"],
)
def test_bulk_changes_through_the_orm_are_refused(record: Any, change: Any) -> None:
    # given a recorded entry
    record()
    # when the queryset is updated or deleted in bulk
    with pytest.raises(AppendOnlyError):
        change(AuditEntry.objects.all())
    # then the entry is untouched
    assert AuditEntry.objects.get().action == "thing.changed"


@pytest.mark.postgres
@requires_postgres
@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditentry SET action = 'thing.forged'", "DELETE FROM audit_auditentry"],
    ids=["update", "delete"],
)
def test_postgresql_refuses_raw_sql_that_changes_entries(record: Any, statement: str) -> None:
    # given a recorded entry
    record()
    # when raw SQL tries to change it (the trigger is on)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    # then the row is unchanged
    assert AuditEntry.objects.get().action == "thing.changed"


def test_a_user_who_acted_cannot_be_deleted(target: Any, django_user_model: Any) -> None:
    # given an officer who appears in the trail
    officer = django_user_model.objects.create(username="canbo")
    with transaction.atomic():
        record_audit(actor=officer, action="thing.changed", target=target)
    # when the officer's account is deleted
    with pytest.raises(ProtectedError):
        officer.delete()
    # then the account remains (deactivate it instead)
    assert django_user_model.objects.filter(pk=officer.pk).exists()
