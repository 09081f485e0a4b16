"""Form II.06a read from hand-built facts: whole months from the monthly facts, the days of cut
months from the daily facts, each column a plain sum before or within the period."""

from datetime import date

import pytest
from django.db import connection

from motcua.dossiers.tests.world import World
from motcua.reports.contributions import FACT_TABLE, MONTH_TABLE, insert_months_sql
from motcua.reports.models import DailyFact
from motcua.reports.queries import FORM_COLUMNS, FormRow, build_form_ii06a

pytestmark = pytest.mark.django_db

CELL = {"level_id": 1, "unit_id": 7, "agency_id": 70, "procedure_id": 5, "sector_id": 3}
COUNTER, ONLINE, POSTAL = 1, 2, 3
DAYS = [
    (date(2025, 8, 5), ONLINE, {"received": 5}),
    (date(2025, 8, 25), ONLINE, {"resolved_on_time": 2, "due": 3, "settled": 2}),
    (date(2025, 9, 3), COUNTER, {"received": 4}),
    (date(2025, 9, 5), COUNTER, {"withdrawn": 1}),
    (date(2025, 9, 10), COUNTER, {"resolved_late": 1}),
    (date(2025, 9, 12), COUNTER, {"due": 2, "settled": 1}),
    (date(2025, 9, 20), POSTAL, {"received": 1, "due": 1}),
]


@pytest.fixture
def facts() -> None:
    for day, channel, amounts in DAYS:
        DailyFact.objects.create(day=day, channel=channel, **CELL, **amounts)
    with connection.cursor() as cursor:
        cursor.execute(insert_months_sql(target=MONTH_TABLE, source=FACT_TABLE), [])


COLUMNS = FORM_COLUMNS


def _columns(row: FormRow) -> tuple[int, ...]:
    return tuple(getattr(row, column) for column in COLUMNS)


@pytest.mark.parametrize(
    ("first_day", "last_day", "expected"),
    [
        # a cut month: August whole before the period, 1–15 September from the days
        (date(2025, 9, 1), date(2025, 9, 15), (0, 4, 0, 3, 0, 0, 1, 1, 0, 5, 2)),
        # cut at both ends: 1–19 August before the period, read from the days
        (date(2025, 8, 20), date(2025, 9, 15), (0, 4, 0, 5, 0, 2, 1, 1, 0, 5, 2)),
        # whole months only
        (date(2025, 8, 1), date(2025, 9, 30), (5, 4, 1, 0, 0, 2, 1, 1, 0, 6, 3)),
        # one day inside a month, nothing in it
        (date(2025, 9, 4), date(2025, 9, 4), (0, 0, 0, 7, 0, 0, 0, 0, 0, 7, 1)),
    ],
)
def test_form_columns_from_monthly_and_daily_facts(
    world: World, facts: None, first_day: date, last_day: date, expected: tuple[int, ...]
) -> None:
    # given hand-built facts of August and September (months summed from the days)
    # when the form is read for the period
    form = build_form_ii06a(
        officer=world.admin, first_day=first_day, last_day=last_day, grouping="agency"
    )
    # then its one row (and the total) hold the expected columns
    assert [_columns(row) for row in form.rows] == [expected]
    assert _columns(form.total) == expected
