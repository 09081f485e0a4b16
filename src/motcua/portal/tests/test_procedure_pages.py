from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from motcua.catalog.services import ImportReport
from motcua.catalog.tests.documents import ProcedureData, catalog_document

pytestmark = pytest.mark.django_db

AssertNumQueries = Callable[..., Any]


def test_the_list_shows_procedures_with_filters(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    response = client.get("/thu-tuc/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đăng ký khai sinh" in page
    for label_target in ('for="id_q"', 'for="id_sector"', 'for="id_level"', 'for="id_agency"'):
        assert label_target in page
    assert 'for="id_online_level"' in page


def test_searching_without_accents_finds_land_registration_first(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    response = client.get("/thu-tuc/", {"q": "dang ky dat dai"})
    results = response.context["page"].object_list
    assert [version.procedure.code for version in results] == ["1.012790.H34", "1.012791.H34"]


def test_a_filter_narrows_the_list(client: Client, small_catalog_imported: ImportReport) -> None:
    response = client.get("/thu-tuc/", {"sector": "XD"})
    assert [v.procedure.code for v in response.context["page"].object_list] == ["1.009994"]


def test_an_unknown_filter_value_is_ignored_with_a_message(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    response = client.get("/thu-tuc/", {"sector": "NOPE", "q": "khai sinh"})
    assert response.status_code == 200
    assert response.context["form"].errors["sector"]
    assert [v.procedure.code for v in response.context["page"].object_list] == ["1.001193"]


def test_the_list_is_paginated_keeping_the_search(
    client: Client,
    import_document: Callable[..., ImportReport],
) -> None:
    # given 45 registrations
    import_document(catalog_document(*[ProcedureData(name=f"Đăng ký số {n}") for n in range(45)]))
    # when the second page of a search is shown
    response = client.get("/thu-tuc/", {"q": "dang ky", "page": "2"})
    # then it holds the next twenty and links on with the search kept
    assert len(response.context["page"].object_list) == 20
    assert "?q=dang+ky&amp;page=3" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "dang ky"},
        {"q": "dang ky", "sector": "HT", "level": "commune", "online_level": "full", "page": "2"},
    ],
)
def test_the_list_runs_a_fixed_number_of_queries(
    client: Client,
    import_document: Callable[..., ImportReport],
    django_assert_num_queries: AssertNumQueries,
    params: dict[str, str],
) -> None:
    # given sixty procedures; sectors, levels, agencies, count, page, levels of the page
    import_document(catalog_document(*[ProcedureData(name=f"Đăng ký số {n}") for n in range(60)]))
    with django_assert_num_queries(6):
        response = client.get("/thu-tuc/", params)
    assert response.status_code == 200


def test_an_htmx_request_gets_only_the_results(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    response = client.get("/thu-tuc/", {"q": "khai sinh"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Đăng ký khai sinh" in page
    assert "<html" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"q": "dang\x00ky"},
        {"q": "x" * 500},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "999999"},
        {"level": "\x00"},
        {"online_level": "level4"},
        {"agency": "'; drop table"},
    ],
)
def test_malformed_list_parameters_never_fail(
    client: Client, small_catalog_imported: ImportReport, params: dict[str, str]
) -> None:
    assert client.get("/thu-tuc/", params).status_code == 200


def test_the_procedure_page_shows_the_seven_parts_in_order(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    response = client.get("/thu-tuc/1.012790.H34/")
    page = response.content.decode()
    assert response.status_code == 200
    headings = [
        'id="part-steps"',
        'id="part-channels"',
        'id="part-dossier_composition"',
        'id="part-processing_time"',
        'id="part-subjects"',
        'id="part-implementing_agencies"',
        'id="part-result"',
    ]
    positions = [page.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)" in page
    assert "Văn phòng đăng ký đất đai" in page
    assert "Giấy chứng nhận quyền sử dụng đất" in page
    assert "01/07/2025" in page
    assert "100.000" in page


def test_the_procedure_page_runs_a_fixed_number_of_queries(
    client: Client,
    small_catalog_imported: ImportReport,
    django_assert_num_queries: AssertNumQueries,
) -> None:
    with django_assert_num_queries(8):
        assert client.get("/thu-tuc/1.012790.H34/").status_code == 200


def test_parts_not_published_are_flagged(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    response = client.get("/thu-tuc/2.000001/")
    assert response.status_code == 200
    assert response.context["version"].missing_parts
    assert 'role="note"' in response.content.decode()


@pytest.mark.parametrize("code", ["9.999999", "%00", "a" * 300, "..%2F..%2Fetc"])
def test_an_unknown_procedure_is_not_found(
    client: Client, small_catalog_imported: ImportReport, code: str
) -> None:
    assert client.get(f"/thu-tuc/{code}/").status_code == 404


def test_the_favicon_is_the_bundled_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("motcua/favicon.svg")
    home = client.get("/")
    assert 'rel="icon"' in home.text
