"""Reassignment, hand-over of several dossiers together, document downloads and the register."""

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.core.files.base import ContentFile
from openpyxl import load_workbook

from motcua.audit.models import AuditEntry
from motcua.dossiers import services
from motcua.dossiers.choices import HandoverKind
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import _staff
from motcua.organizations.choices import Role

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"


def page_of(dossier: Dossier) -> str:
    return f"/backoffice/ho-so/{dossier.code}/"


@pytest.fixture
def second_handler(world):
    return _staff("xuly2.xa", "Trần Vy", Role.HANDLER, agency=world.commune)


# --- Reassignment --------------------------------------------------------------------------


def test_the_leader_reassigns_the_step_from_the_dossier_page(sign_in, world, second_handler):
    # given a step the commune handler took
    dossier = DossierFactory(world=world, processing=True)
    services.assign_handler(
        officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
    )
    client = sign_in(world.commune_leader)
    # when the leader gives it to the second handler
    response = client.post(
        f"{page_of(dossier)}reassign/",
        {"revision": dossier.revision, "handler": second_handler.pk, "note": "Cân đối việc"},
    )
    # then
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_handler == second_handler
    assert dossier.handovers.filter(kind=HandoverKind.REASSIGNMENT).count() == 1


def test_the_reassignment_offers_only_the_units_other_officers(sign_in, world, second_handler):
    dossier = DossierFactory(world=world, processing=True)
    services.assign_handler(
        officer=world.commune_handler, dossier=dossier, handler=world.commune_handler
    )
    response = sign_in(world.commune_leader).get(page_of(dossier))
    panel = next(p for p in response.context["panels"] if p.key == "reassign")
    assert list(panel.form.officers.values()) == [second_handler]


def test_a_handler_is_not_offered_the_reassignment(sign_in, world, second_handler):
    dossier = DossierFactory(world=world, processing=True)
    response = sign_in(world.commune_handler).get(page_of(dossier))
    assert "reassign" not in [panel.key for panel in response.context["panels"]]


# --- Hand-over of several dossiers -----------------------------------------------------------


def bulk(client: Any, codes: list[str], destination: str, **data: Any) -> Any:
    return client.post(
        "/backoffice/ho-so/chuyen-nhieu/", {"codes": codes, "destination": destination, **data}
    )


def test_the_list_offers_a_checkbox_per_dossier_and_the_hand_over_form(sign_in, world):
    dossier = DossierFactory(world=world, processing=True)
    page = sign_in(world.commune_handler).get("/backoffice/ho-so/").content.decode()
    assert f'name="codes" value="{dossier.code}"' in page
    assert 'id="bulk-form"' in page
    assert f"Chọn hồ sơ {dossier.code}" in page


def test_chosen_dossiers_are_transferred_together(sign_in, world):
    # given two dossiers at the commune's appraisal step
    dossiers = [DossierFactory(world=world, processing=True) for _ in range(2)]
    client = sign_in(world.commune_handler)
    # when the handler transfers both to the police
    response = bulk(client, [d.code for d in dossiers], world.police.code, back="?queue=mine")
    # then both moved, each audited, and the officer is back on the list
    assert response.status_code == 302
    assert response["Location"] == "/backoffice/ho-so/?queue=mine"
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.current_agency == world.police
    assert AuditEntry.objects.filter(action="dossier.transfer").count() == 2


def test_chosen_dossiers_go_to_their_next_step_together(sign_in, world):
    dossiers = [DossierFactory(world=world) for _ in range(2)]
    response = bulk(sign_in(world.commune_intake), [d.code for d in dossiers], "next")
    assert response.status_code == 302
    assert {Dossier.objects.get(pk=d.pk).status for d in dossiers} == {"processing"}


def test_when_one_cannot_move_none_moves_and_the_report_says_why(sign_in, world):
    # given one dossier in processing and one awaiting its supplement
    movable = DossierFactory(world=world, processing=True)
    stuck = DossierFactory(world=world, awaiting_supplement=True)
    # when both are transferred together
    response = bulk(sign_in(world.commune_handler), [movable.code, stuck.code], world.police.code)
    # then nothing moved and the report names the stuck one with its reason
    assert response.status_code == 409
    page = response.content.decode()
    assert "1 hồ sơ không chuyển được nên không hồ sơ nào được chuyển." in page
    outcomes = {row["code"]: row for row in response.context["outcomes"]}
    assert outcomes[movable.code]["ok"] is True
    assert outcomes[stuck.code]["error"] == "act_not_allowed"
    movable.refresh_from_db()
    assert movable.current_agency == world.commune
    assert AuditEntry.objects.filter(action="dossier.transfer").count() == 0


def test_a_dossier_out_of_scope_blocks_the_hand_over(sign_in, world):
    mine = DossierFactory(world=world, processing=True)
    response = bulk(
        sign_in(world.commune_handler), [mine.code, "000.00.01.H34-250916-9999"], world.police.code
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.current_agency == world.commune


def test_no_dossier_chosen_is_a_clear_error(sign_in, world):
    response = bulk(sign_in(world.commune_handler), [], world.police.code)
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một hồ sơ trong danh sách." in response.content.decode()


def test_the_back_address_never_leaves_the_list(sign_in, world):
    dossier = DossierFactory(world=world, processing=True)
    response = bulk(
        sign_in(world.commune_handler), [dossier.code], world.police.code, back="//evil.example"
    )
    assert response["Location"] == "/backoffice/ho-so/"


# --- Documents -----------------------------------------------------------------------------


def with_scan(world, title: str = "Tờ khai / bản chụp") -> Dossier:
    dossier = DossierFactory(world=world, processing=True)
    services.attach_documents(
        officer=world.commune_handler,
        dossier=dossier,
        documents=[DocumentInput(title=title, file=ContentFile(PDF, name="scan.PDF"))],
    )
    return dossier


def test_staff_download_a_stored_document_with_a_safe_name(sign_in, world):
    # given a dossier with a scanned document whose title holds a slash
    dossier = with_scan(world)
    document = dossier.documents.exclude(file="").get()
    client = sign_in(world.commune_handler)
    # when the handler follows the page's link
    page = client.get(page_of(dossier)).content.decode()
    link = f"{page_of(dossier)}tai-lieu/{document.pk}/"
    assert f'href="{link}"' in page
    response = client.get(link)
    # then the file comes as an attachment named after the title, without the slash
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "T%E1%BB%9D%20khai%20_%20b%E1%BA%A3n%20ch%E1%BB%A5p.pdf" in disposition
    assert "/" not in disposition.split("filename", 1)[1].replace("utf-8''", "")


def test_a_document_out_of_scope_looks_missing(sign_in, world):
    dossier = with_scan(world)
    document = dossier.documents.exclude(file="").get()
    client = sign_in(world.construction_handler)
    assert client.get(f"{page_of(dossier)}tai-lieu/{document.pk}/").status_code == 404


def test_a_document_of_another_dossier_looks_missing(sign_in, world):
    dossier = with_scan(world)
    other = DossierFactory(world=world, processing=True)
    document = dossier.documents.exclude(file="").get()
    client = sign_in(world.commune_handler)
    assert client.get(f"{page_of(other)}tai-lieu/{document.pk}/").status_code == 404


def test_the_download_log_holds_no_file_name(sign_in, world, caplog):
    dossier = with_scan(world, title="Căn cước Trần Thị Hoa")
    document = dossier.documents.exclude(file="").get()
    client = sign_in(world.commune_handler)
    with caplog.at_level("INFO"):
        client.get(f"{page_of(dossier)}tai-lieu/{document.pk}/")
    assert "Trần Thị Hoa" not in caplog.text


# --- The register (form 07) ----------------------------------------------------------------


def register(client: Any, **params: str) -> Any:
    return client.get("/backoffice/so-theo-doi/", params)


def test_the_register_page_asks_the_period_as_dd_mm_yyyy(sign_in, world):
    page = register(sign_in(world.commune_intake)).content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page
    assert "01/09/2025" in page  # the month so far, the clock being on 16/09/2025


def test_the_register_downloads_as_xlsx_with_the_periods_dossiers(sign_in, world):
    # given two dossiers received at the commune centre today
    dossiers = [DossierFactory(world=world) for _ in range(2)]
    client = sign_in(world.commune_intake)
    # when the register of September is asked as xlsx
    response = register(
        client,
        period_from="01/09/2025",
        period_to="30/09/2025",
        centre=world.commune_centre.code,
        format="xlsx",
    )
    # then it holds both codes
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="so-theo-doi-ho-so-20250901-20250930.xlsx"'
    )
    sheet = load_workbook(BytesIO(response.content)).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert {d.code for d in dossiers} <= cells


def test_the_register_downloads_as_pdf(sign_in, world, pdf_text):
    dossier = DossierFactory(world=world)
    response = register(
        sign_in(world.commune_intake),
        period_from="16/09/2025",
        period_to="16/09/2025",
        centre=world.commune_centre.code,
        format="pdf",
    )
    assert response.status_code == 200
    assert dossier.code in pdf_text(response.content)


def test_a_period_ending_before_it_starts_is_refused_in_words(sign_in, world):
    response = register(
        sign_in(world.commune_intake),
        period_from="30/09/2025",
        period_to="01/09/2025",
        centre=world.commune_centre.code,
        format="pdf",
    )
    assert response.status_code == 400
    assert "Khoảng thời gian kết thúc trước khi bắt đầu." in response.content.decode()


def test_a_handler_may_not_print_the_register(sign_in, world):
    assert register(sign_in(world.commune_handler)).status_code == 403


def test_the_register_holds_only_the_chosen_period(world):
    from motcua.dossiers import queries

    dossier = DossierFactory(world=world)
    listed = queries.list_register_dossiers(
        officer=world.commune_intake,
        centre=world.commune_centre,
        period_from=date(2025, 9, 1),
        period_to=date(2025, 9, 15),
    )
    assert dossier not in list(listed)


def test_a_document_number_beyond_any_row_looks_missing(sign_in, world):
    dossier = with_scan(world)
    client = sign_in(world.commune_handler)
    response = client.get(f"{page_of(dossier)}tai-lieu/99999999999999999999999/")
    assert response.status_code == 404
