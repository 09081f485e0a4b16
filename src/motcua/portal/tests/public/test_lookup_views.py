"""Public lookup: /tra-cuu/, the receipt's QR address and GET /api/v1/lookup/{code}."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from motcua.dossiers import services
from motcua.dossiers.lookup_secrets import ALPHABET, LENGTH, printed_lookup_secret
from motcua.dossiers.notifications import lookup_url
from motcua.dossiers.public_lookup import get_public_status
from motcua.dossiers.tests.factories import DossierFactory, intake_request

pytestmark = pytest.mark.django_db
PERSONAL = ("Trần Thị Hoa", "056190001234", "0912345678", "Trần Phú", "hoa@example.vn")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def test_every_dossier_gets_its_own_secret_at_intake(world):
    # given two dossiers received at the counter
    first = DossierFactory(world=world)
    second = DossierFactory(world=world)
    # then each has an eight-character secret of the alphabet without look-alikes
    for dossier in (first, second):
        assert len(dossier.lookup_secret) == LENGTH
        assert set(dossier.lookup_secret) <= set(ALPHABET)
    assert first.lookup_secret != second.lookup_secret


def test_qr_address_carries_the_code_and_the_secret(world, settings):
    # given a received dossier
    settings.PUBLIC_BASE_URL = "https://dichvucong.example/"
    dossier = DossierFactory(world=world)
    # then the lookup address of its receipt holds the code and the secret
    assert lookup_url(dossier.code, dossier.lookup_secret) == (
        f"https://dichvucong.example/tra-cuu/{dossier.code}?s={dossier.lookup_secret}"
    )


def test_receipt_prints_the_secret_in_two_groups(world):
    from motcua.dossiers.forms import receipt_context

    dossier = DossierFactory(world=world)
    context = receipt_context(dossier)
    assert context.lookup_secret == printed_lookup_secret(dossier.lookup_secret)
    assert context.lookup_url.endswith(f"?s={dossier.lookup_secret}")


def test_receipt_qr_opens_the_status_without_personal_data(world, client: Client):
    # given a dossier received at the counter
    dossier = DossierFactory(world=world, processing=True)
    # when the receipt's QR address is opened
    response = client.get(f"/tra-cuu/{dossier.code}?s={dossier.lookup_secret}")
    # then the status, the moments and the agency are shown, nothing personal
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đang xử lý" in page
    assert world.commune.name in page
    assert dossier.received_at is not None
    assert dossier.received_at.strftime("%d/%m/%Y") in page
    for personal in PERSONAL:
        assert personal not in page


def test_secret_is_accepted_as_printed_in_lower_case_with_a_dash(world, client: Client):
    dossier = DossierFactory(world=world)
    typed = printed_lookup_secret(dossier.lookup_secret).lower()
    response = client.post("/tra-cuu/", {"code": f" {dossier.code.lower()} ", "secret": typed})
    assert response.status_code == 200
    assert dossier.code in response.content.decode()


def test_last_four_phone_digits_open_the_status(world, client: Client):
    dossier = DossierFactory(world=world)
    response = client.post("/tra-cuu/", {"code": dossier.code, "phone_digits": "5678"})
    assert response.status_code == 200
    assert "Được tiếp nhận" in response.content.decode()


def test_wrong_secret_and_unknown_code_get_the_same_answer(world, client: Client):
    # given a real dossier
    dossier = DossierFactory(world=world)
    # when one asks with a wrong secret and another with a code that does not exist
    wrong_secret = client.post("/tra-cuu/", {"code": dossier.code, "secret": "AAAAAAAA"})
    unknown_code = client.post(
        "/tra-cuu/", {"code": dossier.code[:-4] + "9999", "secret": "AAAAAAAA"}
    )
    # then both get the same status and the same message
    assert wrong_secret.status_code == unknown_code.status_code == 404
    message = "Không có hồ sơ nào khớp với mã và mã tra cứu này"
    assert message in wrong_secret.content.decode()
    assert message in unknown_code.content.decode()


def test_wrong_phone_digits_are_refused(world, client: Client):
    dossier = DossierFactory(world=world)
    response = client.post("/tra-cuu/", {"code": dossier.code, "phone_digits": "0000"})
    assert response.status_code == 404


def test_dossier_without_a_phone_cannot_be_opened_by_phone_digits(world):
    dossier = services.receive_dossier(
        officer=world.commune_intake,
        request=intake_request(
            world,
            applicant=services.ApplicantDetails(name="Lê Văn Nam", id_number="056190009999"),
        ),
    )
    from motcua.dossiers.errors import DossierNotFound

    with pytest.raises(DossierNotFound):
        get_public_status(code=dossier.code, phone_digits="")


def test_wrong_secret_and_unknown_code_do_the_same_work(world, django_assert_num_queries):
    # given a real dossier
    dossier = DossierFactory(world=world)
    from motcua.dossiers.errors import DossierNotFound

    # then a wrong secret and an unknown code each cost exactly one query
    for code in (dossier.code, "000.00.00.H34-250101-0001"):
        with django_assert_num_queries(1), pytest.raises(DossierNotFound):
            get_public_status(code=code, secret="AAAAAAAA")


def test_lookup_without_a_secret_or_digits_asks_for_one(client: Client):
    response = client.post("/tra-cuu/", {"code": "000.00.00.H34-250101-0001"})
    assert response.status_code == 400
    assert "Nhập mã tra cứu hoặc bốn số cuối" in response.content.decode()


@override_settings(PUBLIC_LOOKUPS_PER_WINDOW=3)
def test_lookups_are_limited_per_address(world, client: Client):
    # given an address that already looked up three times
    dossier = DossierFactory(world=world)
    for _ in range(3):
        client.post("/tra-cuu/", {"code": dossier.code, "secret": dossier.lookup_secret})
    # when it asks a fourth time, even with the right secret
    response = client.post("/tra-cuu/", {"code": dossier.code, "secret": dossier.lookup_secret})
    # then it is told to wait, in Vietnamese
    assert response.status_code == 429
    assert "Quá nhiều lượt tra cứu" in response.content.decode()


@override_settings(PUBLIC_LOOKUP_FAILURES_PER_CODE=2)
def test_code_rests_after_too_many_wrong_secrets(world):
    # given two wrong secrets tried on a code from different addresses
    from motcua.dossiers.errors import DossierNotFound
    from motcua.dossiers.public_lookup import LookupLimited, look_up_dossier

    dossier = DossierFactory(world=world)
    for address in ("10.0.0.1", "10.0.0.2"):
        with pytest.raises(DossierNotFound):
            look_up_dossier(code=dossier.code, secret="AAAAAAAA", address=address)
    # when the right secret comes from a third address, then the code is resting
    with pytest.raises(LookupLimited):
        look_up_dossier(code=dossier.code, secret=dossier.lookup_secret, address="10.0.0.3")


def test_api_lookup_answers_iso_moments_and_no_personal_data(world, client: Client):
    # given a dossier in processing
    dossier = DossierFactory(world=world, processing=True)
    # when the API is asked anonymously with the secret
    response = client.get(f"/api/v1/lookup/{dossier.code}", {"secret": dossier.lookup_secret})
    # then the status comes with moments at +07:00
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "processing"
    assert body["national_status_code"] == 4
    assert body["received_at"].endswith("+07:00")
    assert body["result_ready"] is False
    for personal in PERSONAL:
        assert personal not in response.content.decode()


def test_api_lookup_with_a_wrong_secret_is_the_unknown_code_answer(world, client: Client):
    dossier = DossierFactory(world=world)
    wrong = client.get(f"/api/v1/lookup/{dossier.code}", {"secret": "AAAAAAAA"})
    unknown = client.get("/api/v1/lookup/000.00.00.H34-250101-0001", {"secret": "AAAAAAAA"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert wrong.json()["code"] == "dossier_not_found"


def test_api_lookup_is_in_the_openapi_schema(client: Client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/lookup/{code}" in schema["paths"]
