from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from motcua.audit.models import AuditEntry
from motcua.audit.services import record_audit

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://…)"
)


@contextmanager
def raw_sql() -> Iterator[CursorWrapper]:
    """A cursor as a database superuser with psql would use it: PostgreSQL's triggers are off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


@pytest.fixture
def target(django_user_model: Any) -> Any:
    """Any model instance will do as the audited object; a user is at hand."""
    return django_user_model.objects.create(username="nguoi-duoc-ghi", full_name="Lê Văn Cường")


@pytest.fixture
def record(target: Any) -> Callable[..., AuditEntry]:
    def write(action: str = "thing.changed", **values: Any) -> AuditEntry:
        with transaction.atomic():
            return record_audit(actor=None, action=action, target=target, **values)

    return write
