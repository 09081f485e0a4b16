from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from motcua.accounts.models import User
from motcua.accounts.permissions import (
    PROVINCE_ADMIN_ROLE,
    has_two_factor_device,
    is_two_factor_required,
)
from motcua.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from motcua.core.clock import today

pytestmark = pytest.mark.django_db


def assign_role(user: User, role: str, **dates: Any) -> None:
    # Looked up by name: accounts sit below organizations and do not import it.
    apps.get_model("organizations", "RoleAssignment").objects.create(user=user, role=role, **dates)


@pytest.mark.parametrize(
    ("account", "staff_rule", "required"),
    [
        ({"kind": "citizen"}, False, False),
        ({"kind": "citizen"}, True, False),
        ({"kind": "business"}, True, False),
        ({"kind": "staff"}, False, False),
        ({"kind": "staff"}, True, True),
        ({"kind": "staff", "is_staff": True}, False, True),
        ({"kind": "staff", "is_superuser": True}, False, True),
        ({"kind": "citizen", "is_superuser": True}, False, True),
    ],
    ids=[
        "citizen",
        "citizen-staff-rule",
        "business-staff-rule",
        "officer",
        "officer-staff-rule",
        "admin-site-user",
        "superuser",
        "superuser-of-any-kind",
    ],
)
def test_who_must_use_a_second_factor(
    settings: Any, account: dict[str, Any], staff_rule: bool, required: bool
) -> None:
    # given the deployment's rule for staff and an account
    settings.STAFF_TWO_FACTOR_REQUIRED = staff_rule
    user = UserFactory(**account)
    # then the requirement follows
    assert is_two_factor_required(user=user) is required


@pytest.mark.parametrize(
    ("dates", "required"),
    [
        ({}, True),
        ({"valid_from": -10, "valid_to": 10}, True),
        ({"valid_from": 1}, False),
        ({"valid_to": -1}, False),
    ],
    ids=["open-ended", "current", "not-yet", "ended"],
)
def test_a_current_province_administrator_role_requires_a_second_factor(
    settings: Any, dates: dict[str, int], required: bool
) -> None:
    # given an officer (no staff rule) holding the role over some period
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    officer = UserFactory(staff=True)
    assign_role(
        officer, PROVINCE_ADMIN_ROLE, **{k: today() + timedelta(days=v) for k, v in dates.items()}
    )
    # then only a role valid today counts
    assert is_two_factor_required(user=officer) is required


def test_other_roles_do_not_require_a_second_factor(settings: Any) -> None:
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    officer = UserFactory(staff=True)
    assign_role(officer, "handler")
    assert is_two_factor_required(user=officer) is False


def test_nobody_signed_in_needs_no_second_factor() -> None:
    assert is_two_factor_required(user=AnonymousUser()) is False


def test_only_a_confirmed_app_counts_as_a_second_factor() -> None:
    # given one officer setting up an app and another who finished
    setting_up = TOTPDeviceFactory(confirmed=False).user
    finished = TOTPDeviceFactory(confirmed=True).user
    # then only the second has a second factor
    assert has_two_factor_device(user=setting_up) is False
    assert has_two_factor_device(user=finished) is True
