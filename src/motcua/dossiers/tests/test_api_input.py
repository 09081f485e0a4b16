"""Malformed input never yields a 500: every dossier endpoint answers a JSON refusal."""

from typing import Any

import pytest

from motcua.dossiers.tests.api_client import OfficerClient
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE

pytestmark = pytest.mark.django_db

GOOD = {
    "procedure_code": COMMUNE_PROCEDURE,
    "applicant": {"name": "Trần Thị Hoa"},
    "documents": [{"code": "TP01"}, {"code": "TP02"}],
}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "bad_request"),
        ("[]", "invalid_input"),
        ('{"procedure_code": 12, "applicant": "x"}', "invalid_input"),
        ('{"procedure_code": "1.000001.H34", "applicant": {"name": ""}}', "invalid_input"),
        (
            '{"procedure_code": "1.000001.H34", "channel": 7, "applicant": {"name": "A"}}',
            "invalid_input",
        ),
        ('{"procedure_code": "9.999999", "applicant": {"name": "A"}}', "unknown_procedure"),
        (
            '{"procedure_code": "1.000001.H34", "variant_code": "x", "applicant": {"name": "A"}}',
            "unknown_variant",
        ),
        (
            '{"procedure_code": "1.000001.H34", "agency": "000.99.99.X", '
            '"applicant": {"name": "A"}}',
            "unknown_agency",
        ),
        (
            '{"procedure_code": "1.000001.H34", "applicant": {"name": "A"}, '
            '"documents": [{"code": "TP01", "file_name": "a.pdf", "content_base64": "@@@"}]}',
            "invalid_input",
        ),
        (
            '{"procedure_code": "1.000001.H34", "applicant": {"name": "A"}, "outcome": "refuse"}',
            "invalid_input",
        ),
    ],
)
def test_bad_intake_is_refused_with_json(client, world, raw, code):
    response = OfficerClient(client, world.commune_intake).post("", raw=raw)
    assert response.status_code in {400, 422}
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    ("act", "body", "status", "code"),
    [
        ("fly", {}, 404, "unknown_act"),
        ("extend", {"new_due_at": "31/12/2025", "reason": "x"}, 422, "invalid_input"),
        ("extend", {"new_due_at": "2025-13-45T10:00", "reason": "x"}, 422, "invalid_input"),
        ("extend", {"new_due_at": "2025-09-30T10:00"}, 422, "invalid_input"),
        ("transfer", {"agency": "000.99.99.X"}, 422, "unknown_agency"),
        ("transfer", {"agency": 5}, 422, "invalid_input"),
        ("assign", {"handler": "khong-co"}, 422, "unknown_officer"),
        ("complete-step", {"step": "hai"}, 422, "invalid_input"),
        ("complete-step", {"step": 99}, 409, "step_not_open"),
        ("record-payment", {"method": "gold", "amount_vnd": 1}, 422, "invalid_input"),
        ("request-payment", {"amount_vnd": -5}, 422, "invalid_input"),
        ("request-supplement", {"items": []}, 422, "invalid_input"),
        ("refuse", {"reasons": "một lý do"}, 422, "invalid_input"),
        ("answer-consultation", {"consultation": 999, "answer": "x"}, 409, "consultation_not_open"),
        ("return-result", {"method": "pigeon"}, 422, "invalid_input"),
    ],
)
def test_bad_act_input_is_refused_with_json(client, world, act, body, status, code):
    dossier = DossierFactory(world=world, processing=True)
    response = OfficerClient(client, world.commune_handler).act(dossier.code, act, body)
    assert (response.status_code, response.json()["code"]) == (status, code)


@pytest.mark.parametrize(
    "path",
    ["/000.00.01.H34-250916-9999", "/nonsense", "/000.00.01.H34-250916-9999/timeline"],
)
def test_unknown_dossier_is_not_found(client, world, path):
    response = OfficerClient(client, world.commune_handler).get(path)
    assert (response.status_code, response.json()["code"]) == (404, "dossier_not_found")


def test_dossier_out_of_scope_looks_missing(client, world):
    dossier = DossierFactory(world=world, processing=True)
    response = OfficerClient(client, world.outsider).get(f"/{dossier.code}")
    assert (response.status_code, response.json()["code"]) == (404, "dossier_not_found")


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"status": "flying"}, "invalid_input"),
        ({"overdue": "perhaps"}, "invalid_input"),
        ({"page": 0}, "invalid_input"),
        ({"q": "x" * 101}, "invalid_input"),
    ],
)
def test_bad_list_filters_are_refused(client, world, params, code):
    response = OfficerClient(client, world.commune_handler).get("", **params)
    assert (response.status_code, response.json()["code"]) == (422, code)


@pytest.mark.parametrize(
    ("form", "status", "code"),
    [("passport", 404, "unknown_form"), ("extension", 409, "form_not_applicable")],
)
def test_unknown_or_inapplicable_form_is_refused(client, world, form, status, code):
    dossier = DossierFactory(world=world, processing=True)
    response = OfficerClient(client, world.commune_handler).get(f"/{dossier.code}/forms/{form}.pdf")
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_the_api_needs_a_token(client, world):
    response = client.get("/api/v1/dossiers")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_list_is_scoped_and_filtered(client, world, django_assert_num_queries: Any):
    # given two commune dossiers and one provincial one
    DossierFactory(world=world, processing=True)
    DossierFactory(world=world, overdue=True)
    DossierFactory(world=world, procedure="1.000002.H34")
    handler = OfficerClient(client, world.commune_handler)
    # when the commune handler lists them: token and its use, roles, agency scope (2), count,
    # page and the agency tree
    with django_assert_num_queries(8):
        response = handler.get("")
    # then only the commune's come back
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert handler.get("", overdue="true").json()["count"] == 1
    assert handler.get("", q="tran thi hoa").json()["count"] == 2
    assert OfficerClient(client, world.admin).get("").json()["count"] == 3


def test_list_query_count_does_not_grow_with_the_page(
    client, world, django_assert_num_queries: Any
):
    for _ in range(6):
        DossierFactory(world=world)
    handler = OfficerClient(client, world.commune_intake)
    with django_assert_num_queries(7):
        response = handler.get("", page_size=6)
    assert len(response.json()["items"]) == 6


def test_every_dossier_endpoint_is_documented_in_the_openapi(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {path: ops for path, ops in schema["paths"].items() if "dossier" in path}
    acts = [
        "transfer",
        "complete-step",
        "request-supplement",
        "receive-supplement",
        "request-payment",
        "record-payment",
        "withdraw",
        "refuse",
        "extend",
        "approve-result",
        "return-result",
    ]
    assert {f"/api/v1/dossiers/{{code}}/{act}" for act in acts} <= set(paths)
    assert "/api/v1/dossiers/{code}/forms/{form}.pdf" in paths
    for operations in paths.values():
        for operation in operations.values():
            assert operation["summary"]
            assert "200" in operation["responses"] or "201" in operation["responses"]
