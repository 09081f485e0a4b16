"""GET /api/v1/indicators: staff only, scoped to the caller, documented, bounded in queries."""

import pytest
from django.test import Client

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.accounts.services import issue_api_token
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE
from motcua.reports.indicators.tests.building import receive, receive_online

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators"


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_api_token(actor=None, owner=user, name='thử').secret}"}


def online_share(body: dict) -> tuple[int, int]:
    row = next(row for row in body["indicators"] if row["code"] == "3.3")
    return row["numerator"], row["denominator"]


def test_province_administrator_gets_the_whole_province(client: Client, world):
    # given a commune dossier and an online provincial one
    receive(world)
    receive_online(world)
    # when the administrator asks for 2025
    response = client.get(URL, {"year": 2025}, headers=bearer(world.admin))
    # then both are counted
    assert response.status_code == 200
    assert online_share(response.json()) == (1, 2)
    assert response.json()["cutoff"].endswith("+07:00")


def test_an_agency_handler_counts_only_the_dossiers_in_reach(client: Client, world):
    receive(world)
    receive(world, procedure=PROVINCIAL_PROCEDURE)
    response = client.get(URL, {"year": 2025}, headers=bearer(world.commune_handler))
    assert online_share(response.json()) == (0, 1)


def test_a_unit_narrows_the_answer(client: Client, world):
    receive(world)
    receive_online(world)
    response = client.get(URL, {"year": 2025, "unit": "22366"}, headers=bearer(world.admin))
    assert (response.json()["unit"], online_share(response.json())) == ("22366", (0, 1))


def test_a_citizen_is_refused(client: Client, world):
    citizen = User.objects.create(username="056190009999", kind=AccountKind.CITIZEN)
    client.force_login(citizen)
    response = client.get(URL, {"year": 2025})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_nobody_signed_in_is_refused(client: Client, world):
    assert client.get(URL, {"year": 2025}).status_code == 401


@pytest.mark.parametrize(
    ("params", "code"),
    [({"year": 2030}, "invalid_period"), ({"year": 2025, "unit": "99999"}, "unknown_unit")],
)
def test_a_bad_year_or_unknown_unit_is_a_clear_refusal(client: Client, world, params, code):
    response = client.get(URL, params, headers={**bearer(world.admin), "Accept-Language": "vi"})
    body = response.json()
    assert (response.status_code, body["code"]) == (422, code)
    assert (
        body["message"]
        == {
            "invalid_period": "Năm “2030” không hợp lệ: hãy nhập một năm từ 2000 đến 2025.",
            "unknown_unit": "Không có đơn vị hành chính nào mang mã “99999”.",
        }[code]
    )


def test_the_number_of_queries_does_not_grow_with_the_dossiers(
    client: Client, world, django_assert_max_num_queries
):
    # given twenty dossiers
    for _ in range(10):
        receive(world)
        receive_online(world)
    headers = bearer(world.admin)
    # then the answer takes a bounded number of queries
    with django_assert_max_num_queries(40):
        response = client.get(URL, {"year": 2025}, headers=headers)
    assert online_share(response.json()) == (10, 20)


def test_openapi_documents_the_indicators_endpoint(client: Client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"][URL]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"year", "unit"}
    assert {"200", "401", "403", "422"} <= set(operation["responses"])
