"""The dossier page and its acts: scoped reads, one service per act, clear refusals."""

from typing import Any

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE


def page_of(dossier: Dossier) -> str:
    return f"/backoffice/ho-so/{dossier.code}/"


def post_act(client: Any, dossier: Dossier, act: str, **data: Any) -> Any:
    dossier.refresh_from_db()
    return client.post(f"{page_of(dossier)}{act}/", {"revision": dossier.revision, **data})


def offered(response: Any) -> list[str]:
    return [panel.key for panel in response.context["panels"]]


def test_a_dossier_out_of_scope_looks_like_a_missing_one(sign_in, world) -> None:
    # given a commune dossier, seen by the department's handler
    dossier = DossierFactory(world=world, processing=True)
    client = sign_in(world.construction_handler)
    # when / then
    assert client.get(page_of(dossier)).status_code == 404
    assert client.get("/backoffice/ho-so/000.00.01.H34-250916-9999/").status_code == 404
    assert client.post(f"{page_of(dossier)}withdraw/", {"revision": 0}).status_code == 404


def test_the_page_shows_the_time_class_in_words_and_the_timeline(sign_in, world) -> None:
    # given an overdue dossier
    dossier = DossierFactory(world=world, overdue=True)
    client = sign_in(world.commune_handler)
    # when
    page = client.get(page_of(dossier)).content.decode()
    # then
    assert '<span class="time-class time-overdue">Quá hạn</span>' in page
    assert "Được tiếp nhận</strong>" in page
    assert "Hoàn thành bước xử lý</strong>" in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "commune_handler",
            [
                "assign",
                "complete-step-2",
                "transfer",
                "consult",
                "return-step",
                "recall",
                "request-supplement",
                "request-payment",
                "extend",
                "withdraw",
                "refuse",
                "documents",
            ],
        ),
        (
            "commune_leader",
            [
                "reassign",
                "transfer",
                "consult",
                "return-step",
                "recall",
                "request-supplement",
                "request-payment",
                "extend",
                "withdraw",
                "refuse",
                "documents",
            ],
        ),
    ],
)
def test_the_page_offers_the_acts_the_state_allows_and_the_officer_may_perform(
    sign_in, world, who: str, expected: list[str]
) -> None:
    # given a commune dossier at its appraisal step
    dossier = DossierFactory(world=world, processing=True)
    # when
    response = sign_in(getattr(world, who)).get(page_of(dossier))
    # then
    assert offered(response) == expected


def test_completing_a_step_passes_the_dossier_on(sign_in, world) -> None:
    # given
    dossier = DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    # when
    response = post_act(client, dossier, "complete-step", step=2, note="Đủ điều kiện")
    # then
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.steps.get(order=2).status == "done"
    assert dossier.timeline.last().note == "Đủ điều kiện"
    page = client.get(response["Location"]).content.decode()
    assert "Bước xử lý đã hoàn thành; bước tiếp theo đã bắt đầu." in page


def test_a_second_supplement_request_is_refused_clearly(sign_in, world) -> None:
    # given a supplement was requested and received
    dossier = DossierFactory(world=world, awaiting_supplement=True)
    services.receive_supplement(officer=world.commune_handler, dossier=dossier)
    client = sign_in(world.commune_handler)
    # when
    response = post_act(client, dossier, "request-supplement", items="Bản sao sổ hộ khẩu")
    # then the rule is said, nothing changes, and the typing is kept
    assert response.status_code == 409
    page = response.content.decode()
    assert "Hồ sơ đã được yêu cầu bổ sung một lần; không được yêu cầu bổ sung lần nữa." in page
    assert "Bản sao sổ hộ khẩu" in page
    dossier.refresh_from_db()
    assert (dossier.status, dossier.supplement_requests) == ("processing", 1)


def test_an_act_from_a_page_no_longer_current_is_refused(sign_in, world) -> None:
    # given the page was opened, then someone else completed the step
    dossier = DossierFactory(world=world, processing=True)
    stale = dossier.revision
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    client = sign_in(world.commune_leader)
    # when the page's form is posted
    response = client.post(
        f"{page_of(dossier)}refuse/", {"revision": stale, "reasons": "Không đủ điều kiện"}
    )
    # then nothing is done
    assert response.status_code == 409
    assert "Hồ sơ đã thay đổi từ khi bạn mở trang" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "processing"


def test_an_act_the_status_does_not_allow_is_refused(sign_in, world) -> None:
    dossier = DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_intake)
    response = post_act(
        client,
        dossier,
        "return-result",
        method="counter",
        receiver_name="Trần Thị Hoa",
        receiver_id_number="056190001234",
    )
    assert response.status_code == 409
    assert "khi hồ sơ đang ở trạng thái" in response.content.decode()


def test_bad_input_keeps_the_typing_and_does_nothing(sign_in, world) -> None:
    dossier = DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    response = post_act(client, dossier, "extend", new_due_on="31/02/2025", reason="Chờ ý kiến")
    assert response.status_code == 400
    assert "Chờ ý kiến" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.extensions == 0


def test_an_unknown_act_is_not_found(sign_in, world) -> None:
    dossier = DossierFactory(world=world, processing=True)
    response = post_act(sign_in(world.commune_handler), dossier, "approve-everything")
    assert response.status_code == 404


def test_the_leader_approves_and_the_intake_officer_returns_the_result(sign_in, world) -> None:
    # given the appraisal step is complete
    dossier = DossierFactory(world=world, processing=True)
    services.complete_step(officer=world.commune_handler, dossier=dossier)
    # when the leader approves
    leader = sign_in(world.commune_leader)
    assert "approve-result" in offered(leader.get(page_of(dossier)))
    post_act(leader, dossier, "approve-result", summary="Giấy khai sinh số 12")
    # and the intake officer returns it to the applicant, the form already filled in
    intake = sign_in(world.commune_intake)
    form = next(p.form for p in intake.get(page_of(dossier)).context["panels"])
    assert form.initial["receiver_name"] == "Trần Thị Hoa"
    response = post_act(
        intake,
        dossier,
        "return-result",
        method="counter",
        receiver_name="Trần Thị Hoa",
        receiver_id_number="056190001234",
    )
    # then
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.status, dossier.result_summary) == ("returned", "Giấy khai sinh số 12")


def test_a_transfer_hands_the_dossier_to_another_agency(sign_in, world) -> None:
    dossier = DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    response = post_act(client, dossier, "transfer", agency=world.police.code, hours="12")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_agency == world.police


def test_an_official_form_the_dossier_lacks_is_explained(sign_in, world) -> None:
    dossier = DossierFactory(world=world, processing=True)
    response = sign_in(world.commune_handler).get(f"{page_of(dossier)}bieu-mau/extension.pdf")
    assert response.status_code == 409
    assert "Hồ sơ chưa được gia hạn." in response.content.decode()


def test_the_page_lists_only_the_papers_the_dossier_has(sign_in, world) -> None:
    dossier = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    response = sign_in(world.construction_handler).get(page_of(dossier))
    assert [form for form, _ in response.context["papers"]] == ["receipt", "control-slip"]


@pytest.mark.parametrize("documents", [1, 4])
def test_the_page_runs_a_fixed_number_of_queries(
    sign_in, world, django_assert_num_queries, documents: int
) -> None:
    # given a dossier with 1 or 4 more documents
    from django.core.files.base import ContentFile

    from motcua.dossiers.documents import DocumentInput

    dossier = DossierFactory(world=world, processing=True)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"
    services.attach_documents(
        officer=world.commune_handler,
        dossier=dossier,
        documents=[
            DocumentInput(title=f"Tài liệu {n}", file=ContentFile(pdf, name=f"{n}.pdf"))
            for n in range(documents)
        ],
    )
    client = sign_in(world.commune_handler)
    client.get(page_of(dossier))
    # when / then: the same count whatever the dossier holds (most of it asks, act by act and
    # for the signed result, whether the officer may perform it)
    with django_assert_num_queries(53):
        assert client.get(page_of(dossier)).status_code == 200
