from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from motcua.accounts.decorators import second_factor_required
from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@second_factor_required
def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("bàn làm việc")


def visit(user: Any, *, verified: bool) -> HttpResponse:
    request = RequestFactory().get("/backoffice/ho-so/")
    request.user = user
    user.is_verified = lambda: verified
    return page(request)


@pytest.mark.parametrize(
    ("account", "staff_rule", "verified", "allowed"),
    [
        ({"staff": True}, False, False, True),
        ({"staff": True}, True, False, False),
        ({"staff": True}, True, True, True),
        ({"administrator": True}, False, False, False),
        ({"administrator": True}, False, True, True),
        ({}, True, False, True),
    ],
    ids=[
        "officer",
        "officer-staff-rule",
        "officer-staff-rule-verified",
        "administrator",
        "administrator-verified",
        "citizen",
    ],
)
def test_pages_need_the_second_factor_required_of_the_user(
    settings: Any, account: dict[str, bool], staff_rule: bool, verified: bool, allowed: bool
) -> None:
    # given the deployment's rule and a signed-in user
    settings.STAFF_TWO_FACTOR_REQUIRED = staff_rule
    user: User = UserFactory(**account)
    # when the page is visited
    response = visit(user, verified=verified)
    # then it opens, or sends the user to sign in and come back
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/backoffice/ho-so/"


def test_nobody_signed_in_is_sent_to_sign_in() -> None:
    response = visit(AnonymousUser(), verified=False)
    assert response.status_code == 302
