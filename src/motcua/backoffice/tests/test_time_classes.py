"""Time classes: the label on a row and the list filter agree, over the real calendar."""

from datetime import datetime

import pytest

from motcua.backoffice.time_classes import approaching_boundary, classify
from motcua.core.clock import VIETNAM
from motcua.dossiers.due_moments import work_calendar
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import progress_condition
from motcua.dossiers.tests.factories import DossierFactory

# Tuesday 16 Sep 2025, 09:00 (the tests' frozen moment); office hours 07:00–11:30, 13:30–17:00.
AT = datetime(2025, 9, 16, 9, 0, tzinfo=VIETNAM)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("status", "due_at", "expected"),
    [
        ("processing", at(9, 16, 8), "overdue"),
        ("processing", at(9, 16, 9), "approaching"),  # due now: not late yet
        ("processing", at(9, 17, 9), "approaching"),  # exactly one working day left
        ("processing", at(9, 17, 9, 1), "within_time"),
        ("awaiting_payment", at(9, 16, 16), "approaching"),
        ("received", at(9, 30, 9), "within_time"),
        ("processing", at(9, 22, 7), "within_time"),
    ],
)
def test_an_open_dossier_is_overdue_approaching_or_within_time(
    clock, db, status: str, due_at: datetime, expected: str
) -> None:
    # given
    dossier = Dossier(status=status, due_at=due_at, received_at=at(9, 1, 9))
    # when
    found = classify(dossier, calendar=work_calendar(), at=AT)
    # then
    assert found.name == expected


@pytest.mark.parametrize(
    ("due_at", "expected"),
    [
        (at(9, 16, 8, 59), "overdue"),
        (at(9, 16, 9), "approaching"),
        (at(9, 17, 9), "approaching"),
        (at(9, 17, 9, 1), "within_time"),
        (at(10, 1, 9), "within_time"),
    ],
)
def test_the_list_filter_agrees_with_the_label(world, due_at: datetime, expected: str) -> None:
    # given a dossier in processing due at `due_at`, and the boundary of "approaching"
    dossier = DossierFactory(world=world, processing=True)
    Dossier.objects.filter(pk=dossier.pk).update(due_at=due_at)
    dossier.refresh_from_db()
    calendar = work_calendar()
    boundary = approaching_boundary(calendar=calendar, at=AT)
    # when the database filters by each class
    matching = [
        progress
        for progress in ("overdue", "approaching", "within_time")
        if Dossier.objects.filter(progress_condition(progress, at=AT, boundary=boundary))
        .filter(pk=dossier.pk)
        .exists()
    ]
    # then exactly the class of the label matches
    assert matching == [expected]
    assert classify(dossier, calendar=calendar, at=AT).name == expected


@pytest.mark.parametrize(
    ("status", "received", "expected"),
    [
        ("awaiting_supplement", True, "stopped"),
        ("awaiting_supplement", False, "with_applicant"),
        ("withdrawn", True, "closed"),
        ("refused_at_intake", False, "closed"),
    ],
)
def test_dossiers_without_a_running_clock_say_why(
    clock, db, status: str, received: bool, expected: str
) -> None:
    dossier = Dossier(
        status=status, due_at=at(9, 20, 9), received_at=at(9, 1, 9) if received else None
    )
    assert classify(dossier, calendar=work_calendar(), at=AT).name == expected


@pytest.mark.parametrize(
    ("decided_at", "expected"),
    [(at(9, 15, 9), "early"), (at(9, 16, 9), "on_time"), (at(9, 17, 9), "late")],
)
def test_a_decided_dossier_is_early_on_time_or_late(
    clock, db, decided_at: datetime, expected: str
) -> None:
    dossier = Dossier(status="result_ready", due_at=at(9, 16, 9), decided_at=decided_at)
    assert classify(dossier, calendar=work_calendar(), at=AT).name == expected


@pytest.mark.parametrize(
    ("intake_due_at", "expected"),
    [
        (at(9, 16, 8), "intake_overdue"),
        (at(9, 16, 10), "intake_approaching"),  # within 2 working hours
        (at(9, 16, 14), "intake_within_time"),  # 11:30–13:30 is lunch: 4 working hours left
    ],
)
def test_an_online_dossier_runs_against_its_intake_window(
    clock, db, intake_due_at: datetime, expected: str
) -> None:
    dossier = Dossier(status="submitted", intake_due_at=intake_due_at)
    assert classify(dossier, calendar=work_calendar(), at=AT).name == expected
