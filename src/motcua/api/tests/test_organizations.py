"""GET /api/v1/units and /api/v1/agencies: filters, pages, JSON errors, pinned query counts."""

import pytest

from motcua.organizations.tests.conftest import khanh_hoa_chart, khanh_hoa_units

__all__ = ["khanh_hoa_chart", "khanh_hoa_units"]

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units"
AGENCIES = "/api/v1/agencies"


def test_units_today_are_the_province_and_its_communes(client, khanh_hoa_units: None) -> None:
    # when the units are listed without filters
    body = client.get(UNITS).json()

    # then the first page of the 66 units in force is returned, the province first
    assert body["count"] == 66
    assert len(body["items"]) == 50
    province = body["items"][0]
    assert province == {
        "code": "56",
        "name": "Tỉnh Khánh Hòa",
        "division_type": "tỉnh",
        "level": "province",
        "parent": None,
        "effective_from": "2025-07-01",
        "effective_to": None,
        "predecessors": ["56", "58"],
        "successors": [],
    }


def test_a_ward_lists_the_former_wards_it_came_from(client, khanh_hoa_units: None) -> None:
    body = client.get(UNITS, {"level": "commune", "q": "phuong nha trang"}).json()
    ward = next(item for item in body["items"] if item["code"] == "22366")
    assert ward["name"] == "Phường Nha Trang"
    assert ward["parent"] == "56"
    assert ward["predecessors"] == ["22348", "22363", "22366", "22372", "22375"]


def test_units_before_the_merger_show_districts_and_successors(
    client, khanh_hoa_units: None
) -> None:
    # when the children of 56 are asked for on the last day before the merger
    body = client.get(UNITS, {"parent": "56", "on": "2025-06-30", "page_size": 20}).json()

    # then the nine districts of the former Khánh Hòa come back, ended that day
    assert body["count"] == 9
    assert {item["level"] for item in body["items"]} == {"district"}
    assert {item["effective_to"] for item in body["items"]} == {"2025-06-30"}


def test_a_former_ward_names_its_successor(client, khanh_hoa_units: None) -> None:
    body = client.get(
        UNITS, {"on": "2025-06-30", "q": "phuong van thanh", "level": "commune"}
    ).json()
    assert [(item["name"], item["successors"]) for item in body["items"]] == [
        ("Phường Vạn Thạnh", ["22366"])
    ]


def test_pages_follow_one_another(client, khanh_hoa_units: None) -> None:
    first = client.get(UNITS, {"page_size": 40}).json()
    second = client.get(UNITS, {"page_size": 40, "page": 2}).json()
    codes = [item["code"] for item in first["items"] + second["items"]]
    assert len(codes) == 66
    assert len(set(codes)) == 66


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 4),
        ({"level": "commune", "parent": "56", "q": "nha trang", "on": "2025-07-01"}, 6),
    ],
)
def test_units_take_a_fixed_number_of_queries(
    client, khanh_hoa_units: None, django_assert_num_queries, params: dict[str, str], queries: int
) -> None:
    # count, page, predecessors, successors (+ the level and the parent checked)
    with django_assert_num_queries(queries):
        response = client.get(UNITS, {**params, "page_size": 200})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"level": "hamlet"}, 400, "unknown_level"),
        ({"parent": "99999"}, 400, "unknown_unit"),
        ({"level": "Tỉnh"}, 422, "invalid_input"),
        ({"parent": "56; drop table"}, 422, "invalid_input"),
        ({"on": "30/06/2025"}, 422, "invalid_input"),
        ({"on": "2025-02-30"}, 422, "invalid_input"),
        ({"q": "x" * 101}, 422, "invalid_input"),
        ({"q": "nha\x00trang"}, 422, "invalid_input"),
        ({"page": "0"}, 422, "invalid_input"),
        ({"page": "99999999999999999999999"}, 422, "invalid_input"),
        ({"page_size": "201"}, 422, "invalid_input"),
        ({"page_size": "many"}, 422, "invalid_input"),
    ],
)
def test_bad_unit_filters_get_a_json_error(
    client, khanh_hoa_units: None, params: dict[str, str], status: int, code: str
) -> None:
    # when the units are asked for with a bad parameter
    response = client.get(UNITS, params)

    # then a JSON error with a code and a message comes back, never a server error
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]


def test_agencies_of_a_ward(client, khanh_hoa_chart: None) -> None:
    body = client.get(AGENCIES, {"unit": "22366"}).json()
    assert body["count"] == 1
    assert body["items"][0] == {
        "code": "000.00.02.H34",
        "name": "Ủy ban nhân dân phường Nha Trang",
        "short_name": "UBND phường Nha Trang",
        "kind": "peoples_committee",
        "level": "commune",
        "unit": {"code": "22366", "name": "Phường Nha Trang"},
        "parent": None,
        "effective_from": "2025-07-01",
        "effective_to": None,
    }


def test_provincial_departments_are_found_by_kind_and_name(client, khanh_hoa_chart: None) -> None:
    departments = client.get(AGENCIES, {"kind": "provincial_department"}).json()
    found = client.get(AGENCIES, {"level": "province", "q": "so xay dung"}).json()
    assert departments["count"] == 11
    assert [(item["code"], item["parent"]) for item in found["items"]] == [
        ("000.02.00.H34", "000.00.00.H34")
    ]


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 2),
        ({"level": "commune", "unit": "22366", "kind": "peoples_committee", "q": "nha"}, 4),
    ],
)
def test_agencies_take_a_fixed_number_of_queries(
    client, khanh_hoa_chart: None, django_assert_num_queries, params: dict[str, str], queries: int
) -> None:
    # count and page (+ the level and the unit checked)
    with django_assert_num_queries(queries):
        response = client.get(AGENCIES, {**params, "page_size": 200})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"kind": "ministry"}, 422, "invalid_input"),
        ({"level": "nowhere"}, 400, "unknown_level"),
        ({"unit": "12345"}, 400, "unknown_unit"),
        ({"unit": "abc"}, 422, "invalid_input"),
        ({"on": "yesterday"}, 422, "invalid_input"),
    ],
)
def test_bad_agency_filters_get_a_json_error(
    client, khanh_hoa_chart: None, params: dict[str, str], status: int, code: str
) -> None:
    response = client.get(AGENCIES, params)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_openapi_documents_both_endpoints(client) -> None:
    # when the OpenAPI document is fetched
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    # then both endpoints have a summary, a paged 200 schema and the JSON error schema
    for path in ("/api/v1/units", "/api/v1/agencies"):
        operation = paths[path]["get"]
        assert operation["summary"]
        assert set(operation["responses"]) >= {"200", "400", "422"}
