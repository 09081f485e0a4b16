"""Dossier codes (Decree 118/2025 Art. 28): `{agency identifier}-{yyMMdd}-{NNNN}`.

The agency identifier is the one of the agency the receiving service centre belongs to (the
agency that receives, as Art. 28 says), not the competent agency's: a centre numbers what it
receives, whichever agency settles it. The sequence restarts each day per agency; it is taken
from a counter row upserted and locked inside the intake's transaction, so concurrent intakes
get distinct consecutive numbers and a rolled-back intake leaves no gap.
"""

import re
from datetime import date

from django.db import connection

from motcua.dossiers.models import Dossier, DossierCodeCounter

CODE_PATTERN = re.compile(r"^(?P<agency>[0-9A-Za-z.]{1,32})-(?P<day>\d{6})-(?P<number>\d{4,})$")


def format_dossier_code(*, agency_code: str, day: date, number: int) -> str:
    """format_dossier_code(agency_code="000.00.00.H34", day=date(2025, 7, 15), number=7)
    == "000.00.00.H34-250715-0007" (a day past 9999 dossiers simply grows a digit)."""
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


def allocate_dossier_code(*, agency_code: str, day: date) -> str:
    """Take the next number of `agency_code` on `day`; call inside the intake's transaction."""
    # One statement: the first intake of the day creates the row, later ones count it up. The
    # upsert locks the row until the intake's transaction ends, so concurrent intakes queue
    # here and a rolled-back intake leaves the number unused (PostgreSQL and SQLite ≥ 3.35).
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_code, day, last_number) VALUES (%s, %s, 1) "  # noqa: S608
            "ON CONFLICT (agency_code, day) DO UPDATE SET last_number = "
            f"{table}.last_number + 1 RETURNING last_number",
            [agency_code, day],
        )
        (number,) = cursor.fetchone()
    return format_dossier_code(agency_code=agency_code, day=day, number=number)


def number_dossier(*, dossier: Dossier, agency_code: str, day: date) -> None:
    """Give the new, already inserted `dossier` the next number of `agency_code` on `day` and
    save its code with the next revision; call inside the intake's transaction.

    On PostgreSQL one statement takes the number and writes the code (the counter's upsert in
    a CTE, then the dossier's update): the day's counter row stays locked from here to the
    commit, so the fewer round trips after it the shorter concurrent intakes queue.
    """
    if connection.vendor != "postgresql":
        dossier.code = allocate_dossier_code(agency_code=agency_code, day=day)
        dossier.revision += 1
        Dossier.objects.filter(pk=dossier.pk).update(code=dossier.code, revision=dossier.revision)
        return
    counters = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    dossiers = connection.ops.quote_name(Dossier._meta.db_table)
    prefix = f"{agency_code}-{day:%y%m%d}-"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH taken AS (INSERT INTO {counters} (agency_code, day, last_number) "  # noqa: S608
            "VALUES (%s, %s, 1) ON CONFLICT (agency_code, day) DO UPDATE SET last_number = "
            f"{counters}.last_number + 1 RETURNING last_number) "
            f"UPDATE {dossiers} SET code = %s || CASE WHEN taken.last_number < 10000 "
            "THEN lpad(taken.last_number::text, 4, '0') ELSE taken.last_number::text END, "
            "revision = revision + 1 FROM taken WHERE id = %s RETURNING code, revision",
            [agency_code, day, prefix, dossier.pk],
        )
        dossier.code, dossier.revision = cursor.fetchone()


def is_dossier_code(value: str) -> bool:
    return bool(CODE_PATTERN.match(value))
