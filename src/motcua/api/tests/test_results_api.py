"""The results API: POST /api/v1/verify and GET /api/v1/results/{code}."""

from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client

from motcua.integrations.signing.testing import APPLICANT_ID
from motcua.results.models import EResult
from motcua.results.queries import read_result_file


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def test_verify_answers_intact_trusted_signer_and_time(
    issued_result: EResult, client: Client
) -> None:
    # when the signed file is posted as the multipart field `file`
    upload = ContentFile(read_result_file(result=issued_result), name="ket-qua.pdf")
    answer = client.post("/api/v1/verify", {"file": upload})
    # then the verdict is intact and trusted, with the signer and an ISO 8601 +07:00 time
    body = answer.json()
    assert answer.status_code == 200
    assert body["intact"] is True
    assert body["trusted"] is True
    assert body["signer"] == "Phạm Quốc Bảo"
    assert body["signed_at"].endswith("+07:00")
    assert body["registered"]["verification_code"] == issued_result.verification_code


def test_verify_without_a_file_is_a_json_error(client: Client, db: Any) -> None:
    answer = client.post("/api/v1/verify", {})
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_input"


def test_verify_refuses_a_file_that_is_not_a_pdf(client: Client, db: Any) -> None:
    answer = client.post("/api/v1/verify", {"file": ContentFile(b"hello", name="a.pdf")})
    assert answer.status_code == 400
    assert answer.json()["code"] == "content_mismatch"


def test_verify_is_limited_per_address(client: Client, settings: Any, db: Any) -> None:
    settings.VERIFICATION_UPLOADS_PER_HOUR = 1
    client.post("/api/v1/verify", {"file": ContentFile(b"x", name="a.pdf")})
    answer = client.post("/api/v1/verify", {"file": ContentFile(b"x", name="a.pdf")})
    assert answer.status_code == 429
    assert answer.json()["code"] == "too_many_requests"


def test_result_metadata_masks_the_id_number(
    issued_result: EResult, client: Client, django_assert_num_queries: Any
) -> None:
    # when the registered metadata is read by verification code
    with django_assert_num_queries(1):
        answer = client.get(f"/api/v1/results/{issued_result.verification_code}")
    # then the Art. 19.2 metadata comes back with the ID number masked
    body = answer.json()
    assert answer.status_code == 200
    assert body["holder_id_number"] == "*********" + APPLICANT_ID[-3:]
    assert APPLICANT_ID not in answer.content.decode()
    assert body["type_code"] == "KQ.GPXD"
    assert body["signed_at"].endswith("+07:00")
    assert body["verification_url"].endswith(f"/xac-thuc/{issued_result.verification_code}/")


def test_unknown_result_is_a_json_404(client: Client, db: Any) -> None:
    answer = client.get("/api/v1/results/KHONGCOMA2")
    assert answer.status_code == 404
    assert answer.json()["code"] == "result_not_found"


def test_openapi_documents_the_results_endpoints(client: Client, db: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/verify"]["post"]["summary"] == "Check a signed PDF"
    assert "/api/v1/results/{code}" in paths


def test_a_code_with_a_nul_character_is_a_404_not_a_server_error(client: Client, db: Any) -> None:
    answer = client.get("/api/v1/results/AB%00CD")
    assert answer.status_code == 404
