"""Dossier codes (Decree 118/2025 Art. 28): `{agency identifier}-{yyMMdd}-{NNNN}`.

The agency identifier is the one of the agency the receiving service centre belongs to (the
agency that receives, as Art. 28 says), not the competent agency's: a centre numbers what it
receives, whichever agency settles it. The sequence restarts each day per agency; it is taken
from a counter row locked inside the intake's transaction, so concurrent intakes get distinct
consecutive numbers and a rolled-back intake leaves no gap.
"""

import re
from datetime import date

from motcua.dossiers.models import DossierCodeCounter

CODE_PATTERN = re.compile(r"^(?P<agency>[0-9A-Za-z.]{1,32})-(?P<day>\d{6})-(?P<number>\d{4,})$")


def format_dossier_code(*, agency_code: str, day: date, number: int) -> str:
    """format_dossier_code(agency_code="000.00.00.H34", day=date(2025, 7, 15), number=7)
    == "000.00.00.H34-250715-0007" (a day past 9999 dossiers simply grows a digit)."""
    return f"{agency_code}-{day:%y%m%d}-{number:04d}"


def allocate_dossier_code(*, agency_code: str, day: date) -> str:
    """Take the next number of `agency_code` on `day`; call inside the intake's transaction."""
    # INSERT … ON CONFLICT DO NOTHING: the first intake of the day creates the row, racing
    # intakes do not fail; then every intake locks the row and counts up.
    DossierCodeCounter.objects.bulk_create(
        [DossierCodeCounter(agency_code=agency_code, day=day, last_number=0)],
        ignore_conflicts=True,
    )
    counter = DossierCodeCounter.objects.select_for_update().get(agency_code=agency_code, day=day)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_dossier_code(agency_code=agency_code, day=day, number=counter.last_number)


def is_dossier_code(value: str) -> bool:
    return bool(CODE_PATTERN.match(value))
