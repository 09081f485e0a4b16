from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from motcua.audit.models import AuditEntry
from motcua.core.clock import VIETNAM
from motcua.dossiers import services
from motcua.dossiers.choices import Channel, DossierStatus, FlagCode, StepStatus
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.errors import (
    ChannelNotOffered,
    DocumentRefused,
    DossierIncomplete,
    NotPermitted,
    UnknownProcedure,
    UnknownVariant,
)
from motcua.dossiers.events import DossierActed, DossierReceived
from motcua.dossiers.models import Dossier, DossierCodeCounter, TimelineEntry
from motcua.dossiers.tests.factories import intake_request
from motcua.dossiers.tests.world import (
    COMMUNE_PROCEDURE,
    ONLINE_PROCEDURE,
    PROVINCIAL_PROCEDURE,
)

pytestmark = pytest.mark.django_db(transaction=False)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"


def test_complete_counter_dossier_is_received_with_code_and_due_moment(
    world, django_capture_on_commit_callbacks
):
    # given a complete dossier at the commune centre
    request = intake_request(world)
    # when it is received
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dossier = services.receive_dossier(officer=world.commune_intake, request=request)
    # then it is in status 2 with a code of the receiving agency and a due moment 3 working days on
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.national_status_code == 2
    assert dossier.code == "000.00.01.H34-250916-0001"
    assert dossier.due_at == datetime(2025, 9, 19, 9, 0, tzinfo=VIETNAM)
    assert dossier.steps.get(order=1).status == StepStatus.ACTIVE
    assert AuditEntry.objects.filter(action="dossier.receive", object_id=str(dossier.pk)).exists()
    assert callbacks


def test_receipt_publishes_the_received_event_after_commit(world):
    # given a listener of dossier events
    heard: list[DossierActed] = []
    from motcua.core.events import subscribe, unsubscribe

    subscribe(DossierReceived, heard.append)
    try:
        # when a dossier is received outside any outer transaction hook
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            dossier = services.receive_dossier(
                officer=world.commune_intake, request=intake_request(world)
            )
    finally:
        unsubscribe(DossierReceived, heard.append)
    # then the event names the dossier and its national status
    assert [(e.code, e.national_status_code) for e in heard] == [(dossier.code, 2)]


def test_codes_follow_each_other_per_receiving_agency_and_day(world):
    # given two dossiers received at the provincial centre for a provincial procedure
    first = services.receive_dossier(
        officer=world.intake,
        request=intake_request(world, procedure=PROVINCIAL_PROCEDURE, centre=world.province_centre),
    )
    second = services.receive_dossier(
        officer=world.intake,
        request=intake_request(
            world,
            procedure=COMMUNE_PROCEDURE,
            centre=world.province_centre,
            agency_code=world.commune.code,
        ),
    )
    # then both carry the centre's agency identifier, numbered 1 and 2, routed to their agencies
    assert (first.code, second.code) == ("000.00.00.H34-250916-0001", "000.00.00.H34-250916-0002")
    assert first.agency == world.construction
    assert second.agency == world.commune


def test_the_receipts_audit_row_records_the_dossiers_code(world):
    # given a complete dossier at the commune centre
    request = intake_request(world)
    # when it is received
    dossier = services.receive_dossier(officer=world.commune_intake, request=request)
    # then its audit row names it by the code it was given, never by a stand-in
    entry = AuditEntry.objects.get(action="dossier.receive", object_id=str(dossier.pk))
    assert (entry.object_repr, entry.after["code"]) == (dossier.code, dossier.code)
    timeline = TimelineEntry.objects.get(dossier=dossier, act="receive")
    assert "~" not in str(timeline.details)


def test_a_day_past_9999_dossiers_grows_a_digit(world):
    # given 9,999 dossiers already received by the commune's agency today
    DossierCodeCounter.objects.create(
        agency_code=world.commune_centre.agency.code,
        day=datetime(2025, 9, 16).date(),
        last_number=9999,
    )
    # when one more is received
    dossier = services.receive_dossier(officer=world.commune_intake, request=intake_request(world))
    # then its number has five digits and the dossier is saved with it
    assert dossier.code == "000.00.01.H34-250916-10000"
    assert Dossier.objects.get(pk=dossier.pk).code == dossier.code


def test_incomplete_dossier_is_not_received(world):
    # given a dossier lacking the mandatory birth certificate
    request = intake_request(world, documents=[DocumentInput(code="TP01", originals=1)])
    # when it is received, then it is refused with the missing document listed
    with pytest.raises(DossierIncomplete) as refusal:
        services.receive_dossier(officer=world.commune_intake, request=request)
    assert refusal.value.details["missing_documents"] == [
        {"code": "TP02", "name": "Giấy chứng sinh"}
    ]
    assert not Dossier.objects.exists()


def test_ineligible_dossier_is_refused_at_intake(world):
    # when the intake officer refuses a dossier
    dossier = services.refuse_at_intake(
        officer=world.commune_intake,
        request=intake_request(world),
        reasons=["Không thuộc thẩm quyền"],
    )
    # then it is kept in status 3 with the reason
    assert dossier.status == DossierStatus.REFUSED_AT_INTAKE
    assert dossier.national_status_code == 3
    assert dossier.closing_reason == "Không thuộc thẩm quyền"


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"procedure_code": "9.999999"}, UnknownProcedure),
        ({"variant_code": "khong-co"}, UnknownVariant),
        ({"channel": Channel.POSTAL, "procedure_code": ONLINE_PROCEDURE}, None),
    ],
)
def test_unknown_procedure_or_variant_is_refused(world, override, error):
    request = intake_request(world, procedure=ONLINE_PROCEDURE, centre=world.province_centre)
    request = services.IntakeRequest(**{**request.__dict__, **override})
    if error is None:
        assert services.receive_dossier(officer=world.intake, request=request).pk
        return
    with pytest.raises(error):
        services.receive_dossier(officer=world.intake, request=request)


def test_officer_of_another_centre_cannot_receive_there(world):
    with pytest.raises(NotPermitted):
        services.receive_dossier(officer=world.intake, request=intake_request(world))


def test_online_dossier_handled_within_eight_working_hours_is_not_flagged(world, clock):
    # given an online dossier submitted at 09:00 on Tuesday
    request = intake_request(
        world, procedure=ONLINE_PROCEDURE, centre=world.province_centre, channel=Channel.ONLINE
    )
    dossier = services.submit_application(request=request)
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.intake_due_at == datetime(2025, 9, 17, 9, 0, tzinfo=VIETNAM)
    # when intake accepts it the next morning at 08:30
    clock.set(datetime(2025, 9, 17, 8, 30, tzinfo=VIETNAM))
    services.accept_application(officer=world.intake, dossier=dossier)
    # then it is received, its clock starts now, and it carries no flag
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.received_at == clock.moment
    assert not dossier.flags.exists()


def test_online_dossier_handled_after_eight_working_hours_is_flagged(world, clock):
    dossier = services.submit_application(
        request=intake_request(
            world, procedure=ONLINE_PROCEDURE, centre=world.province_centre, channel=Channel.ONLINE
        )
    )
    clock.set(datetime(2025, 9, 17, 10, 0, tzinfo=VIETNAM))
    services.accept_application(officer=world.intake, dossier=dossier)
    assert list(dossier.flags.values_list("code", flat=True)) == [FlagCode.INTAKE_LATE]


def test_bad_upload_refuses_intake_and_keeps_nothing(world):
    # given a "PDF" that is really an executable
    fake = ContentFile(b"MZ\x90\x00 not a pdf", name="to-khai.pdf")
    request = intake_request(
        world, documents=[DocumentInput(code="TP01", file=fake), DocumentInput(code="TP02")]
    )
    # when it is received, then the upload is refused with a clear message and nothing is kept
    with pytest.raises(DocumentRefused) as refusal:
        services.receive_dossier(officer=world.commune_intake, request=request)
    assert refusal.value.details["upload_code"] == "content_mismatch"
    assert "PDF" in refusal.value.message
    assert not Dossier.objects.exists()


def test_uploaded_document_is_stored_with_its_hash(world):
    upload = ContentFile(PDF, name="giay-chung-sinh.pdf")
    request = intake_request(
        world,
        documents=[
            DocumentInput(code="TP01", originals=1),
            DocumentInput(code="TP02", file=upload, digitised_at_intake=True),
        ],
    )
    dossier = services.receive_dossier(officer=world.commune_intake, request=request)
    stored = dossier.documents.get(required_document__code="TP02")
    assert stored.kind == "pdf"
    assert len(stored.sha256) == 64
    assert stored.digitised_at_intake
    assert stored.file.name.startswith(f"dossiers/{dossier.pk}/")


def test_postal_dossier_is_received_with_channel_three(world):
    # given a dossier arriving by post for a variant that accepts post
    request = intake_request(world, channel=Channel.POSTAL)
    # when it is received
    dossier = services.receive_dossier(officer=world.commune_intake, request=request)
    # then its channel is 3 and the post's hand-over is recorded
    assert dossier.channel == Channel.POSTAL
    assert dossier.handovers.get().kind == "postal"


def test_channel_the_variant_does_not_offer_is_refused(world):
    # given a variant published without postal service
    from motcua.catalog.models import ProcedureVariant

    ProcedureVariant.objects.filter(version__procedure__code=COMMUNE_PROCEDURE).update(postal=False)
    # when a postal dossier comes, then it is refused
    with pytest.raises(ChannelNotOffered):
        services.receive_dossier(
            officer=world.commune_intake, request=intake_request(world, channel=Channel.POSTAL)
        )


def test_sweep_flags_online_dossiers_waiting_past_eight_working_hours(world, clock):
    from io import StringIO

    from django.core.management import call_command

    dossier = services.submit_application(
        request=intake_request(
            world, procedure=ONLINE_PROCEDURE, centre=world.province_centre, channel=Channel.ONLINE
        )
    )
    clock.set(datetime(2025, 9, 17, 9, 30, tzinfo=VIETNAM))
    output = StringIO()
    call_command("dossiers", "sweep", stdout=output)
    assert f"flagged {dossier.code}" in output.getvalue()
    assert services.flag_late_intakes() == []


def test_rolled_back_intake_leaves_no_gap_in_the_codes(world, monkeypatch):
    # given an intake that fails after its code was taken
    from motcua.dossiers.services import intake

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "_create_steps", broken)
    with pytest.raises(RuntimeError):
        services.receive_dossier(officer=world.commune_intake, request=intake_request(world))
    monkeypatch.undo()
    # when the next dossier is received, then it takes the number the failed one gave back
    dossier = services.receive_dossier(officer=world.commune_intake, request=intake_request(world))
    assert dossier.code.endswith("-0001")


def test_intake_reads_no_catalog_centre_or_calendar_row_once_they_are_kept(
    world, settings, django_assert_num_queries
):
    # given intake keeping the catalog version and the centre in memory
    settings.DOSSIERS_CATALOG_CACHE = True
    services.receive_dossier(officer=world.commune_intake, request=intake_request(world))
    # when a second dossier of the same procedure is received: role, savepoint, dossier, steps,
    # documents, timeline, code with its update (one statement on PostgreSQL), audit (3),
    # savepoint release
    with django_assert_num_queries(11 if connection.vendor == "postgresql" else 12):
        dossier = services.receive_dossier(
            officer=world.commune_intake, request=intake_request(world)
        )
    # then it is received as the first was
    assert dossier.code.endswith("-0002")
    assert dossier.steps.count() == 4
