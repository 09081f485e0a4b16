"""The online application pages: start, fill (with and without JavaScript), upload, pay, submit."""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.applications import services
from motcua.applications.models import ApplicationDraft
from motcua.applications.tests.fixtures import PDF, applicant_answers
from motcua.core.page_checks import check_page
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import ONLINE_PROCEDURE, PROVINCIAL_PROCEDURE
from motcua.integrations.payments.sandbox.signing import signed
from motcua.payments.models import PaymentOrder

pytestmark = pytest.mark.django_db
SECRET = "sandbox-secret-for-tests"


@pytest.fixture(autouse=True)
def _sandbox(settings: Any) -> None:
    settings.SANDBOX_PAY_ENABLED = True
    settings.PAYMENT_GATEWAYS = {
        "sandbox": settings.PAYMENT_GATEWAYS["sandbox"]
        | {"SECRET": SECRET, "BASE_URL": "http://testserver/sandbox-pay/"}
    }


@pytest.fixture
def signed_in(client: Client, applicant: Any) -> Client:
    client.force_login(applicant)
    return client


def _draft_url(draft: ApplicationDraft, name: str = "portal:application-draft") -> str:
    return reverse(name, args=[draft.public_id])


def _files(**items: bytes) -> dict[str, SimpleUploadedFile]:
    return {
        f"document_{code}": SimpleUploadedFile(f"{code}.pdf", data) for code, data in items.items()
    }


def test_starting_an_application_opens_a_prefilled_draft(signed_in, online_variant):
    # when
    response = signed_in.post(
        reverse("portal:application-start", args=[ONLINE_PROCEDURE]), {"variant": "default"}
    )
    # then
    draft = ApplicationDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _draft_url(draft)
    page = signed_in.get(_draft_url(draft))
    assert page.status_code == 200
    assert 'value="Nguyễn Văn An"' in page.content.decode()


def test_the_form_pages_pass_the_basic_accessibility_checks(
    signed_in, applicant, construction_variant
):
    # given
    draft = services.start_draft(applicant=applicant, variant=construction_variant)
    # when
    start = signed_in.get(reverse("portal:application-start", args=[PROVINCIAL_PROCEDURE]))
    form = signed_in.get(_draft_url(draft))
    errors = signed_in.post(_draft_url(draft), {"action": "submit", "floors": "x"})
    # then
    for response in (start, form, errors):
        assert check_page(response.content.decode()).problems == []


def test_an_error_is_linked_to_its_field(signed_in, applicant, construction_variant, world):
    # given
    draft = services.start_draft(applicant=applicant, variant=construction_variant)
    # when
    response = signed_in.post(
        _draft_url(draft), {**applicant_answers(world), "floors": "mười", "action": "submit"}
    )
    # then
    html = response.content.decode()
    assert response.status_code == 422
    assert 'href="#id_floors"' in html
    assert 'aria-describedby="id_floors_error' in html
    assert 'id="id_floors_error"' in html


def test_saving_without_javascript_keeps_the_answers_for_another_device(
    client, applicant, online_variant, world
):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    client.force_login(applicant)
    # when
    response = client.post(
        _draft_url(draft),
        {**applicant_answers(world, applicant_address="Khánh Hòa"), "action": "save"},
    )
    # then: another browser of the same applicant sees the same answers
    assert response.status_code == 302
    other_device = Client()
    other_device.force_login(applicant)
    assert "Khánh Hòa" in other_device.get(_draft_url(draft)).content.decode()


def test_autosave_keeps_what_was_typed_and_answers_a_status(signed_in, applicant, online_variant):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    # when
    response = signed_in.post(
        _draft_url(draft, "portal:application-autosave"),
        {"applicant_address": "Cam Ranh"},
        HTTP_HX_REQUEST="true",
    )
    # then
    assert response.status_code == 200
    assert 'id="autosave"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.values["applicant_address"] == "Cam Ranh"


def test_a_fake_pdf_is_refused_and_the_draft_survives(signed_in, applicant, online_variant, world):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    # when
    response = signed_in.post(
        _draft_url(draft),
        {
            **applicant_answers(world, applicant_address="Ninh Hòa"),
            "action": "save",
            **_files(VT01=b"not a pdf"),
        },
    )
    # then
    html = response.content.decode()
    assert response.status_code == 422
    assert 'aria-describedby="document_VT01_error"' in html
    draft.refresh_from_db()
    assert draft.values["applicant_address"] == "Ninh Hòa"
    assert not draft.documents.exists()


def test_the_whole_application_submits_a_dossier_and_confirms_its_code(
    signed_in, applicant, online_variant, world
):
    # given
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    # when
    response = signed_in.post(
        _draft_url(draft), {**applicant_answers(world), "action": "submit", **_files(VT01=PDF)}
    )
    # then
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.SUBMITTED
    assert response["Location"] == reverse("portal:application-submitted", args=[dossier.code])
    confirmation = signed_in.get(response["Location"]).content.decode()
    assert dossier.code in confirmation


def test_paying_before_submission_goes_through_the_sandbox_and_back_to_the_draft(
    signed_in, applicant, construction_variant, world
):
    # given
    draft = services.start_draft(applicant=applicant, variant=construction_variant)
    # when: off to the gateway
    response = signed_in.post(_draft_url(draft, "portal:application-pay"), applicant_answers(world))
    # then
    address = urlsplit(response["Location"])
    assert address.path == "/sandbox-pay/pay/"
    query = dict(parse_qsl(address.query))
    assert query["amount"] == "150000"
    assert urlsplit(query["return_url"]).path == reverse(
        "portal:application-payment-return", args=["sandbox"]
    )
    # when: the gateway sends the payer back with its signed result
    back = signed_in.get(
        urlsplit(query["return_url"]).path,
        signed(
            {
                "merchant": "MOTCUA",
                "order": query["order"],
                "amount": "150000",
                "status": "paid",
                "transaction_id": "SBX0123456789ABCDEF",
                "timestamp": "2025-09-16T09:05:00+07:00",
            },
            secret=SECRET,
        ),
    )
    # then
    assert back["Location"] == _draft_url(draft)
    assert PaymentOrder.objects.get(reference=query["order"]).status == "paid"
    # the form no longer offers to pay
    assert (
        _draft_url(draft, "portal:application-pay")
        not in signed_in.get(_draft_url(draft)).content.decode()
    )


def test_a_forged_payment_return_is_refused(signed_in, applicant, construction_variant):
    draft = services.start_draft(applicant=applicant, variant=construction_variant)
    order = services.start_draft_payment(applicant=applicant, draft=draft, gateway="sandbox")
    response = signed_in.get(
        reverse("portal:application-payment-return", args=["sandbox"]),
        {
            "merchant": "MOTCUA",
            "order": order.reference,
            "amount": "150000",
            "status": "paid",
            "transaction_id": "SBX1",
            "timestamp": "2025-09-16T09:05:00+07:00",
            "signature": "0" * 64,
        },
    )
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == "pending"


def test_another_applicants_draft_is_not_found(client, applicant, online_variant):
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    client.force_login(UserFactory())
    assert client.get(_draft_url(draft)).status_code == 404


def test_staff_do_not_use_the_applicants_pages(client, world):
    client.force_login(world.intake)
    assert client.get(reverse("portal:my-dossiers")).status_code == 403


def test_signing_in_is_required(client, applicant, online_variant):
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    response = client.get(_draft_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
