"""The lateness page per officer and step: scoped, drilled from the dashboard, bad input said."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from motcua.dossiers.choices import StepStatus
from motcua.dossiers.models import DossierStep
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import World
from motcua.reports.tests.conftest import vietnam

pytestmark = pytest.mark.django_db

SignIn = Callable[[Any], Client]
URL = "/backoffice/chi-so/tre-han/"


@pytest.fixture
def late_step(world: World, django_capture_on_commit_callbacks: Any) -> DossierStep:
    """The construction handler finished a step of a building permit a day late."""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = DossierFactory(world=world, procedure="1.000002.H34", processing=True)
    return DossierStep.objects.create(
        dossier=dossier,
        order=90,
        name="Thẩm định hồ sơ",
        org_unit="phong-quan-ly",
        role="handler",
        hours=8,
        status=StepStatus.DONE,
        agency=world.construction,
        handler=world.construction_handler,
        due_at=vietnam("2025-09-12T17:00:00"),
        finished_at=vietnam("2025-09-15T09:00:00"),
    )


def test_the_leader_sees_their_officers_lateness(
    world: World, late_step: DossierStep, sign_in: SignIn, django_assert_max_num_queries: Any
) -> None:
    client = sign_in(world.construction_leader)
    # the session, the officer, the second factor, the report scope, two counts and the names
    with django_assert_max_num_queries(15):
        response = client.get(URL, {"first_day": "01/09/2025", "last_day": "30/09/2025"})
    assert response.status_code == 200
    rows = {entry["row"].name: entry for entry in response.context["rows"]}
    assert rows["Lê Nam"]["row"].late == 1
    assert rows["Lê Nam"]["late_share"] == "100.0%"
    assert "Lê Nam" in response.text


def test_rows_by_step_and_a_slice_from_the_dashboard(
    world: World, late_step: DossierStep, sign_in: SignIn
) -> None:
    client = sign_in(world.admin)
    procedure = late_step.dossier.procedure_version.procedure_id
    response = client.get(
        URL,
        {
            "first_day": "01/09/2025",
            "last_day": "30/09/2025",
            "group": "step",
            "procedure": procedure,
        },
    )
    assert response.status_code == 200
    names = [entry["row"].name for entry in response.context["rows"]]
    assert "Thẩm định hồ sơ" in names
    assert response.context["slice_names"]  # the procedure's name is shown


def test_the_dashboards_procedure_rows_lead_to_the_lateness_page(
    world: World, late_step: DossierStep, sign_in: SignIn
) -> None:
    client = sign_in(world.admin)
    sector = late_step.dossier.procedure_version.sector_id
    response = client.get("/backoffice/chi-so/", {"year": 2025, "sector": sector})
    assert response.status_code == 200
    links = [entry["drill_url"] for entry in response.context["rows"]]
    assert links
    assert all(link.startswith(URL + "?") for link in links)
    assert "procedure=" in links[0]
    assert response.context["lateness_url"].startswith(URL)


def test_bad_periods_are_said_and_handlers_are_refused(
    world: World, late_step: DossierStep, sign_in: SignIn
) -> None:
    client = sign_in(world.admin)
    response = client.get(URL, {"first_day": "31/09/2025", "last_day": "01/09/2025"})
    assert response.status_code == 400
    assert response.context["form"].errors
    reversed_period = client.get(URL, {"first_day": "30/09/2025", "last_day": "01/09/2025"})
    assert reversed_period.status_code == 400
    assert sign_in(world.construction_handler).get(URL).status_code == 403
