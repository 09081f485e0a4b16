from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from motcua.catalog.services import ImportReport
from motcua.catalog.tests.documents import ProcedureData, catalog_document

pytestmark = pytest.mark.django_db

AssertNumQueries = Callable[..., Any]


def get(client: Client, path: str, **params: Any) -> Any:
    return client.get(f"/api/v1{path}", params)


def test_search_returns_land_registration_first(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    # when "dang ky dat dai" is searched
    response = get(client, "/procedures", q="dang ky dat dai")
    # then the land registration procedures come first
    assert response.status_code == 200
    body = response.json()
    assert [item["code"] for item in body["items"]] == ["1.012790.H34", "1.012791.H34"]
    assert body["items"][0]["name"] == "Đăng ký đất đai, tài sản gắn liền với đất lần đầu"


def test_a_procedure_summary_carries_iso_dates_and_its_page(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    item = get(client, "/procedures", q="khai sinh").json()["items"][0]
    assert item == {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "version": 1,
        "sector": {"code": "HT", "name": "Hộ tịch"},
        "competence_levels": ["commune"],
        "online_level": "full",
        "effective_from": "2025-07-01",
        "effective_to": None,
        "url": "/thu-tuc/1.001193/",
    }


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"sector": "DDAI"}, ["1.012791.H34", "1.012790.H34"]),
        ({"level": "province"}, ["1.012791.H34"]),
        ({"online_level": "none"}, ["2.000001"]),
        ({"agency": "van-phong-dang-ky-dat-dai", "q": "bien dong"}, ["1.012791.H34"]),
    ],
)
def test_filters_narrow_the_list(
    client: Client,
    small_catalog_imported: ImportReport,
    params: dict[str, str],
    codes: list[str],
) -> None:
    body = get(client, "/procedures", **params).json()
    assert [item["code"] for item in body["items"]] == codes
    assert body["count"] == len(codes)


def test_the_list_is_paginated_by_limit_and_offset(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    first = get(client, "/procedures", limit=2).json()
    second = get(client, "/procedures", limit=2, offset=2).json()
    assert (first["count"], len(first["items"]), second["offset"]) == (5, 2, 2)
    assert {item["code"] for item in first["items"]}.isdisjoint(
        item["code"] for item in second["items"]
    )


def test_a_page_past_the_end_is_empty_but_tells_the_total(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    body = get(client, "/procedures", offset=50).json()
    assert (body["count"], body["items"]) == (5, [])


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 2),
        ({"q": "dang ky"}, 2),
        ({"sector": "HT", "level": "commune", "online_level": "full"}, 4),
        ({"agency": "uy-ban-nhan-dan-cap-xa"}, 3),
    ],
)
def test_the_list_runs_a_fixed_number_of_queries(
    client: Client,
    import_document: Callable[..., ImportReport],
    django_assert_num_queries: AssertNumQueries,
    params: dict[str, str],
    queries: int,
) -> None:
    # given forty procedures (page with its total, levels; one lookup per named filter)
    document = catalog_document(*[ProcedureData(name=f"Đăng ký số {n}") for n in range(40)])
    import_document(document)
    # when a page is listed / then the number of queries does not grow with the page
    with django_assert_num_queries(queries):
        response = get(client, "/procedures", limit=30, **params)
    assert response.status_code == 200


def test_the_procedure_detail_shows_the_seven_parts(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    body = get(client, "/procedures/1.012790.H34").json()
    assert body["steps_description"].startswith("Nộp hồ sơ")
    variant = body["variants"][0]
    assert variant["channels"] == ["counter", "online", "postal"]
    assert [document["code"] for document in variant["required_documents"]] == ["TP01", "TP02"]
    assert variant["processing_time"] == {"value": 20, "unit": "working_days"}
    assert variant["processing_time_by_channel"] == {
        "online": {"value": 18, "unit": "working_days"}
    }
    assert body["subjects"] == ["citizen", "business"]
    assert [agency["slug"] for agency in body["implementing_agencies"]] == [
        "van-phong-dang-ky-dat-dai",
        "uy-ban-nhan-dan-cap-xa",
    ]
    assert body["result"]["code"] == "KQ.DDAI.01"
    assert body["publication"] == {"complete": True, "missing_parts": []}
    assert body["imported_at"].endswith("+07:00")
    assert [step["hours"] for step in variant["process"]] == [4, 100, 40, 12, 4]


def test_the_detail_runs_a_fixed_number_of_queries(
    client: Client,
    small_catalog_imported: ImportReport,
    django_assert_num_queries: AssertNumQueries,
) -> None:
    with django_assert_num_queries(8):
        assert get(client, "/procedures/1.012790.H34").status_code == 200


def test_a_version_can_be_asked_for_by_number(
    client: Client,
    import_document: Callable[..., ImportReport],
) -> None:
    # given a procedure with two versions
    import_document(catalog_document(ProcedureData(code="1.000001", name="Cấp bản sao")))
    import_document(catalog_document(ProcedureData(code="1.000001", name="Cấp bản sao mới")))
    # when version 1 is asked for / then it is returned as it was
    body = get(client, "/procedures/1.000001", version=1).json()
    assert (body["version"], body["name"]) == (1, "Cấp bản sao")


def test_an_incomplete_publication_is_flagged(
    client: Client, small_catalog_imported: ImportReport
) -> None:
    body = get(client, "/procedures/2.000001").json()
    assert body["publication"]["complete"] is False
    assert "steps" in body["publication"]["missing_parts"]


def test_sectors_list_with_their_counts(
    client: Client,
    small_catalog_imported: ImportReport,
    django_assert_num_queries: AssertNumQueries,
) -> None:
    with django_assert_num_queries(1):
        body = get(client, "/sectors").json()
    assert [(sector["code"], sector["procedure_count"]) for sector in body] == [
        ("DDAI", 2),
        ("HT", 2),
        ("XD", 1),
    ]


BAD_REQUESTS = [
    ("/procedures", {"sector": "NOPE"}, 422, "unknown_filter"),
    ("/procedures", {"level": "hamlet"}, 422, "unknown_filter"),
    ("/procedures", {"agency": "no-such-agency"}, 422, "unknown_filter"),
    ("/procedures", {"online_level": "level4"}, 422, "unknown_filter"),
    ("/procedures", {"limit": "0"}, 422, "invalid_input"),
    ("/procedures", {"limit": "101"}, 422, "invalid_input"),
    ("/procedures", {"limit": "ten"}, 422, "invalid_input"),
    ("/procedures", {"offset": "-1"}, 422, "invalid_input"),
    ("/procedures", {"offset": "99999999999999999999"}, 422, "invalid_input"),
    ("/procedures", {"on": "31/12/2025"}, 422, "invalid_input"),
    ("/procedures", {"on": "2025-02-30"}, 422, "invalid_input"),
    ("/procedures", {"q": "x" * 201}, 422, "invalid_input"),
    ("/procedures", {"q": "dang\x00ky"}, 422, "invalid_input"),
    ("/procedures", {"sector": "DD\x00AI"}, 422, "invalid_input"),
    ("/procedures", {"sector": "s" * 301}, 422, "invalid_input"),
    ("/procedures/1.012790.H34", {"version": "0"}, 422, "invalid_input"),
    ("/procedures/1.012790.H34", {"version": "one"}, 422, "invalid_input"),
    ("/procedures/1.012790.H34", {"version": "9"}, 404, "procedure_not_found"),
    ("/procedures/1.012790.H34", {"on": "2020-01-01"}, 404, "procedure_not_found"),
    ("/procedures/9.999999", {}, 404, "procedure_not_found"),
    ("/procedures/%00", {}, 404, "procedure_not_found"),
    ("/procedures/" + "1" * 300, {}, 404, "procedure_not_found"),
    ("/procedures/%27%3B%20DROP%20TABLE", {}, 404, "procedure_not_found"),
    ("/sectors", {"on": "yesterday"}, 422, "invalid_input"),
]


@pytest.mark.parametrize(("path", "params", "status", "code"), BAD_REQUESTS)
def test_malformed_input_gets_a_json_error_never_a_500(
    client: Client,
    small_catalog_imported: ImportReport,
    path: str,
    params: dict[str, str],
    status: int,
    code: str,
) -> None:
    response = get(client, path, **params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_the_openapi_document_describes_every_catalog_endpoint(client: Client) -> None:
    # when the OpenAPI document is read
    spec = client.get("/api/v1/openapi.json").json()
    # then each catalog endpoint has a summary and its success and error schemas
    for path in ("/api/v1/procedures", "/api/v1/procedures/{code}", "/api/v1/sectors"):
        operation = spec["paths"][path]["get"]
        assert operation["summary"]
        assert "200" in operation["responses"]
        assert "422" in operation["responses"]
    detail = spec["paths"]["/api/v1/procedures/{code}"]["get"]["responses"]
    assert "404" in detail
