from datetime import datetime

import pytest

from motcua.core.clock import VIETNAM
from motcua.dossiers import services
from motcua.dossiers.choices import FlagCode, HandoverKind, Stage, StepStatus
from motcua.dossiers.errors import NoPreviousStep, NotPermitted, StepNotOpen
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE

pytestmark = pytest.mark.django_db


def statuses(dossier):
    return list(dossier.steps.order_by("order").values_list("status", flat=True))


def test_intake_step_hands_the_dossier_to_the_competent_agency(world):
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE)
    services.complete_step(officer=world.intake, dossier=dossier)
    assert (dossier.status, dossier.current_agency) == ("processing", world.construction)
    handover = dossier.handovers.get()
    assert (handover.kind, handover.from_agency, handover.to_agency) == (
        HandoverKind.STEP,
        world.province_committee,
        world.construction,
    )
    # the appraisal step's own due moment: 80 working hours (10 working days) from now
    assert handover.due_at == datetime(2025, 9, 30, 9, tzinfo=VIETNAM)


def test_parallel_steps_run_together_and_the_group_ends_with_its_last(world):
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    services.complete_step(officer=world.construction_handler, dossier=dossier)
    assert statuses(dossier) == ["done", "done", "active", "active", "pending", "pending"]
    services.complete_step(officer=world.construction_handler, dossier=dossier, step_order=4)
    assert statuses(dossier) == ["done", "done", "active", "done", "pending", "pending"]
    services.complete_step(officer=world.construction_handler, dossier=dossier, step_order=3)
    assert statuses(dossier) == ["done", "done", "done", "done", "active", "pending"]
    assert dossier.stage == Stage.AWAITING_APPROVAL


def test_handler_takes_the_step_and_a_leader_reassigns_it(world):
    dossier = DossierFactory(world=world, processing=True)
    services.assign_handler(
        officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
    )
    assert dossier.current_handler == world.commune_handler
    services.assign_handler(officer=world.commune_leader, dossier=dossier, handler=None)
    assert dossier.handovers.filter(kind=HandoverKind.REASSIGNMENT).count() == 1


def test_step_cannot_be_given_to_an_officer_of_another_agency(world):
    dossier = DossierFactory(world=world, processing=True)
    with pytest.raises(NotPermitted):
        services.assign_handler(
            officer=world.commune_leader, dossier=dossier, handler=world.outsider
        )


def test_return_to_the_previous_step_reopens_it(world):
    dossier = DossierFactory(world=world, processing=True)
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    services.return_to_previous_step(
        officer=world.commune_leader, dossier=dossier, note="Thẩm định lại"
    )
    assert statuses(dossier) == ["done", "active", "pending", "pending"]
    assert dossier.handovers.last().kind == HandoverKind.RETURN


def test_first_step_has_no_previous_step(world):
    dossier = DossierFactory(world=world)
    services.complete_step(officer=world.commune_intake, dossier=dossier)
    services.assign_handler(
        officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
    )
    with pytest.raises(StepNotOpen):
        services.recall_dossier(officer=world.commune_intake, dossier=dossier)


def test_recall_takes_back_an_unstarted_dossier(world):
    dossier = DossierFactory(world=world, processing=True)
    services.recall_dossier(officer=world.commune_intake, dossier=dossier)
    assert statuses(dossier) == ["active", "pending", "pending", "pending"]
    assert dossier.current_agency == world.commune


def test_no_previous_step_to_return_to(world):
    dossier = DossierFactory(world=world, processing=True)
    services.return_to_previous_step(officer=world.commune_handler, dossier=dossier, note="Lại")
    with pytest.raises(NoPreviousStep):
        services.return_to_previous_step(officer=world.commune_intake, dossier=dossier, note="Lại")


def test_consultation_answered_late_is_flagged(world, clock):
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    consultation = services.start_consultation(
        officer=world.construction_handler,
        dossier=dossier,
        agency=world.police,
        question="Ý kiến về an ninh trật tự?",
        hours=8,
    )
    assert dossier.stage == Stage.IN_CONSULTATION
    clock.set(datetime(2025, 9, 18, 9, tzinfo=VIETNAM))
    services.answer_consultation(
        officer=world.police_handler,
        dossier=dossier,
        consultation_id=consultation.pk,
        answer="Đồng ý",
    )
    assert dossier.stage == Stage.IN_STEP
    assert dossier.flags.filter(code=FlagCode.CONSULTATION_LATE).exists()


def test_bulk_transfer_reports_each_dossier(world):
    moved = DossierFactory(world=world, processing=True)
    stuck = DossierFactory(world=world, result_ready=True)
    outcomes = services.bulk_transfer(
        officer=world.commune_leader, dossiers=[moved, stuck], to_agency=world.police
    )
    assert [(o.code, o.ok, o.error) for o in outcomes] == [
        (moved.code, True, ""),
        (stuck.code, False, "act_not_allowed"),
    ]
    assert moved.steps.get(status=StepStatus.ACTIVE).agency == world.police


def test_late_step_is_flagged(world, clock):
    dossier = DossierFactory(world=world, processing=True)
    clock.set(datetime(2025, 9, 25, 9, tzinfo=VIETNAM))
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    assert dossier.flags.filter(code=FlagCode.STEP_LATE).exists()


@pytest.mark.parametrize(
    ("received_at", "transfer_due_at"),
    [
        # Decree 118/2025 Art. 18: before 15:00, the same day
        (datetime(2025, 9, 16, 14, 59, tzinfo=VIETNAM), datetime(2025, 9, 16, 17, tzinfo=VIETNAM)),
        # after 15:00, the next morning
        (
            datetime(2025, 9, 16, 15, 30, tzinfo=VIETNAM),
            datetime(2025, 9, 17, 11, 30, tzinfo=VIETNAM),
        ),
        # Friday afternoon: Monday morning
        (datetime(2025, 9, 19, 16, tzinfo=VIETNAM), datetime(2025, 9, 22, 11, 30, tzinfo=VIETNAM)),
        # before National Day: the first working day after it
        (
            datetime(2025, 8, 29, 15, 5, tzinfo=VIETNAM),
            datetime(2025, 9, 3, 11, 30, tzinfo=VIETNAM),
        ),
    ],
)
def test_paper_dossier_reaches_the_processing_unit_the_same_day_or_next_morning(
    world, clock, received_at, transfer_due_at
):
    clock.set(received_at)
    dossier = DossierFactory(world=world)
    assert dossier.steps.get(order=1).due_at == transfer_due_at
