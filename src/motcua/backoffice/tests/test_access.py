"""Only staff reach the back office, through the two-step sign-in where it is required."""

import pytest
from django.test import Client

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User

PAGES = ["/backoffice/", "/backoffice/ho-so/", "/backoffice/tiep-nhan/"]


@pytest.mark.parametrize("path", PAGES)
def test_nobody_signed_in_is_sent_to_sign_in(client: Client, db: None, path: str) -> None:
    # given nobody signed in / when a back-office page is asked for
    response = client.get(path)
    # then the sign-in page is shown, coming back here afterwards
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("path", PAGES)
def test_citizens_are_refused(client: Client, db: None, path: str) -> None:
    # given a citizen signed in
    citizen = User.objects.create(username="congdan", kind=AccountKind.CITIZEN)
    client.force_login(citizen)
    # when / then
    assert client.get(path).status_code == 403


def test_staff_signed_in_with_a_password_alone_must_pass_the_required_second_factor(
    client: Client, world, settings
) -> None:
    # given staff must use a second factor, and this session passed only the password
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    client.force_login(world.intake)
    # when
    response = client.get("/backoffice/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_with_a_verified_session_open_the_back_office(sign_in, world, settings) -> None:
    # given
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    client = sign_in(world.intake)
    # when
    response = client.get("/backoffice/")
    # then
    assert response.status_code == 200
    assert "Hồ sơ của tôi" in response.content.decode()
