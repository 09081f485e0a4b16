"""Drafts, uploads, payment before submission, submission, supplement and withdrawal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.applications import services
from motcua.applications.errors import (
    ApplicationInvalid,
    DocumentRefused,
    DocumentsMissing,
    DraftNotFound,
    DraftSubmitted,
    NotOnline,
    PaymentRequired,
    SubmissionRefused,
)
from motcua.applications.models import ApplicationDraft
from motcua.applications.tests.fixtures import applicant_answers, pdf
from motcua.audit.models import AuditEntry
from motcua.catalog.models import ProcedureVariant
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus, PaymentMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import World
from motcua.payments.models import PaymentOrder
from motcua.payments.queries import exists_paid_online

pytestmark = pytest.mark.django_db


def _ready_draft(
    applicant: User, variant: ProcedureVariant, world: World, **extra: str
) -> ApplicationDraft:
    draft = services.start_draft(applicant=applicant, variant=variant)
    services.save_draft(applicant=applicant, draft=draft, values=applicant_answers(world, **extra))
    for requirement in variant.required_documents.filter(mandatory=True):
        services.attach_draft_document(
            applicant=applicant, draft=draft, required_document_code=requirement.code, file=pdf()
        )
    return draft


def _pay(draft: ApplicationDraft, applicant: User) -> PaymentOrder:
    order = services.start_draft_payment(applicant=applicant, draft=draft, gateway="sandbox")
    PaymentOrder.objects.filter(pk=order.pk).update(status="paid", gateway_transaction_id="SBX1")
    draft.refresh_from_db()
    return order


def test_a_new_draft_is_prefilled_from_the_proved_profile(applicant, online_variant):
    # when
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    # then
    assert draft.values["applicant_name"] == "Nguyễn Văn An"
    assert draft.values["applicant_id_number"] == "056090000123"
    assert draft.values["applicant_email"] == applicant.email
    # the phone waits for its code: it is not offered
    assert draft.values["applicant_phone"] == ""
    assert AuditEntry.objects.filter(action="application.draft_started").count() == 1


def test_a_variant_not_offered_online_cannot_be_drafted(applicant, online_variant):
    # given
    ProcedureVariant.objects.filter(pk=online_variant.pk).update(online_level="none")
    online_variant.refresh_from_db()
    # when / then
    with pytest.raises(NotOnline):
        services.start_draft(applicant=applicant, variant=online_variant)
    assert not ApplicationDraft.objects.exists()


def test_saving_keeps_only_the_forms_own_fields(applicant, construction_variant):
    # given
    draft = services.start_draft(applicant=applicant, variant=construction_variant)
    # when
    services.save_draft(
        applicant=applicant, draft=draft, values={"floors": "abc", "is_superuser": "1"}
    )
    # then: unfinished answers are kept as typed, unknown names dropped
    draft.refresh_from_db()
    assert draft.values["floors"] == "abc"
    assert "is_superuser" not in draft.values


def test_another_applicant_cannot_save_a_draft(applicant, online_variant):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    # when / then
    with pytest.raises(DraftNotFound):
        services.save_draft(applicant=UserFactory(), draft=draft, values={"applicant_name": "X"})


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "kind_not_allowed"),
        ("don.pdf", b"PK\x03\x04 not a pdf at all", "content_mismatch"),
        ("don.pdf", b"%PDF-1.7\n" + b"garbage " * 50, "damaged_file"),
    ],
)
def test_a_refused_upload_keeps_the_draft_and_says_why(
    applicant, online_variant, world, name, content, code
):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    services.save_draft(applicant=applicant, draft=draft, values=applicant_answers(world))
    # when
    with pytest.raises(DocumentRefused) as refusal:
        services.attach_draft_document(
            applicant=applicant,
            draft=draft,
            required_document_code="VT01",
            file=SimpleUploadedFile(name, content),
        )
    # then
    assert refusal.value.details["upload_code"] == code
    assert refusal.value.message
    draft.refresh_from_db()
    assert draft.values["applicant_address"] == "12 Trần Phú, Nha Trang"
    assert not draft.documents.exists()


def test_an_oversized_upload_is_refused(applicant, online_variant, settings):
    # given
    settings.DOSSIERS_UPLOAD_MAX_BYTES = 20
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    # when / then
    with pytest.raises(DocumentRefused) as refusal:
        services.attach_draft_document(
            applicant=applicant, draft=draft, required_document_code="VT01", file=pdf()
        )
    assert refusal.value.details["upload_code"] == "file_too_large"


def test_a_second_upload_replaces_the_items_file(applicant, online_variant):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    services.attach_draft_document(
        applicant=applicant, draft=draft, required_document_code="VT01", file=pdf("a.pdf")
    )
    # when
    services.attach_draft_document(
        applicant=applicant, draft=draft, required_document_code="VT01", file=pdf("b.pdf")
    )
    # then
    assert [d.original_name for d in draft.documents.all()] == ["b.pdf"]


def test_submission_makes_an_online_dossier_with_the_intake_clock(applicant, online_variant, world):
    # given
    draft = _ready_draft(applicant, online_variant, world)
    # when
    dossier = services.submit_draft(applicant=applicant, draft=draft)
    # then
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.national_status_code == 1
    assert dossier.intake_due_at is not None
    assert dossier.intake_due_at > dossier.submitted_at
    assert dossier.applicant_user == applicant
    assert [d.required_document.code for d in dossier.documents.all()] == ["VT01"]
    draft.refresh_from_db()
    assert draft.dossier == dossier
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1


def test_a_phone_typed_with_spaces_is_kept_as_its_digits(applicant, online_variant, world):
    # given a draft whose phone was typed in groups, as it is printed on cards
    draft = _ready_draft(applicant, online_variant, world, applicant_phone="0935 246.810")
    # when it is submitted
    dossier = services.submit_draft(applicant=applicant, draft=draft)
    # then the dossier keeps the digits
    assert dossier.applicant_phone == "0935246810"


def test_a_phone_without_digits_is_refused_as_a_phone(applicant, online_variant, world):
    draft = _ready_draft(applicant, online_variant, world, applicant_phone="không có")
    with pytest.raises(ApplicationInvalid) as refusal:
        services.submit_draft(applicant=applicant, draft=draft)
    assert refusal.value.errors["applicant_phone"] == [
        "Nhập số điện thoại bằng chữ số, ví dụ 0912345678."
    ]


def test_a_submitted_draft_cannot_change(applicant, online_variant, world):
    # given
    draft = _ready_draft(applicant, online_variant, world)
    services.submit_draft(applicant=applicant, draft=draft)
    # when / then
    with pytest.raises(DraftSubmitted):
        services.save_draft(applicant=applicant, draft=draft, values={"applicant_name": "B"})


def test_invalid_answers_are_refused_field_by_field(applicant, construction_variant, world):
    # given
    draft = _ready_draft(
        applicant,
        construction_variant,
        world,
        land_lot_number="12b",
        floors="9",
        ground_area_m2="80,5",
        expected_start_on="2027-01-15",
    )
    _pay(draft, applicant)
    # when
    with pytest.raises(ApplicationInvalid) as refusal:
        services.submit_draft(applicant=applicant, draft=draft)
    # then
    errors = refusal.value.errors
    assert set(errors) == {"land_lot_number", "floors", "expected_start_on"}
    assert errors["land_lot_number"] == ["Số thửa gồm chữ số."]
    assert not Dossier.objects.exists()


def test_mandatory_documents_must_be_uploaded(applicant, online_variant, world):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    services.save_draft(applicant=applicant, draft=draft, values=applicant_answers(world))
    # when / then
    with pytest.raises(DocumentsMissing) as refusal:
        services.submit_draft(applicant=applicant, draft=draft)
    assert refusal.value.details["missing"] == ["VT01"]


def test_fees_due_before_submission_must_be_paid_first(applicant, construction_variant, world):
    # given
    draft = _ready_draft(
        applicant,
        construction_variant,
        world,
        land_lot_number="12",
        floors="3",
        ground_area_m2="80",
    )
    # when / then
    with pytest.raises(PaymentRequired):
        services.submit_draft(applicant=applicant, draft=draft)


def test_fees_paid_before_submission_are_recorded_on_the_dossier_as_online(
    applicant, construction_variant, world
):
    # given
    draft = _ready_draft(
        applicant,
        construction_variant,
        world,
        land_lot_number="12",
        floors="3",
        ground_area_m2="80,5",
    )
    order = _pay(draft, applicant)
    # when
    dossier = services.submit_draft(applicant=applicant, draft=draft)
    # then
    payment = dossier.payments.get()
    assert (payment.method, payment.amount_vnd, payment.reference) == (
        PaymentMethod.ONLINE,
        150000,
        order.reference,
    )
    assert dossier.fee_amount_vnd == 150000
    assert exists_paid_online(dossier_code=dossier.code)
    draft.refresh_from_db()
    assert draft.values["ground_area_m2"] == "80.5"


def test_a_building_permit_must_be_lodged_where_the_case_allows(
    applicant, construction_variant, world
):
    # given: the case is not boundary-free; the commune centre is not the competent one
    ProcedureVariant.objects.filter(pk=construction_variant.pk).update(boundary_free=False)
    draft = _ready_draft(
        applicant,
        construction_variant,
        world,
        land_lot_number="12",
        floors="3",
        ground_area_m2="80",
        service_centre=world.commune_centre.code,
    )
    _pay(draft, applicant)
    # when / then
    with pytest.raises(SubmissionRefused):
        services.submit_draft(applicant=applicant, draft=draft)
    assert not Dossier.objects.exists()
    assert not PaymentOrder.objects.exclude(dossier_code=None).exists()


def _submitted(applicant: User, variant: ProcedureVariant, world: World) -> Dossier:
    return services.submit_draft(applicant=applicant, draft=_ready_draft(applicant, variant, world))


def test_the_applicant_answers_a_supplement_request_and_processing_resumes(
    applicant, online_variant, world, clock
):
    # given
    dossier = _submitted(applicant, online_variant, world)
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_supplement(officer=world.intake, dossier=dossier, items=["Bản vẽ"])
    clock.advance(hours=2)
    # when
    services.supplement_dossier(applicant=applicant, dossier=dossier, files={"VT01": pdf("bs.pdf")})
    # then
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    entry = dossier.timeline.get(act="receive-supplement")
    assert entry.actor == applicant


def test_a_dossier_returned_before_receipt_is_submitted_again(applicant, online_variant, world):
    # given
    dossier = _submitted(applicant, online_variant, world)
    dossier_services.return_application(officer=world.intake, dossier=dossier, items=["Ảnh"])
    # when
    services.supplement_dossier(applicant=applicant, dossier=dossier, files={"other": pdf()})
    # then
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_a_file_for_no_required_document_is_titled_by_what_was_asked(
    applicant, online_variant, world, clock
):
    # given a supplement request naming a paper that is not one of the required documents
    dossier = _submitted(applicant, online_variant, world)
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_supplement(
        officer=world.intake, dossier=dossier, items=["Bản sao sổ đỏ có chứng thực"]
    )
    clock.advance(hours=2)
    # when the applicant uploads it in the "other document" slot
    services.supplement_dossier(applicant=applicant, dossier=dossier, files={"other": pdf()})
    # then the stored document carries the asked item as its title, not a generic word
    titles = set(dossier.documents.values_list("title", flat=True))
    assert "Bản sao sổ đỏ có chứng thực" in titles


def test_a_supplement_without_a_file_is_refused(applicant, online_variant, world):
    # given
    dossier = _submitted(applicant, online_variant, world)
    # when / then
    with pytest.raises(DocumentsMissing):
        services.supplement_dossier(applicant=applicant, dossier=dossier, files={})


def test_the_applicants_withdrawal_closes_the_dossier_at_once(applicant, online_variant, world):
    # given
    dossier = _submitted(applicant, online_variant, world)
    # when
    services.withdraw_application(applicant=applicant, dossier=dossier, reason="Nộp nhầm")
    # then
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    assert dossier.timeline.get(act="withdraw").actor == applicant
    assert AuditEntry.objects.filter(action="dossier.withdraw", actor=applicant).exists()


def test_someone_else_cannot_withdraw_the_dossier(applicant, online_variant, world):
    # given
    dossier = _submitted(applicant, online_variant, world)
    # when / then
    with pytest.raises(SubmissionRefused):
        services.withdraw_application(applicant=UserFactory(), dossier=dossier, reason="x")


def test_a_withdrawal_needs_a_reason(applicant, online_variant, world):
    dossier = _submitted(applicant, online_variant, world)
    with pytest.raises(SubmissionRefused):
        services.withdraw_application(applicant=applicant, dossier=dossier, reason="  ")


def test_a_dossier_awaiting_payment_gets_an_order_for_what_it_asks(
    applicant, online_variant, world
):
    # given
    dossier = _submitted(applicant, online_variant, world)
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_payment(officer=world.intake, dossier=dossier, amount_vnd=30000)
    # when
    order = services.start_dossier_payment(applicant=applicant, dossier=dossier, gateway="sandbox")
    # then
    assert (order.amount_vnd, order.dossier_code, order.payer) == (30000, dossier.code, applicant)
