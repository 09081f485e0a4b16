"""The counter's intake: search without accents, the checklist from the catalog, the three
outcomes, and bad input that keeps everything typed."""

from typing import Any

import pytest

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE, PROVINCIAL_PROCEDURE

INTAKE = "/backoffice/tiep-nhan/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"


def documents_of(procedure: str) -> list[RequiredDocument]:
    return list(
        RequiredDocument.objects.filter(variant__version__procedure__code=procedure).order_by(
            "position"
        )
    )


def intake_data(procedure: str = PROVINCIAL_PROCEDURE, *, ticked: Any = None, **extra: Any) -> dict:
    data = {
        "applicant_kind": "citizen",
        "applicant_name": "Đặng Văn Đức",
        "applicant_id_number": "079088000111",
        "applicant_address": "5 Lê Lợi, Nha Trang",
        "applicant_phone": "0905 111 222",
        "applicant_email": "duc@example.vn",
        "sets": "1",
        "channel": "1",
        "return_method": "counter",
        "outcome": "receive",
    }
    for document in documents_of(procedure):
        if ticked is None or document.code in ticked:
            data[f"doc_{document.pk}_given"] = "on"
        data[f"doc_{document.pk}_originals"] = str(document.originals)
        data[f"doc_{document.pk}_copies"] = str(document.copies)
    data.update(extra)
    return data


def form_url(procedure: str = PROVINCIAL_PROCEDURE) -> str:
    return f"{INTAKE}?procedure={procedure}"


def test_the_procedure_is_found_by_typing_without_accents(sign_in, world) -> None:
    # given
    client = sign_in(world.intake)
    # when
    response = client.get(INTAKE, {"q": "giay phep xay dung"})
    # then
    names = [version.name for version in response.context["versions"]]
    assert names == ["Cấp giấy phép xây dựng"]
    assert f"procedure={PROVINCIAL_PROCEDURE}" in response.content.decode()


def test_the_checklist_is_prefilled_from_the_catalog(sign_in, world) -> None:
    # given a procedure of one case
    client = sign_in(world.commune_intake)
    # when
    response = client.get(form_url(COMMUNE_PROCEDURE))
    # then each required document is a row, counts as published, nothing ticked yet
    rows = response.context["checklist"]
    assert [row.document.code for row in rows] == ["TP01", "TP02", "TP03"]
    assert [
        (row.originals.value(), row.copies.value(), bool(row.given.value())) for row in rows
    ] == [(1, 0, False)] * 3
    page = response.content.decode()
    assert 'name="applicant_name"' in page
    assert "autofocus" in page


def test_enter_receives_the_dossier(sign_in, world) -> None:
    # given the intake form
    page = sign_in(world.intake).get(form_url()).content.decode()
    # when Enter is pressed, the browser submits with the form's first submit button
    first_button = page[page.index("<button", page.index('class="intake-form"')) :]
    # then that button receives
    assert first_button.startswith('<button type="submit" name="outcome" value="receive"')


def test_a_complete_dossier_is_received_and_its_receipt_opens_in_a_new_tab(sign_in, world) -> None:
    # given
    client = sign_in(world.intake)
    # when
    response = client.post(form_url(), intake_data())
    # then
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.applicant_phone, dossier.receiving_officer) == (
        "received",
        "0905111222",
        world.intake,
    )
    assert response["Location"] == f"/backoffice/ho-so/{dossier.code}/?received=1"
    page = client.get(response["Location"]).content.decode()
    receipt = f'href="/backoffice/ho-so/{dossier.code}/bieu-mau/receipt.pdf" target="_blank"'
    assert receipt in page


def test_the_receipt_is_the_official_form(sign_in, world, pdf_text) -> None:
    # given a dossier received at the counter
    client = sign_in(world.intake)
    client.post(form_url(), intake_data())
    dossier = Dossier.objects.get()
    # when
    response = client.get(f"/backoffice/ho-so/{dossier.code}/bieu-mau/receipt.pdf")
    # then
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert dossier.code in text
    assert "Đặng Văn Đức" in text


def test_an_incomplete_dossier_is_not_received_and_the_missing_papers_are_named(
    sign_in, world
) -> None:
    # given the mandatory application form is not ticked
    client = sign_in(world.intake)
    # when
    response = client.post(form_url(), intake_data(ticked=[]))
    # then nothing is received, the missing paper is named, the typing is kept
    assert response.status_code == 422
    assert not Dossier.objects.exists()
    assert [document.code for document in response.context["missing"]] == ["XD01"]
    assert 'value="Đặng Văn Đức"' in response.content.decode()


def test_a_bad_upload_is_refused_and_everything_typed_is_kept(sign_in, world) -> None:
    # given a "scan" that is an executable named .pdf
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = sign_in(world.intake)
    document = documents_of(PROVINCIAL_PROCEDURE)[0]
    data = intake_data()
    data[f"doc_{document.pk}_file"] = SimpleUploadedFile("don.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    # when
    response = client.post(form_url(), data)
    # then
    assert response.status_code == 422
    assert not Dossier.objects.exists()
    page = response.content.decode()
    assert "vui lòng chọn lại các tệp" in page
    assert 'value="079088000111"' in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("applicant_name", "   "),
        ("applicant_phone", "0905-abc"),
        ("applicant_id_number", "12345"),
        ("applicant_email", "duc@"),
        ("sets", "0"),
        ("channel", "2"),  # online dossiers are submitted, not received at the counter
    ],
)
def test_bad_input_is_refused_field_by_field(sign_in, world, field: str, value: str) -> None:
    client = sign_in(world.intake)
    response = client.post(form_url(), intake_data(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Dossier.objects.exists()


def test_a_dossier_posted_with_a_scan_is_digitised_at_intake(sign_in, world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = sign_in(world.intake)
    document = documents_of(PROVINCIAL_PROCEDURE)[0]
    data = intake_data()
    data[f"doc_{document.pk}_file"] = SimpleUploadedFile("don.pdf", PDF)
    client.post(form_url(), data)
    stored = Dossier.objects.get().documents.get()
    assert (stored.kind, stored.digitised_at_intake) == ("pdf", True)


def test_refusing_needs_a_reason(sign_in, world) -> None:
    client = sign_in(world.intake)
    response = client.post(form_url(), intake_data(outcome="refuse"))
    assert response.status_code == 400
    assert "reasons" in response.context["form"].errors
    assert not Dossier.objects.exists()


def test_an_ineligible_dossier_is_refused_with_its_slip(sign_in, world) -> None:
    # given
    client = sign_in(world.intake)
    # when
    response = client.post(
        form_url(), intake_data(outcome="refuse", reasons="Không thuộc thẩm quyền\n")
    )
    # then
    dossier = Dossier.objects.get()
    assert (dossier.status, dossier.closing_reason) == (
        "refused_at_intake",
        "Không thuộc thẩm quyền",
    )
    page = client.get(response["Location"]).content.decode()
    assert f"/backoffice/ho-so/{dossier.code}/bieu-mau/refusal.pdf" in page


def test_the_supplement_request_lists_what_is_missing(sign_in, world, pdf_text) -> None:
    # given nothing ticked, and one more item typed
    client = sign_in(world.intake)
    data = intake_data(ticked=[], supplement_items="Bản vẽ mặt bằng")
    # when
    response = client.post(
        f"/backoffice/tiep-nhan/phieu-bo-sung.pdf?procedure={PROVINCIAL_PROCEDURE}", data
    )
    # then the slip names both, and nothing was received
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Đơn đề nghị cấp phép" in text
    assert "Bản vẽ mặt bằng" in text
    assert not Dossier.objects.exists()


def test_a_supplement_request_of_nothing_is_refused(sign_in, world) -> None:
    client = sign_in(world.intake)
    response = client.post(
        f"/backoffice/tiep-nhan/phieu-bo-sung.pdf?procedure={PROVINCIAL_PROCEDURE}", intake_data()
    )
    assert response.status_code == 400
    assert "supplement_items" in response.context["form"].errors


def test_officers_who_receive_nothing_are_told_so(sign_in, world) -> None:
    # given a handler (no service centre)
    client = sign_in(world.construction_handler)
    # when
    response = client.post(form_url(), intake_data())
    # then
    assert "Bạn không tiếp nhận hồ sơ tại Trung tâm" in response.content.decode()
    assert not Dossier.objects.exists()


def test_an_unknown_procedure_goes_back_to_the_search(sign_in, world) -> None:
    response = sign_in(world.intake).get(INTAKE, {"procedure": "9.999999.H34"})
    assert response.status_code == 200
    assert "mang mã này đang có hiệu lực hôm nay." in response.content.decode()


def test_a_result_returned_by_post_goes_to_the_applicants_address_by_default(
    sign_in, world
) -> None:
    client = sign_in(world.intake)
    client.post(form_url(), intake_data(return_method="postal"))
    dossier = Dossier.objects.get()
    assert (dossier.return_method, dossier.delivery_address) == ("postal", "5 Lê Lợi, Nha Trang")
