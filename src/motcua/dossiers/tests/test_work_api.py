"""The officer's queue, the register (form 07) and document downloads through the API."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from openpyxl import load_workbook

from motcua.dossiers import services
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.api_client import OfficerClient
from motcua.dossiers.tests.factories import DossierFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"


def queue(client, user, **params):
    officer = OfficerClient(client, user)
    return client.get("/api/v1/queue", params, headers=officer.headers)


def test_the_queue_awaiting_the_handler_lists_the_steps_of_their_unit(client, world):
    # given a commune dossier at its appraisal step and one still at the intake step
    waiting = DossierFactory(world=world, processing=True)
    DossierFactory(world=world)
    # when the commune handler asks what awaits them
    response = queue(client, world.commune_handler, queue="awaiting")
    # then only the dossier at their step is listed, with its due moment in +07:00
    assert response.status_code == 200
    body = response.json()
    assert [row["code"] for row in body["items"]] == [waiting.code]
    assert body["count"] == 1
    assert body["items"][0]["due_at"].endswith("+07:00")


def test_the_queue_mine_holds_the_steps_the_officer_took(client, world):
    taken = DossierFactory(world=world, processing=True)
    DossierFactory(world=world, processing=True)
    services.assign_handler(
        officer=world.commune_handler, dossier=taken, handler=world.commune_handler
    )
    body = queue(client, world.commune_handler, queue="mine").json()
    assert [(row["code"], row["handler"]) for row in body["items"]] == [(taken.code, "xuly.xa")]


def test_the_units_queue_holds_every_open_dossier_of_the_unit(client, world):
    dossiers = [DossierFactory(world=world, processing=True) for _ in range(2)]
    body = queue(client, world.commune_leader, queue="unit").json()
    assert {row["code"] for row in body["items"]} == {d.code for d in dossiers}


@pytest.mark.parametrize(
    ("due_in", "expected"),
    [
        (timedelta(hours=-1), "overdue"),
        (timedelta(hours=2), "approaching"),
        (timedelta(days=10), "within_time"),
    ],
)
def test_each_row_says_its_time_class(client, world, clock, due_in, expected):
    dossier = DossierFactory(world=world, processing=True)
    Dossier.objects.filter(pk=dossier.pk).update(due_at=clock() + due_in)
    body = queue(client, world.commune_handler, queue="unit").json()
    assert body["items"][0]["time_class"] == expected


def test_the_queue_is_paginated(client, world):
    dossiers = [DossierFactory(world=world, processing=True) for _ in range(3)]
    body = queue(client, world.commune_handler, queue="unit", page=2, page_size=2).json()
    assert body["count"] == 3
    assert len(body["items"]) == 1
    assert body["items"][0]["code"] in {d.code for d in dossiers}


def test_the_queue_reads_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    # given 12 dossiers in the unit's queue, some taken by the handler
    for position in range(12):
        dossier = DossierFactory(world=world, processing=True)
        if position % 3 == 0:
            services.assign_handler(
                officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
            )
    headers = OfficerClient(client, world.commune_handler).headers
    # when / then: the token, the roles and scopes, the count and one page
    with django_assert_max_num_queries(14):
        response = client.get("/api/v1/queue", {"queue": "unit"}, headers=headers)
    assert len(response.json()["items"]) == 12


def test_an_unknown_queue_is_refused(client, world):
    assert queue(client, world.commune_handler, queue="everything").status_code == 422


# --- The register ----------------------------------------------------------------------------


def register(client, user, suffix, **params):
    officer = OfficerClient(client, user)
    return client.get(f"/api/v1/dossiers/register.{suffix}", params, headers=officer.headers)


def test_the_register_xlsx_lists_the_dossiers_received_in_the_period(client, world):
    dossier = DossierFactory(world=world)
    response = register(
        client, world.commune_intake, "xlsx", **{"from": "2025-09-01", "to": "2025-09-30"}
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert dossier.code in {str(cell.value) for row in sheet.iter_rows() for cell in row}


def test_the_register_pdf_shows_the_dossier(client, world, pdf_text):
    dossier = DossierFactory(world=world)
    response = register(
        client, world.commune_intake, "pdf", **{"from": "2025-09-16", "to": "2025-09-16"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert dossier.code in pdf_text(response.content)


def test_the_register_filters_by_lead_agency(client, world):
    DossierFactory(world=world)
    response = register(
        client,
        world.commune_intake,
        "xlsx",
        **{"from": "2025-09-01", "to": "2025-09-30", "agency": world.police.code},
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert not any("-250916-" in str(cell.value) for row in sheet.iter_rows() for cell in row)


def test_a_register_period_ending_before_it_starts_is_refused(client, world):
    response = register(
        client, world.commune_intake, "pdf", **{"from": "2025-09-30", "to": "2025-09-01"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_a_handler_has_no_register(client, world):
    response = register(
        client, world.commune_handler, "pdf", **{"from": "2025-09-01", "to": "2025-09-30"}
    )
    assert response.status_code == 403


def test_a_centre_out_of_scope_is_refused(client, world):
    response = register(
        client,
        world.commune_intake,
        "pdf",
        **{"from": "2025-09-01", "to": "2025-09-30", "centre": world.province_centre.code},
    )
    assert response.status_code == 422


# --- Documents -------------------------------------------------------------------------------


def test_a_stored_document_downloads_through_the_api(client, world):
    dossier = DossierFactory(world=world, processing=True)
    services.attach_documents(
        officer=world.commune_handler,
        dossier=dossier,
        documents=[DocumentInput(title="Bản vẽ", file=ContentFile(PDF, name="x.pdf"))],
    )
    document = dossier.documents.exclude(file="").get()
    officer = OfficerClient(client, world.commune_handler)
    response = officer.get(f"/{dossier.code}/documents/{document.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    outsider = OfficerClient(client, world.construction_handler)
    assert outsider.get(f"/{dossier.code}/documents/{document.pk}").status_code == 404
