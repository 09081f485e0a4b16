"""The applicant downloads their dossier's signed result at /ho-so-cua-toi/<code>/ket-qua.pdf."""

# The world fixtures are imported by name, and pytest hands them to the tests by name.
# ruff: noqa: F811

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import clock, fresh_intake_references, world  # noqa: F401
from motcua.integrations.signing.dossier_testing import *  # noqa: F403


def _citizen(username: str) -> User:
    return User.objects.create(
        username=username, full_name="Trần Thị Hoa", kind=AccountKind.CITIZEN
    )


def _address(dossier: Dossier) -> str:
    return reverse("portal:dossier-result", kwargs={"code": dossier.code})


@pytest.fixture
def applicant(signed_dossier: Dossier) -> User:
    citizen = _citizen("056190001234")
    Dossier.objects.filter(pk=signed_dossier.pk).update(applicant_user=citizen)
    return citizen


def test_the_route_is_under_my_dossiers(signed_dossier: Dossier) -> None:
    assert _address(signed_dossier) == f"/ho-so-cua-toi/{signed_dossier.code}/ket-qua.pdf"


def test_the_signed_in_applicant_gets_the_signed_pdf(
    applicant: User, signed_dossier: Dossier
) -> None:
    client = Client()
    client.force_login(applicant)
    response = client.get(_address(signed_dossier))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_another_citizen_and_staff_get_404(world: Any, signed_dossier: Dossier) -> None:
    other = Client()
    other.force_login(_citizen("056190009999"))
    staff = Client()
    staff.force_login(world.commune_intake)
    assert other.get(_address(signed_dossier)).status_code == 404
    assert staff.get(_address(signed_dossier)).status_code == 404


def test_a_visitor_is_sent_to_sign_in(signed_dossier: Dossier) -> None:
    response = Client().get(_address(signed_dossier))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
