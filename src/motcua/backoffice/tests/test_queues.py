"""Work queues: mine, my unit's, awaiting me, online dossiers awaiting intake; the dashboard."""

from typing import Any

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import Channel
from motcua.dossiers.queries import get_desk, list_queue
from motcua.dossiers.tests.factories import DossierFactory, intake_request
from motcua.dossiers.tests.world import ONLINE_PROCEDURE, PROVINCIAL_PROCEDURE


def queue_codes(officer: Any, queue: str) -> set[str]:
    return set(
        list_queue(desk=get_desk(officer=officer), queue=queue).values_list("code", flat=True)
    )


def test_a_dossier_just_received_awaits_its_intake_officer_and_is_theirs(world) -> None:
    # given a dossier received at the provincial centre (the intake step is in progress)
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE)
    # when / then
    assert dossier.code in queue_codes(world.intake, "awaiting")
    assert dossier.code in queue_codes(world.intake, "mine")
    assert dossier.code not in queue_codes(world.construction_handler, "awaiting")


@pytest.mark.parametrize(
    ("who", "awaits"),
    [
        ("construction_handler", True),
        ("construction_leader", False),
        ("intake", False),
        ("commune_handler", False),
        ("outsider", False),
    ],
)
def test_a_dossier_handed_to_the_agency_awaits_its_handlers(world, who: str, awaits: bool) -> None:
    # given the intake step is complete: the appraisal step starts at the department
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    # when / then
    assert (dossier.code in queue_codes(getattr(world, who), "awaiting")) is awaits


def test_a_step_taken_by_a_colleague_no_longer_awaits_me(world) -> None:
    # given a second handler at the department took the step
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    services.assign_handler(
        officer=world.construction_leader, dossier=dossier, handler=world.construction_handler
    )
    # when / then: it is the handler's own, and the leader has nothing to do yet
    assert dossier.code in queue_codes(world.construction_handler, "mine")
    assert dossier.code not in queue_codes(world.construction_leader, "awaiting")


def test_the_approval_step_awaits_the_unit_leader(world) -> None:
    # given every processing step of a commune dossier is complete
    dossier = DossierFactory(world=world, processing=True)
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    # when / then
    assert dossier.code in queue_codes(world.commune_leader, "awaiting")
    assert dossier.code not in queue_codes(world.commune_handler, "awaiting")


def test_a_consultation_awaits_the_consulted_agency(world) -> None:
    # given the commune asks the police's opinion
    dossier = DossierFactory(world=world, processing=True)
    services.start_consultation(
        officer=world.commune_handler, dossier=dossier, agency=world.police, question="Cư trú?"
    )
    # when / then
    assert dossier.code in queue_codes(world.police_handler, "awaiting")


def test_an_online_dossier_awaits_intake_at_its_centre_only(world) -> None:
    # given an online dossier submitted to the provincial centre
    dossier = services.submit_application(
        request=intake_request(
            world, procedure=ONLINE_PROCEDURE, centre=world.province_centre, channel=Channel.ONLINE
        )
    )
    # when / then
    assert dossier.code in queue_codes(world.intake, "intake")
    assert dossier.code in queue_codes(world.intake, "awaiting")
    assert dossier.code not in queue_codes(world.commune_intake, "intake")


def test_my_units_dossiers_are_those_my_agency_holds(world) -> None:
    # given a dossier at the department and one at the commune
    construction = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    commune = DossierFactory(world=world, processing=True)
    # when
    codes = queue_codes(world.construction_leader, "unit")
    # then
    assert construction.code in codes
    assert commune.code not in codes


def test_the_dashboard_counts_every_queue_and_the_overdue_ones(sign_in, world) -> None:
    # given one overdue dossier and one within time at the commune
    DossierFactory(world=world, overdue=True)
    DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    # when
    response = client.get("/backoffice/")
    # then
    counts = response.context["counts"]
    assert (counts["awaiting"], counts["unit"], counts["overdue"], counts["approaching"]) == (
        2,
        2,
        1,
        0,
    )
    # the overdue row says so in words, not by its colour alone
    page = response.content.decode()
    assert '<span class="time-class time-overdue">Quá hạn</span>' in page


@pytest.mark.parametrize("dossiers", [1, 6])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    sign_in, world, django_assert_num_queries, dossiers: int
) -> None:
    # given a handler with 1 or 6 dossiers waiting
    for _ in range(dossiers):
        DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    client.get("/backoffice/")  # the session and the calendar are warm
    # when / then: the same number of queries whatever the number of dossiers
    with django_assert_num_queries(16):
        assert client.get("/backoffice/").status_code == 200
