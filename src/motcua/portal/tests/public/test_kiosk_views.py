"""Kiosk mode: scanning the receipt, rating after the lookup, browsing the catalog."""

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.dossiers.tests.factories import DossierFactory
from motcua.portal.kiosk_views import split_scanned
from motcua.surveys.choices import Content, RatingChannel
from motcua.surveys.models import Rating
from motcua.surveys.testing import returned_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "https://dvc.example/tra-cuu/000.00.00.H34-250916-0001?s=ABCD2345",
            ("000.00.00.H34-250916-0001", "ABCD2345"),
        ),
        ("000.00.00.H34-250916-0001", ("000.00.00.H34-250916-0001", "")),
        ("  000.00.00.H34-250916-0001\n", ("000.00.00.H34-250916-0001", "")),
    ],
)
def test_scanner_input_gives_the_code_and_the_secret(typed, expected):
    assert split_scanned(typed) == expected


def test_start_screen_offers_lookup_rating_and_procedures(client: Client):
    page = client.get("/kiosk/").content.decode()
    assert 'href="/kiosk/tra-cuu/"' in page
    assert 'href="/kiosk/thu-tuc/"' in page
    assert 'data-idle-seconds="90"' in page
    assert "kiosk.js" in page


def test_scanned_receipt_address_shows_the_status(world, client: Client):
    # given a dossier and the address its QR code holds
    dossier = DossierFactory(world=world, processing=True)
    scanned = f"http://127.0.0.1:8000/tra-cuu/{dossier.code}?s={dossier.lookup_secret}"
    # when the scanner types it into the kiosk's field
    response = client.post("/kiosk/tra-cuu/", {"code": scanned})
    # then the status is shown
    assert response.status_code == 200
    assert "Đang xử lý" in response.content.decode()


def test_typed_code_without_the_secret_is_refused(world, client: Client):
    dossier = DossierFactory(world=world)
    response = client.post("/kiosk/tra-cuu/", {"code": dossier.code})
    assert response.status_code == 400


def test_kiosk_rating_after_the_lookup_is_recorded_with_the_kiosk_channel(world, client: Client):
    # given a returned dossier looked up at the kiosk by its QR code
    dossier = returned_dossier(world)
    scanned = f"http://127.0.0.1:8000/tra-cuu/{dossier.code}?s={dossier.lookup_secret}"
    result = client.post("/kiosk/tra-cuu/", {"code": scanned}).content.decode()
    assert f"/kiosk/danh-gia/{dossier.code}/?s={dossier.lookup_secret}" in result
    # when the rating is sent
    answers = {content.value: "5" for content in Content}
    response = client.post(
        f"/kiosk/danh-gia/{dossier.code}/", {**answers, "s": dossier.lookup_secret}
    )
    # then it is kept, from the kiosk
    assert response.status_code == 200
    assert Rating.objects.get(dossier=dossier).channel == RatingChannel.KIOSK


def test_kiosk_rating_with_a_wrong_secret_is_refused(world, client: Client):
    dossier = returned_dossier(world)
    answers = {content.value: "5" for content in Content}
    response = client.post(f"/kiosk/danh-gia/{dossier.code}/", {**answers, "s": "AAAAAAAA"})
    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_kiosk_catalog_lists_and_opens_procedures(
    world, client: Client, django_assert_max_num_queries
):
    # given the test catalog, when the list is opened, then a page takes a few queries
    with django_assert_max_num_queries(6):
        listing = client.get("/kiosk/thu-tuc/", {"q": "giay"})
    assert listing.status_code == 200
    detail = client.get("/kiosk/thu-tuc/1.000001.H34/")
    assert detail.status_code == 200
    assert "TP01" in detail.content.decode() or "Tờ khai" in detail.content.decode()
