"""'My dossiers': the applicant's own list, one dossier's page, supplement, withdrawal, payment."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.applications import services
from motcua.applications.tests.fixtures import PDF, applicant_answers, pdf
from motcua.catalog.models import ProcedureVariant
from motcua.core.clock import to_local
from motcua.core.page_checks import check_page
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import World
from motcua.surveys.choices import RatingChannel
from motcua.surveys.services import rate_dossier
from motcua.surveys.testing import all_answers, returned_dossier

pytestmark = pytest.mark.django_db


def _submit(applicant: User, variant: ProcedureVariant, world: World) -> Dossier:
    draft = services.start_draft(applicant=applicant, variant=variant)
    services.save_draft(applicant=applicant, draft=draft, values=applicant_answers(world))
    services.attach_draft_document(
        applicant=applicant, draft=draft, required_document_code="VT01", file=pdf()
    )
    return services.submit_draft(applicant=applicant, draft=draft)


@pytest.fixture
def dossier(applicant: User, online_variant: ProcedureVariant, world: World) -> Dossier:
    return _submit(applicant, online_variant, world)


@pytest.fixture
def signed_in(client: Client, applicant: User) -> Client:
    client.force_login(applicant)
    return client


def test_the_list_shows_status_in_vietnamese_and_the_due_moment(signed_in, dossier, world):
    # given
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier.refresh_from_db()
    # when
    html = signed_in.get(reverse("portal:my-dossiers")).content.decode()
    # then
    assert dossier.code in html
    assert "Được tiếp nhận" in html or "Received" in html
    assert to_local(dossier.due_at).strftime("%d/%m/%Y %H:%M") in html


def test_the_list_reads_a_fixed_number_of_queries(
    signed_in, applicant, online_variant, world, django_assert_max_num_queries
):
    # given
    for _ in range(12):
        _submit(applicant, online_variant, world)
    # when / then
    with django_assert_max_num_queries(8):
        response = signed_in.get(reverse("portal:my-dossiers"))
    # one link per dossier (the header's "my dossiers" link is not one)
    assert response.content.decode().count('href="/ho-so-cua-toi/000.') == 12


def test_the_pages_pass_the_basic_accessibility_checks(signed_in, dossier):
    for name, args in [
        ("portal:my-dossiers", []),
        ("portal:my-dossier", [dossier.code]),
        ("portal:my-dossier-withdraw", [dossier.code]),
        ("portal:application-submitted", [dossier.code]),
    ]:
        response = signed_in.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert check_page(response.content.decode()).problems == [], name


def test_another_applicants_dossier_is_not_found(client, dossier):
    client.force_login(UserFactory())
    for name in ("portal:my-dossier", "portal:my-dossier-withdraw"):
        assert client.get(reverse(name, args=[dossier.code])).status_code == 404
    response = client.post(
        reverse("portal:my-dossier-withdraw", args=[dossier.code]), {"reason": "x"}
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_the_timeline_shows_the_supplement_request_but_not_the_officer(signed_in, dossier, world):
    # given
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_supplement(
        officer=world.intake, dossier=dossier, items=["Bản sao giấy đăng ký xe"]
    )
    # when
    html = signed_in.get(reverse("portal:my-dossier", args=[dossier.code])).content.decode()
    # then
    assert "Bản sao giấy đăng ký xe" in html
    assert world.intake.full_name not in html
    assert 'action="/ho-so-cua-toi/' in html


def test_answering_a_supplement_online_resumes_processing(signed_in, dossier, world, clock):
    # given
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_supplement(officer=world.intake, dossier=dossier, items=["Ảnh"])
    clock.advance(hours=1)
    # when
    response = signed_in.post(
        reverse("portal:my-dossier-supplement", args=[dossier.code]),
        {"document_VT01": SimpleUploadedFile("anh.pdf", PDF)},
    )
    # then
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING


def test_a_refused_supplement_file_says_why_and_changes_nothing(signed_in, dossier, world):
    # given
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_supplement(officer=world.intake, dossier=dossier, items=["Ảnh"])
    # when
    response = signed_in.post(
        reverse("portal:my-dossier-supplement", args=[dossier.code]),
        {"document_VT01": SimpleUploadedFile("anh.pdf", b"MZ not a pdf")},
    )
    # then
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWAITING_SUPPLEMENT


def test_withdrawing_from_the_portal_closes_the_dossier(signed_in, dossier):
    # when
    response = signed_in.post(
        reverse("portal:my-dossier-withdraw", args=[dossier.code]), {"reason": "Nộp nhầm thủ tục"}
    )
    # then
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN


def test_a_withdrawal_without_a_reason_is_refused_clearly(signed_in, dossier):
    response = signed_in.post(reverse("portal:my-dossier-withdraw", args=[dossier.code]), {})
    assert response.status_code == 422
    assert 'aria-describedby="error-summary"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_a_dossier_awaiting_payment_is_paid_through_the_gateway(
    signed_in, dossier, world, settings: Any
):
    # given
    settings.SANDBOX_PAY_ENABLED = True
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.request_payment(officer=world.intake, dossier=dossier, amount_vnd=30000)
    # when
    response = signed_in.post(reverse("portal:my-dossier-pay", args=[dossier.code]))
    # then
    assert response.status_code == 302
    assert "/sandbox-pay/pay/" in response["Location"]
    assert "amount=30000" in response["Location"]


def test_the_rating_link_gives_way_to_a_thank_you_once_rated(signed_in, applicant, world):
    # given a returned dossier of the applicant
    dossier = returned_dossier(world)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=applicant)
    page = reverse("portal:my-dossier", kwargs={"code": dossier.code})
    rate = reverse("portal:rate-own-dossier", kwargs={"code": dossier.code})
    before = signed_in.get(page).content.decode()
    # when they have rated it
    rate_dossier(
        dossier=dossier, answers=all_answers(), channel=RatingChannel.PORTAL, applicant=applicant
    )
    after = signed_in.get(page).content.decode()
    # then the page offers the rating before, and thanks instead of offering it again after
    assert f'href="{rate}"' in before
    assert f'href="{rate}"' not in after
    assert "Hồ sơ này đã được đánh giá. Xin cảm ơn ông/bà." in after
