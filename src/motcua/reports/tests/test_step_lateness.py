"""Lateness per officer and per step, on hand-built steps with their expected counts."""

from datetime import date
from typing import Any

import pytest

from motcua.dossiers.choices import StepStatus
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import World
from motcua.reports.queries import ReportNotAllowed, Slice
from motcua.reports.step_lateness import list_step_lateness, total_of
from motcua.reports.tests.conftest import vietnam

pytestmark = pytest.mark.django_db

SEPTEMBER = (date(2025, 9, 1), date(2025, 9, 30))
AT = vietnam("2025-09-30T17:00:00")


def step(dossier: Dossier, order: int, **values: Any) -> DossierStep:
    moments = {
        name: vietnam(value) if isinstance(value, str) and name.endswith("_at") else value
        for name, value in values.items()
    }
    fields: dict[str, Any] = {
        "name": "Thẩm định",
        "org_unit": "phong-chuyen-mon",
        "role": "handler",
        "hours": 8,
        "status": StepStatus.DONE,
    }
    return DossierStep.objects.create(dossier=dossier, order=100 + order, **(fields | moments))


@pytest.fixture
def steps(world: World) -> Dossier:
    """Construction's handler: one early, one on time, one late by a minute, one late the next
    day, one without a due moment, one finished in October (outside); the police handler: one
    late, and one still open past its due moment."""
    dossier = DossierFactory(world=world)
    handler, police = world.construction_handler, world.police_handler
    construction = {"agency": world.construction, "handler": handler}
    step(
        dossier, 1, due_at="2025-09-12T17:00:00", finished_at="2025-09-11T16:00:00", **construction
    )
    step(
        dossier, 2, due_at="2025-09-12T17:00:00", finished_at="2025-09-12T17:00:00", **construction
    )
    step(
        dossier, 3, due_at="2025-09-12T17:00:00", finished_at="2025-09-12T17:01:00", **construction
    )
    step(
        dossier, 4, due_at="2025-09-12T17:00:00", finished_at="2025-09-15T08:00:00", **construction
    )
    step(dossier, 5, due_at=None, finished_at="2025-09-15T08:00:00", **construction)
    step(
        dossier, 6, due_at="2025-10-02T17:00:00", finished_at="2025-10-01T08:00:00", **construction
    )
    step(
        dossier,
        7,
        name="Xác minh",
        agency=world.police,
        handler=police,
        due_at="2025-09-10T17:00:00",
        finished_at="2025-09-22T10:00:00",
    )
    step(
        dossier,
        8,
        name="Xác minh",
        agency=world.police,
        handler=police,
        status=StepStatus.ACTIVE,
        due_at="2025-09-29T17:00:00",
        finished_at=None,
    )
    return dossier


def lateness(officer: Any, group: str, **slice_values: Any) -> dict[str, tuple[int, ...]]:
    rows = list_step_lateness(
        officer=officer,
        first_day=SEPTEMBER[0],
        last_day=SEPTEMBER[1],
        group=group,
        where=Slice(**slice_values),
        at=AT,
    )
    return {
        row.name: (row.finished, row.early, row.on_time, row.late, row.overdue_open) for row in rows
    }


def test_each_officers_steps_are_judged_against_their_due_moments(
    world: World, steps: Dossier
) -> None:
    rows = lateness(world.admin, "officer", agency=world.construction.pk)
    # finished 5 in September (October's is outside), early 1, on time 1 (at the minute), late 2
    # (a minute after, the next working day); the one without a due moment is not judged
    assert rows["Lê Nam"] == (5, 1, 1, 2, 0)


def test_the_province_sees_every_officer_most_late_first(world: World, steps: Dossier) -> None:
    rows = list_step_lateness(
        officer=world.admin,
        first_day=SEPTEMBER[0],
        last_day=SEPTEMBER[1],
        group="officer",
        at=AT,
    )
    mine = [row for row in rows if row.name in {"Lê Nam", "Trịnh Công"}]
    assert [row.name for row in mine] == ["Lê Nam", "Trịnh Công"]
    police = mine[1]
    assert (police.finished, police.late, police.overdue_open) == (1, 1, 1)
    assert police.late_share == 1.0
    assert mine[0].late_share == pytest.approx(2 / 4)
    total = total_of(mine)
    assert (total.finished, total.late, total.overdue_open) == (6, 3, 1)


def test_steps_are_grouped_by_their_name(world: World, steps: Dossier) -> None:
    rows = lateness(world.admin, "step", agency=world.police.pk)
    assert rows == {"Xác minh": (1, 0, 0, 1, 1)}


def test_a_unit_leader_reads_only_their_agency(world: World, steps: Dossier) -> None:
    rows = lateness(world.construction_leader, "officer")
    assert "Trịnh Công" not in rows
    assert rows["Lê Nam"] == (5, 1, 1, 2, 0)
    police_rows = lateness(world.construction_leader, "officer", agency=world.police.pk)
    assert police_rows == {}


def test_officers_who_read_no_reports_are_refused(world: World, steps: Dossier) -> None:
    with pytest.raises(ReportNotAllowed):
        lateness(world.construction_handler, "officer")
    with pytest.raises(ValueError, match="group"):
        lateness(world.admin, "agency")


def test_an_empty_period_gives_no_rows(world: World, steps: Dossier) -> None:
    rows = list_step_lateness(
        officer=world.admin,
        first_day=date(2024, 1, 1),
        last_day=date(2024, 1, 31),
        group="officer",
        at=vietnam("2024-01-31T17:00:00"),
    )
    assert rows == []
    assert total_of(rows).late_share is None
