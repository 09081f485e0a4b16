from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps

from motcua.accounts.errors import TokenRefused
from motcua.accounts.models import ApiToken, User
from motcua.accounts.queries import get_api_token, list_role_codes
from motcua.accounts.services import issue_api_token, revoke_api_token
from motcua.core.clock import now, today

pytestmark = pytest.mark.django_db


def test_a_live_token_finds_its_owner(officer: User, django_assert_num_queries: Any) -> None:
    # given a token issued to the officer
    issued = issue_api_token(actor=None, owner=officer, name="x")
    # when it is presented (one query, owner included)
    with django_assert_num_queries(1):
        token = get_api_token(presented=issued.secret)
        owner = token.user
    # then it is that token, and its owner
    assert token == issued.token
    assert owner == officer


def _revoked(token: ApiToken, officer: User) -> None:
    revoke_api_token(actor=None, token=token)


def _expired(token: ApiToken, officer: User) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=now() - timedelta(seconds=1))


def _deactivated(token: ApiToken, officer: User) -> None:
    User.objects.filter(pk=officer.pk).update(is_active=False)


def _no_longer_staff(token: ApiToken, officer: User) -> None:
    User.objects.filter(pk=officer.pk).update(kind="citizen")


@pytest.mark.parametrize("change", [_revoked, _expired, _deactivated, _no_longer_staff])
def test_a_token_stops_working_when(officer: User, change: Any) -> None:
    # given a token that worked
    issued = issue_api_token(actor=None, owner=officer, name="x")
    # when it is revoked, expires, or its owner leaves
    change(issued.token, officer)
    # then it is refused
    with pytest.raises(TokenRefused):
        get_api_token(presented=issued.secret)


def test_a_token_with_a_known_prefix_but_wrong_secret_is_refused(officer: User) -> None:
    issued = issue_api_token(actor=None, owner=officer, name="x")
    forged = issued.secret[:-1] + ("A" if issued.secret[-1] != "A" else "B")
    with pytest.raises(TokenRefused):
        get_api_token(presented=forged)


def test_malformed_text_is_refused_without_touching_the_database(
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(0), pytest.raises(TokenRefused):
        get_api_token(presented="motcua_\x00' OR 1=1")


def test_roles_held_today_are_listed_once_each(officer: User) -> None:
    # given current, repeated, ended and future role assignments
    assignments = apps.get_model("organizations", "RoleAssignment").objects
    assignments.create(user=officer, role="handler")
    assignments.create(user=officer, role="handler")
    assignments.create(user=officer, role="intake_officer", valid_from=today())
    assignments.create(user=officer, role="auditor", valid_to=today() - timedelta(days=1))
    assignments.create(user=officer, role="unit_leader", valid_from=today() + timedelta(days=1))
    # then only today's roles are listed, sorted, once each
    assert list_role_codes(user=officer) == ["handler", "intake_officer"]
