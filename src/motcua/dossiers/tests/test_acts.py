from datetime import datetime

import pytest

from motcua.audit.models import AuditEntry
from motcua.core.clock import VIETNAM
from motcua.dossiers import services
from motcua.dossiers.choices import DossierStatus, FlagCode, PaymentMethod, ReturnMethod
from motcua.dossiers.errors import (
    ActNotAllowed,
    Conflict,
    ExtensionAlreadyGranted,
    ExtensionTooLate,
    NotPermitted,
    PaymentMismatch,
    ReturnDetailsMissing,
    SupplementAlreadyRequested,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 9, day, hour, minute, tzinfo=VIETNAM)


def test_supplement_request_stops_the_clock_and_moves_to_status_five(world):
    dossier = DossierFactory(world=world, processing=True)
    services.request_supplement(
        officer=world.commune_handler, dossier=dossier, items=["Giấy chứng sinh bản chính"]
    )
    assert dossier.status == DossierStatus.AWAITING_SUPPLEMENT
    assert dossier.national_status_code == 5
    assert dossier.supplement_items == ["Giấy chứng sinh bản chính"]
    assert AuditEntry.objects.filter(action="dossier.request_supplement").count() == 1


def test_second_supplement_request_is_refused(world):
    # given a dossier whose one supplement came back
    dossier = DossierFactory(world=world, awaiting_supplement=True)
    services.receive_supplement(officer=world.commune_handler, dossier=dossier)
    # when a second supplement is requested, then it is refused and nothing changes
    with pytest.raises(SupplementAlreadyRequested):
        services.request_supplement(officer=world.commune_handler, dossier=dossier, items=["Thêm"])
    assert dossier.status == DossierStatus.PROCESSING
    assert Dossier.objects.get(pk=dossier.pk).supplement_requests == 1


@pytest.mark.parametrize(
    ("requested_at", "flagged"),
    [
        (at(19, 9), False),  # Fri 09:00: exactly 3 working days after Tue 09:00
        (at(19, 9, 30), True),  # past the 3 working days: allowed, flagged
        (at(22, 8), True),  # Monday after
    ],
)
def test_supplement_requested_after_three_working_days_is_flagged(
    world, clock, requested_at, flagged
):
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    clock.set(requested_at)
    services.request_supplement(
        officer=world.construction_handler, dossier=dossier, items=["Bản vẽ"]
    )
    assert dossier.flags.filter(code=FlagCode.SUPPLEMENT_LATE).exists() is flagged


@pytest.mark.parametrize(
    ("procedure", "expected_due"),
    [
        # restart (building permit, 15 working days): the full time runs from the supplement
        (PROVINCIAL_PROCEDURE, at(19, 9).replace(month=10, day=9)),
        # pause (birth registration, 3 working days): 1 day used before the request, 2 left
        ("1.000001.H34", at(22, 9)),
    ],
)
def test_supplement_received_moves_the_due_moment_by_the_variants_policy(
    world, clock, procedure, expected_due
):
    # given a dossier received Tue 16/09 09:00, supplement asked Wed 17/09 09:00
    dossier = DossierFactory(world=world, procedure=procedure, processing=True)
    clock.set(at(17, 9))
    handler = (
        world.construction_handler if procedure == PROVINCIAL_PROCEDURE else world.commune_handler
    )
    services.request_supplement(officer=handler, dossier=dossier, items=["Bổ sung"])
    # when the supplement arrives Thu 18/09 09:00
    clock.set(at(18, 9))
    services.receive_supplement(officer=handler, dossier=dossier)
    # then the due moment follows the policy
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.due_at == expected_due


def test_dossier_without_supplement_is_stopped_after_the_waiting_time(world, clock):
    dossier = DossierFactory(world=world, awaiting_supplement=True)
    clock.set(at(30, 9))
    assert services.stop_unsupplemented_dossiers() == []
    clock.set(datetime(2025, 10, 2, 9, tzinfo=VIETNAM))
    assert services.stop_unsupplemented_dossiers() == [dossier.code]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.STOPPED


def test_extension_is_granted_once_with_a_new_due_moment(world, clock):
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    new_due = datetime(2025, 10, 15, 16, tzinfo=VIETNAM)
    services.extend_deadline(
        officer=world.construction_handler, dossier=dossier, new_due_at=new_due, reason="Chờ ý kiến"
    )
    assert dossier.due_at == new_due
    with pytest.raises(ExtensionAlreadyGranted):
        services.extend_deadline(
            officer=world.construction_handler,
            dossier=dossier,
            new_due_at=datetime(2025, 10, 20, 16, tzinfo=VIETNAM),
            reason="Lần hai",
        )
    assert Dossier.objects.get(pk=dossier.pk).due_at == new_due


def test_extension_less_than_one_working_day_before_due_is_refused(world, clock):
    # given a commune dossier due Fri 19/09 09:00
    dossier = DossierFactory(world=world, processing=True)
    # when the extension is asked Thu 18/09 10:00 (7 working hours before due)
    clock.set(at(18, 10))
    with pytest.raises(ExtensionTooLate):
        services.extend_deadline(
            officer=world.commune_handler,
            dossier=dossier,
            new_due_at=at(24, 16),
            reason="Chậm",
        )
    assert dossier.extensions == 0


def test_late_extension_is_flagged_where_the_deployment_says_so(world, clock, settings):
    settings.DOSSIERS_LATE_EXTENSION = "flag"
    dossier = DossierFactory(world=world, processing=True)
    clock.set(at(18, 10))
    services.extend_deadline(
        officer=world.commune_handler, dossier=dossier, new_due_at=at(24, 16), reason="Chậm"
    )
    assert dossier.due_at == at(24, 16)
    assert dossier.flags.filter(code=FlagCode.EXTENSION_LATE).exists()


def test_act_in_the_wrong_status_lists_the_allowed_acts(world):
    dossier = DossierFactory(world=world, result_ready=True)
    with pytest.raises(ActNotAllowed) as refusal:
        services.request_supplement(officer=world.commune_handler, dossier=dossier, items=["x"])
    assert refusal.value.details["allowed_acts"] == ["return-result"]
    assert refusal.value.status == 409


def test_two_officers_acting_at_once_one_wins_the_other_conflicts(world):
    # given two officers holding the same dossier as read before either acted
    dossier = DossierFactory(world=world, processing=True)
    first = Dossier.objects.get(pk=dossier.pk)
    second = Dossier.objects.get(pk=dossier.pk)
    # when the handler completes the step while the leader extends the due moment
    services.complete_step(officer=world.commune_handler, dossier=first)
    with pytest.raises(Conflict):
        services.extend_deadline(
            officer=world.commune_leader, dossier=second, new_due_at=at(24, 16), reason="Chậm"
        )
    # then the winner's step is done once and the next one runs: no lost update
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.revision == first.revision
    assert stored.extensions == 0
    assert list(stored.steps.values_list("status", flat=True)) == [
        "done",
        "done",
        "active",
        "pending",
    ]


def test_payment_request_and_record(world):
    dossier = DossierFactory(world=world, processing=True)
    services.request_payment(officer=world.commune_handler, dossier=dossier)
    assert (dossier.status, dossier.fee_amount_vnd) == (DossierStatus.AWAITING_PAYMENT, 8000)
    with pytest.raises(PaymentMismatch):
        services.record_payment(
            officer=world.commune_handler, dossier=dossier, method=PaymentMethod.CASH, amount_vnd=1
        )
    services.record_payment(
        officer=world.commune_handler, dossier=dossier, method=PaymentMethod.ONLINE, amount_vnd=8000
    )
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.payments.get().method == "online"


def test_withdrawal_before_the_decision_closes_the_dossier(world):
    dossier = DossierFactory(world=world, processing=True)
    services.withdraw_dossier(officer=world.commune_handler, dossier=dossier, reason="Đơn xin rút")
    assert (dossier.status, dossier.national_status_code) == (DossierStatus.WITHDRAWN, 7)


def test_withdrawal_after_the_decision_is_not_allowed(world):
    dossier = DossierFactory(world=world, result_ready=True)
    with pytest.raises(ActNotAllowed):
        services.withdraw_dossier(officer=world.commune_intake, dossier=dossier, reason="Rút")


def test_refusal_after_appraisal_stops_the_dossier(world):
    dossier = DossierFactory(world=world, processing=True)
    services.refuse_dossier(
        officer=world.commune_handler, dossier=dossier, reasons=["Không đủ điều kiện"]
    )
    assert (dossier.status, dossier.national_status_code) == (DossierStatus.STOPPED, 8)


def test_result_returned_at_the_counter_needs_the_receiver(world):
    dossier = DossierFactory(world=world, result_ready=True)
    with pytest.raises(ReturnDetailsMissing):
        services.return_result(officer=world.commune_intake, dossier=dossier)
    services.return_result(
        officer=world.commune_intake,
        dossier=dossier,
        receiver_name="Trần Thị Hoa",
        receiver_id_number="056190001234",
    )
    assert (dossier.status, dossier.national_status_code) == (DossierStatus.RETURNED, 10)
    audit = AuditEntry.objects.get(action="dossier.return_result")
    assert "056190001234" not in str(audit.after)


def test_result_returned_by_post_records_the_tracking_code(world):
    dossier = DossierFactory(world=world, result_ready=True)
    services.return_result(
        officer=world.commune_intake,
        dossier=dossier,
        method=ReturnMethod.POSTAL,
        postal_tracking_code="EL123456789VN",
    )
    assert dossier.postal_tracking_code == "EL123456789VN"
    assert dossier.handovers.filter(kind="postal", note="EL123456789VN").exists()


def test_only_a_unit_leader_approves_the_result(world):
    dossier = DossierFactory(world=world, processing=True)
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    with pytest.raises(NotPermitted):
        services.approve_result(officer=world.commune_handler, dossier=dossier)
    services.approve_result(officer=world.commune_leader, dossier=dossier)
    assert dossier.status == DossierStatus.RESULT_READY


def test_officer_of_another_agency_cannot_act(world):
    dossier = DossierFactory(world=world, processing=True)
    with pytest.raises(NotPermitted):
        services.complete_step(officer=world.outsider, dossier=dossier)
