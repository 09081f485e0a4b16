"""Reassignment of a step by a leader and hand-overs of several dossiers together."""

import pytest

from motcua.audit.models import AuditEntry
from motcua.dossiers import queries, services
from motcua.dossiers.choices import DossierStatus, HandoverKind
from motcua.dossiers.errors import BulkRefused, InvalidInput, NotPermitted
from motcua.dossiers.events import DossierAssigned
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import _staff
from motcua.organizations.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_handler(world):
    return _staff("xuly2.xa", "Trần Vy", Role.HANDLER, agency=world.commune)


def _audit_rows(action, dossiers):
    return AuditEntry.objects.filter(
        action=action, object_id__in=[str(dossier.pk) for dossier in dossiers]
    ).count()


def test_leader_reassigns_the_step_to_another_handler_of_the_unit(
    world, second_handler, django_capture_on_commit_callbacks
):
    # given a dossier whose step a handler took
    dossier = DossierFactory(world=world, processing=True)
    services.assign_handler(
        officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
    )
    # when the unit leader gives it to a colleague
    with django_capture_on_commit_callbacks() as callbacks:
        services.reassign_step(
            officer=world.commune_leader, dossier=dossier, handler=second_handler, note="Nghỉ phép"
        )
    # then the step is the colleague's, with a hand-over row, an audit row and an event
    dossier.refresh_from_db()
    assert dossier.current_handler == second_handler
    handover = dossier.handovers.get(kind=HandoverKind.REASSIGNMENT)
    assert (handover.from_officer, handover.to_officer, handover.note) == (
        world.commune_leader,
        second_handler,
        "Nghỉ phép",
    )
    assert (
        AuditEntry.objects.filter(action="dossier.assign", object_id=str(dossier.pk)).count() == 2
    )
    assert len(callbacks) == 1


def test_a_handler_may_not_reassign_a_step(world, second_handler):
    dossier = DossierFactory(world=world, processing=True)
    with pytest.raises(NotPermitted):
        services.reassign_step(
            officer=world.commune_handler, dossier=dossier, handler=second_handler
        )
    assert dossier.steps.filter(handler=second_handler).count() == 0


def test_a_step_is_not_reassigned_outside_the_unit(world):
    dossier = DossierFactory(world=world, processing=True)
    with pytest.raises(NotPermitted):
        services.reassign_step(
            officer=world.commune_leader, dossier=dossier, handler=world.outsider
        )
    dossier.refresh_from_db()
    assert dossier.current_handler is None


def test_reassigning_to_the_officer_who_has_the_step_is_refused(world):
    dossier = DossierFactory(world=world, processing=True)
    services.assign_handler(
        officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
    )
    with pytest.raises(InvalidInput):
        services.reassign_step(
            officer=world.commune_leader, dossier=dossier, handler=world.commune_handler
        )


def test_step_candidates_are_the_officers_holding_the_steps_role_in_the_unit(world, second_handler):
    dossier = DossierFactory(world=world, processing=True)
    candidates = queries.list_step_candidates(officer=world.commune_leader, dossier=dossier)
    assert set(candidates) == {world.commune_handler, second_handler}


def test_dossiers_transferred_together_each_get_their_audit_row_and_event(
    world, django_capture_on_commit_callbacks
):
    # given three dossiers in processing at the commune
    dossiers = [DossierFactory(world=world, processing=True) for _ in range(3)]
    # when the handler transfers them together to the police
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outcomes = services.hand_over_together(
            officer=world.commune_handler,
            dossiers=dossiers,
            to_agency=world.police,
            note="Xác minh",
        )
    # then every one moved, each with its own audit row and event
    assert [outcome.ok for outcome in outcomes] == [True, True, True]
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.current_agency == world.police
    assert _audit_rows("dossier.transfer", dossiers) == 3
    assert len(callbacks) == 3


def test_dossiers_handed_to_the_next_step_together_complete_their_steps(world):
    dossiers = [DossierFactory(world=world) for _ in range(2)]
    services.hand_over_together(officer=world.commune_intake, dossiers=dossiers)
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.PROCESSING
    assert _audit_rows("dossier.complete_step", dossiers) == 2


def test_one_dossier_that_cannot_move_keeps_all_of_them_where_they_were(
    world, django_capture_on_commit_callbacks
):
    # given two dossiers in processing and one awaiting its supplement
    movable = [DossierFactory(world=world, processing=True) for _ in range(2)]
    stuck = DossierFactory(world=world, awaiting_supplement=True)
    revisions = [dossier.revision for dossier in [*movable, stuck]]
    # when the three are transferred together
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(BulkRefused) as refused,
    ):
        services.hand_over_together(
            officer=world.commune_handler, dossiers=[*movable, stuck], to_agency=world.police
        )
    # then none moved, nothing was audited or announced, and the refusal says which and why
    for dossier in movable:
        assert dossier.current_agency == world.commune
        assert dossier.handovers.filter(kind=HandoverKind.TRANSFER).count() == 0
    assert [dossier.revision for dossier in [*movable, stuck]] == revisions
    assert _audit_rows("dossier.transfer", [*movable, stuck]) == 0
    assert callbacks == []
    outcomes = refused.value.details["outcomes"]
    assert [(row["code"], row["ok"], row["error"]) for row in outcomes] == [
        (movable[0].code, True, ""),
        (movable[1].code, True, ""),
        (stuck.code, False, "act_not_allowed"),
    ]


def test_a_dossier_chosen_twice_is_refused(world):
    dossier = DossierFactory(world=world, processing=True)
    with pytest.raises(InvalidInput):
        services.hand_over_together(
            officer=world.commune_handler, dossiers=[dossier, dossier], to_agency=world.police
        )


def test_assignment_event_names_the_new_handler(world, second_handler):
    from django.test import TestCase

    from motcua.core.events import subscribe, unsubscribe

    heard: list[DossierAssigned] = []
    subscribe(DossierAssigned, heard.append)
    try:
        dossier = DossierFactory(world=world, processing=True)
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.reassign_step(
                officer=world.commune_leader, dossier=dossier, handler=second_handler
            )
    finally:
        unsubscribe(DossierAssigned, heard.append)
    assert [event.handler_id for event in heard] == [second_handler.pk]
