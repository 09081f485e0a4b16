"""GET /api/v1/dossiers/{code}/result.pdf: the signed file, to staff who see the dossier and to
the dossier's applicant; missing and forbidden answer the same 404."""

# The world fixtures are imported by name, and pytest hands them to the tests by name.
# ruff: noqa: F811

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.accounts.services import issue_api_token
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import clock, fresh_intake_references, world  # noqa: F401
from motcua.integrations.signing.dossier_testing import *  # noqa: F403
from motcua.results.queries import get_current_result_for_dossier, read_result_file


def _address(dossier: Dossier) -> str:
    return f"/api/v1/dossiers/{dossier.code}/result.pdf"


def _bearer(user: Any) -> dict[str, str]:
    token = issue_api_token(actor=None, owner=user, name="test").secret
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _citizen(username: str) -> User:
    return User.objects.create(
        username=username, full_name="Trần Thị Hoa", kind=AccountKind.CITIZEN
    )


@pytest.fixture
def applicant(signed_dossier: Dossier) -> User:
    citizen = _citizen("056190001234")
    Dossier.objects.filter(pk=signed_dossier.pk).update(applicant_user=citizen)
    return citizen


def test_staff_who_see_the_dossier_download_its_signed_result(
    world: Any, signed_dossier: Dossier
) -> None:
    # when the commune's intake officer asks with a bearer token
    response = Client().get(_address(signed_dossier), **_bearer(world.commune_intake))
    # then the signed file comes back as PDF, byte for byte the stored one
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    stored = read_result_file(result=get_current_result_for_dossier(dossier=signed_dossier))
    assert response.content == stored


def test_the_applicant_downloads_their_result_with_their_session(
    applicant: User, signed_dossier: Dossier
) -> None:
    client = Client()
    client.force_login(applicant)
    response = client.get(_address(signed_dossier))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_forbidden_looks_like_missing(world: Any, signed_dossier: Dossier) -> None:
    # given staff of another agency, another citizen, and a code that names no dossier
    outsider = Client().get(_address(signed_dossier), **_bearer(world.outsider))
    stranger_client = Client()
    stranger_client.force_login(_citizen("056190009999"))
    stranger = stranger_client.get(_address(signed_dossier))
    missing = Client().get(
        "/api/v1/dossiers/000.00.01.H34-250916-9999/result.pdf", **_bearer(world.commune_intake)
    )
    # then all three answer the same 404
    assert outsider.status_code == stranger.status_code == missing.status_code == 404
    assert outsider.json() == stranger.json() == missing.json()
    assert missing.json()["code"] == "result_not_found"


def test_a_dossier_without_a_signed_result_answers_404(world: Any) -> None:
    dossier = DossierFactory(world=world, result_ready=True)
    response = Client().get(_address(dossier), **_bearer(world.commune_intake))
    assert response.status_code == 404


def test_nobody_signed_in_gets_401(signed_dossier: Dossier) -> None:
    assert Client().get(_address(signed_dossier)).status_code == 401


def test_the_endpoint_is_documented_in_the_openapi() -> None:
    from motcua.api.urls import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/dossiers/{code}/result.pdf"]["get"]
    assert operation["operationId"] == "get_dossier_result_pdf"
    assert 404 in operation["responses"]
