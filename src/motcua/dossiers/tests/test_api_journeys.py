"""End-to-end journeys through the API, one per case of the lifecycle."""

import base64
from datetime import datetime
from typing import Any

import pytest

from motcua.core.clock import VIETNAM
from motcua.dossiers.tests.api_client import OfficerClient
from motcua.dossiers.tests.world import (
    COMMUNE_PROCEDURE,
    INTER_AGENCY_PROCEDURE,
    ONLINE_PROCEDURE,
    PROVINCIAL_PROCEDURE,
)

pytestmark = pytest.mark.django_db

APPLICANT = {
    "name": "Trần Thị Hoa",
    "id_number": "056190001234",
    "address": "12 Trần Phú, phường Nha Trang",
    "phone": "0912345678",
    "email": "hoa@example.vn",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=VIETNAM)


def intake(procedure: str, codes: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "procedure_code": procedure,
        "channel": 1,
        "applicant": APPLICANT,
        "documents": [{"code": code, "originals": 1} for code in codes],
        **extra,
    }


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    return body


def test_counter_dossier_with_supplement_extension_approval_and_return(client, world, clock):
    intake_officer = OfficerClient(client, world.intake)
    handler = OfficerClient(client, world.construction_handler)
    leader = OfficerClient(client, world.construction_leader)
    # received Tue 16/09 09:00 at the provincial centre: 15 working days, restart policy
    body = ok(intake_officer.post("", intake(PROVINCIAL_PROCEDURE, ["XD01"])), 201)
    code = body["code"]
    assert (body["status"], body["national_status_code"]) == ("received", 2)
    assert body["received_at"] == "2025-09-16T09:00:00+07:00"
    assert body["due_at"] == "2025-10-07T09:00:00+07:00"
    ok(intake_officer.act(code, "complete-step"))
    # supplement requested Wed, received Fri: the 15 working days run again from Friday
    clock.set(at(9, 17, 9))
    body = ok(handler.act(code, "request-supplement", {"items": ["Bản vẽ thiết kế"]}))
    assert body["national_status_code"] == 5
    clock.set(at(9, 19, 14))
    body = ok(handler.act(code, "receive-supplement", {}))
    assert (body["national_status_code"], body["due_at"]) == (4, "2025-10-10T14:00:00+07:00")
    # the step is done, then an extension with apology a week before due
    ok(handler.act(code, "complete-step"))
    clock.set(at(10, 3, 9))
    body = ok(
        handler.act(
            code, "extend", {"new_due_at": "2025-10-17T16:00", "reason": "Chờ ý kiến Sở Y tế"}
        )
    )
    assert body["due_at"] == "2025-10-17T16:00:00+07:00"
    ok(handler.act(code, "complete-step", {"step": 3}))
    ok(handler.act(code, "complete-step", {"step": 4}))
    clock.set(at(10, 8, 10))
    body = ok(leader.act(code, "approve-result", {"summary": "Giấy phép xây dựng số 12/GPXD"}))
    assert (body["status"], body["national_status_code"]) == ("result_ready", 9)
    body = ok(
        intake_officer.act(
            code,
            "return-result",
            {
                "method": "counter",
                "receiver_name": "Trần Thị Hoa",
                "receiver_id_number": "056190001234",
            },
        )
    )
    assert (body["status"], body["national_status_code"]) == ("returned", 10)
    timeline = ok(intake_officer.get(f"/{code}/timeline"))
    assert [entry["act"] for entry in timeline] == [
        "receive",
        "complete-step",
        "request-supplement",
        "receive-supplement",
        "complete-step",
        "extend",
        "complete-step",
        "complete-step",
        "approve-result",
        "return-result",
    ]


def test_refusal_at_intake(client, world):
    officer = OfficerClient(client, world.commune_intake)
    body = ok(
        officer.post(
            "",
            intake(
                COMMUNE_PROCEDURE,
                ["TP01", "TP02"],
                outcome="refuse",
                reasons=["Không thuộc thẩm quyền"],
            ),
        ),
        201,
    )
    assert (body["status"], body["national_status_code"], body["allowed_acts"]) == (
        "refused_at_intake",
        3,
        [],
    )


def test_incomplete_dossier_is_not_received(client, world):
    officer = OfficerClient(client, world.commune_intake)
    response = officer.post("", intake(COMMUNE_PROCEDURE, ["TP01"]))
    assert response.status_code == 422
    assert response.json()["code"] == "dossier_incomplete"
    assert response.json()["details"]["missing_documents"][0]["code"] == "TP02"


def test_withdrawal(client, world):
    intake_officer = OfficerClient(client, world.commune_intake)
    code = ok(intake_officer.post("", intake(COMMUNE_PROCEDURE, ["TP01", "TP02"])), 201)["code"]
    ok(intake_officer.act(code, "complete-step"))
    body = ok(
        OfficerClient(client, world.commune_handler).act(
            code, "withdraw", {"reason": "Đơn xin rút hồ sơ của công dân"}
        )
    )
    assert (body["status"], body["national_status_code"]) == ("withdrawn", 7)
    assert ok(intake_officer.get(f"/{code}"))["allowed_acts"] == []


def test_inter_agency_procedure_over_two_agencies(client, world, clock):
    intake_officer = OfficerClient(client, world.commune_intake)
    commune = OfficerClient(client, world.commune_handler)
    police = OfficerClient(client, world.police_handler)
    police_leader = OfficerClient(client, world.police_leader)
    code = ok(intake_officer.post("", intake(INTER_AGENCY_PROCEDURE, ["LT01"])), 201)["code"]
    ok(intake_officer.act(code, "complete-step"))
    # the commune registers the birth, then hands over to the provincial police
    clock.set(at(9, 16, 14))
    ok(commune.act(code, "complete-step"))
    body = ok(
        commune.act(
            code, "transfer", {"agency": world.police.code, "hours": 12, "note": "Liên thông"}
        )
    )
    assert body["current_agency"] == world.police.code
    police_step = next(step for step in body["steps"] if step["status"] == "active")
    assert (police_step["agency"], police_step["due_at"]) == (
        world.police.code,
        "2025-09-18T08:00:00+07:00",
    )
    # the commune no longer holds it but still sees it; the police completes and approves
    clock.set(at(9, 17, 10))
    ok(police.act(code, "complete-step"))
    body = ok(police_leader.act(code, "approve-result"))
    assert body["national_status_code"] == 9
    assert ok(commune.get(f"/{code}"))["status"] == "result_ready"


def test_postal_return(client, world):
    intake_officer = OfficerClient(client, world.commune_intake)
    code = ok(
        intake_officer.post(
            "",
            intake(
                COMMUNE_PROCEDURE,
                ["TP01", "TP02"],
                channel=3,
                return_method="postal",
                delivery_address="12 Trần Phú",
            ),
        ),
        201,
    )["code"]
    ok(intake_officer.act(code, "complete-step"))
    ok(OfficerClient(client, world.commune_handler).act(code, "complete-step"))
    ok(OfficerClient(client, world.commune_leader).act(code, "approve-result"))
    body = ok(
        intake_officer.act(
            code, "return-result", {"method": "postal", "postal_tracking_code": "EL123VN"}
        )
    )
    assert (body["national_status_code"], body["channel"]) == (10, 3)


@pytest.mark.parametrize(
    ("accepted_at", "flags"),
    [
        (at(9, 17, 8, 59), []),  # within 8 working hours of Tue 09:00
        (at(9, 17, 9, 1), ["intake_late"]),  # one minute late: accepted, flagged
    ],
)
def test_online_dossier_accepted_within_or_after_eight_working_hours(
    client, world, clock, accepted_at, flags
):
    officer = OfficerClient(client, world.intake)
    body = ok(
        officer.post(
            "",
            intake(
                ONLINE_PROCEDURE, ["VT01"], channel=2, service_centre=world.province_centre.code
            ),
        ),
        201,
    )
    assert (body["national_status_code"], body["intake_due_at"]) == (1, "2025-09-17T09:00:00+07:00")
    clock.set(accepted_at)
    body = ok(officer.act(body["code"], "receive"))
    assert (body["national_status_code"], body["flags"]) == (2, flags)


def test_second_supplement_request_is_refused_with_409(client, world):
    intake_officer = OfficerClient(client, world.commune_intake)
    handler = OfficerClient(client, world.commune_handler)
    code = ok(intake_officer.post("", intake(COMMUNE_PROCEDURE, ["TP01", "TP02"])), 201)["code"]
    ok(intake_officer.act(code, "complete-step"))
    ok(handler.act(code, "request-supplement", {"items": ["Giấy chứng sinh"]}))
    ok(handler.act(code, "receive-supplement", {}))
    response = handler.act(code, "request-supplement", {"items": ["Lần hai"]})
    assert response.status_code == 409
    assert response.json()["code"] == "supplement_already_requested"


def test_late_extension_is_refused_with_409(client, world, clock):
    intake_officer = OfficerClient(client, world.commune_intake)
    handler = OfficerClient(client, world.commune_handler)
    code = ok(intake_officer.post("", intake(COMMUNE_PROCEDURE, ["TP01", "TP02"])), 201)["code"]
    ok(intake_officer.act(code, "complete-step"))
    clock.set(at(9, 18, 16))  # due Fri 19/09 09:00: 1.5 working hours left
    response = handler.act(code, "extend", {"new_due_at": "2025-09-24T16:00", "reason": "Chậm"})
    assert response.status_code == 409
    assert response.json()["code"] == "extension_too_late"


def test_act_in_the_wrong_status_is_refused_with_the_allowed_acts(client, world):
    intake_officer = OfficerClient(client, world.commune_intake)
    code = ok(intake_officer.post("", intake(COMMUNE_PROCEDURE, ["TP01", "TP02"])), 201)["code"]
    response = intake_officer.act(
        code, "return-result", {"receiver_name": "A", "receiver_id_number": "056190001234"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "act_not_allowed"
    assert "complete-step" in response.json()["details"]["allowed_acts"]


def test_receipt_pdf_shows_code_applicant_procedure_and_moments(client, world, pdf_text):
    intake_officer = OfficerClient(client, world.commune_intake)
    code = ok(intake_officer.post("", intake(COMMUNE_PROCEDURE, ["TP01", "TP02"])), 201)["code"]
    response = intake_officer.get(f"/{code}/forms/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert code in text
    assert "Trần Thị Hoa" in text
    assert "Đăng ký khai sinh" in text
    assert "09:00 16/09/2025" in text
    assert "09:00 19/09/2025" in text


def test_bad_upload_is_refused_and_the_dossier_keeps_its_documents(client, world):
    intake_officer = OfficerClient(client, world.commune_intake)
    good = base64.b64encode(PDF).decode()
    code = ok(
        intake_officer.post(
            "",
            intake(
                COMMUNE_PROCEDURE,
                ["TP01"],
                documents=[
                    {"code": "TP01", "originals": 1},
                    {"code": "TP02", "file_name": "chung-sinh.pdf", "content_base64": good},
                ],
            ),
        ),
        201,
    )["code"]
    bad = base64.b64encode(b"MZ\x90\x00 this is no PDF").decode()
    response = intake_officer.act(
        code,
        "documents",
        {"documents": [{"code": "TP03", "file_name": "khac.pdf", "content_base64": bad}]},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "document_refused"
    assert "PDF" in response.json()["message"]
    assert len(ok(intake_officer.get(f"/{code}"))["documents"]) == 2


def test_incomplete_counter_dossier_gets_a_supplement_slip_and_nothing_is_stored(
    client, world, pdf_text
):
    officer = OfficerClient(client, world.commune_intake)
    response = officer.post("-supplement-slip.pdf", intake(COMMUNE_PROCEDURE, ["TP01"]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Giấy chứng sinh" in text
    assert "Trần Thị Hoa" in text
    assert ok(officer.get(""))["count"] == 0
    complete = officer.post("-supplement-slip.pdf", intake(COMMUNE_PROCEDURE, ["TP01", "TP02"]))
    assert (complete.status_code, complete.json()["code"]) == (409, "form_not_applicable")
