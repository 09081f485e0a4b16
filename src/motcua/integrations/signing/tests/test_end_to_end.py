"""A dossier received, processed, signed and approved, returned; its QR address says "intact"
with the right signer, and the file downloaded from the API passes poppler's pdfsig.

Through the API where the act has an endpoint (receive, complete the step, return, download),
through the results services otherwise (draft, review, sign and approve).
"""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.api_client import OfficerClient
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE
from motcua.integrations.signing.dossier_testing import *  # noqa: F403
from motcua.integrations.signing.testing import nss_database, pdfsig, pdfsig_available
from motcua.results.certificates import to_pem
from motcua.results.models import EResult
from motcua.results.services import (
    draft_result_for_dossier,
    review_result_draft,
    sign_and_approve_result,
)

pytestmark = pytest.mark.skipif(
    not pdfsig_available(), reason="needs poppler-utils (pdfsig) and libnss3-tools (certutil)"
)

APPLICANT = {
    "name": "Trần Thị Hoa",
    "id_number": "056190001234",
    "address": "12 Trần Phú, phường Nha Trang",
    "phone": "0912345678",
}


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    return body


def test_a_dossier_signed_and_returned_verifies_intact_by_qr_and_by_pdfsig(
    client: Client,
    world: Any,
    world_kit: Any,
    result_template: Any,
    commune_signer: Any,
    tmp_path: Path,
) -> None:
    intake = OfficerClient(client, world.commune_intake)
    handler = OfficerClient(client, world.commune_handler)
    # given a dossier received at the commune's counter and processed by the handler
    body = ok(
        intake.post(
            "",
            {
                "procedure_code": COMMUNE_PROCEDURE,
                "channel": 1,
                "applicant": APPLICANT,
                "documents": [{"code": code, "originals": 1} for code in ("TP01", "TP02")],
            },
        ),
        201,
    )
    code = body["code"]
    ok(intake.act(code, "complete-step"))
    ok(handler.act(code, "complete-step"))
    # when its result is drafted, reviewed, signed by the chairman (status 9) and returned
    dossier = Dossier.objects.get(code=code)
    draft = review_result_draft(
        reviewer=world.commune_handler,
        draft=draft_result_for_dossier(officer=world.commune_handler, dossier=dossier),
    )
    sign_and_approve_result(
        leader=world.commune_leader, dossier=dossier, draft=draft, signer=commune_signer
    )
    assert ok(intake.get(f"/{code}"))["national_status_code"] == 9
    returned = ok(
        intake.act(
            code,
            "return-result",
            {
                "method": "counter",
                "receiver_name": APPLICANT["name"],
                "receiver_id_number": APPLICANT["id_number"],
            },
        )
    )
    assert returned["national_status_code"] == 10
    # then its QR address shows "intact" and the chairman as the signer
    result = EResult.objects.get(dossier__code=code)
    page = Client().get(f"/xac-thuc/{result.verification_code}/").content.decode()
    assert 'data-state="intact"' in page
    assert '<dd data-field="signer">Ngô Sơn</dd>' in page
    # and the file downloaded from the API passes pdfsig, trusted, signed by the chairman
    downloaded = intake.client.get(f"/api/v1/dossiers/{code}/result.pdf", headers=intake.headers)
    assert downloaded.status_code == 200
    nss = nss_database(tmp_path / "nss", trusted_pems=[to_pem([world_kit.authority.certificate])])
    [signature] = pdfsig(downloaded.content, folder=tmp_path, nss=nss)
    assert signature["Signature Validation"] == "Signature is Valid."
    assert signature["Certificate Validation"] == "Certificate is Trusted."
    assert signature["Signer Certificate Common Name"] == "Ngô Sơn"
