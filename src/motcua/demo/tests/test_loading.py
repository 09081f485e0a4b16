"""Bulk loading of generated rows (`demo.generator.loading`): indexes set aside and rebuilt,
and COPY in a thread of its own."""

import numpy as np
import pytest
from django.db import IntegrityError, connection, transaction
from psycopg.errors import NotNullViolation

from motcua.demo.generator.loading import (
    Rows,
    RowWriter,
    rebuild_indexes,
    set_aside_indexes,
)
from motcua.dossiers.models import DossierCodeCounter, DossierFlag

pytestmark = pytest.mark.django_db(transaction=True)

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="indexes are set aside on PostgreSQL only"
)


def _indexes(table: str) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return set(cursor.fetchall())


@needs_postgresql
def test_set_aside_indexes_and_unique_constraints_come_back_as_they_were() -> None:
    # given the flags' table with a plain index and a unique constraint
    table = DossierFlag._meta.db_table
    before = _indexes(table)
    with transaction.atomic():
        # when the load sets them aside
        statements = set_aside_indexes(DossierFlag)
        # then only the primary key is left
        assert {name for name, _ in _indexes(table)} == {f"{table}_pkey"}
        # and rebuilding brings every index and constraint back
        rebuild_indexes(statements)
        assert _indexes(table) == before
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'u'",
                [table],
            )
            assert cursor.fetchall() == [("dossier_flag_once",)]


@needs_postgresql
def test_a_duplicate_loaded_without_its_unique_constraint_fails_the_rebuild() -> None:
    # given the counters' unique constraint set aside and the same (agency, day) loaded twice
    def load_twice() -> None:
        with transaction.atomic():
            statements = set_aside_indexes(DossierCodeCounter)
            writer = RowWriter()
            writer.write(_day_counters())
            writer.write(_day_counters())
            writer.close()
            rebuild_indexes(statements)

    # when the constraint comes back, then it refuses the duplicate
    with pytest.raises(IntegrityError):
        load_twice()
    # and the failed load left nothing behind
    assert not DossierCodeCounter.objects.exists()


def _day_counters() -> Rows:
    return Rows(
        DossierCodeCounter,
        2,
        {
            "agency_code": ["000.00.00.H99", "000.00.00.H99"],
            "day": ["2025-01-02", "2025-01-03"],
            "last_number": np.array([4, 7], dtype=np.int64),
        },
    )


def test_the_writer_writes_every_row_handed_to_it() -> None:
    # given rows handed to the writer in several parts
    writer = RowWriter()
    with transaction.atomic():
        for first in (2, 9):
            writer.write(
                Rows(
                    DossierCodeCounter,
                    3,
                    {
                        "agency_code": ["000.00.00.H99"] * 3,
                        "day": [f"2025-02-{day:02d}" for day in range(first, first + 3)],
                        "last_number": np.arange(first, first + 3, dtype=np.int64),
                    },
                )
            )
        # when it is closed
        writer.close()
    # then every row is in the table
    assert DossierCodeCounter.objects.count() == 6
    assert sorted(DossierCodeCounter.objects.values_list("last_number", flat=True)) == [
        2,
        3,
        4,
        9,
        10,
        11,
    ]
    assert set(writer.seconds) == {"dossiercodecounter"}


@needs_postgresql
def test_a_failed_copy_is_raised_in_the_callers_thread() -> None:
    # given rows the table refuses (no agency code)
    refused = Rows(
        DossierCodeCounter,
        1,
        {"agency_code": None, "day": ["2025-03-03"], "last_number": np.array([1])},
    )

    def load() -> None:
        with transaction.atomic():
            writer = RowWriter()
            try:
                writer.write(refused)
            finally:
                writer.close()

    # when they are written from the writer's thread
    # then the caller sees the database's refusal, and nothing is left behind
    with pytest.raises(NotNullViolation):
        load()
    assert not DossierCodeCounter.objects.exists()
