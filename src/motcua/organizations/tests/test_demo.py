"""The demo province: idempotent, one account per role, a second factor for the administrator."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.audit.models import AuditEntry
from motcua.organizations import demo
from motcua.organizations.choices import Role
from motcua.organizations.models import (
    AdministrativeUnit,
    Agency,
    OrgUnit,
    Position,
    RoleAssignment,
    ServiceCentre,
)
from motcua.organizations.queries import has_role, list_agencies_in_scope, list_roles

pytestmark = pytest.mark.django_db

MODELS = (
    AdministrativeUnit,
    Agency,
    ServiceCentre,
    OrgUnit,
    Position,
    RoleAssignment,
    TOTPDevice,
    AuditEntry,
)


def counts() -> dict[str, int]:
    counted = {model.__name__: model.objects.count() for model in MODELS}
    counted["users"] = get_user_model().objects.count()
    return counted


@pytest.fixture
def loaded() -> None:
    demo.load(out=lambda line: None)


def test_loading_the_demo_twice_changes_nothing(loaded: None) -> None:
    # given the demo loaded once
    before = counts()

    # when it is loaded again
    lines: list[str] = []
    demo.load(out=lines.append)

    # then no row is added anywhere and the output says so
    assert counts() == before
    assert "demo staff: 0 accounts created" in lines


def test_every_role_has_a_demo_account(loaded: None) -> None:
    # given the demo loaded
    held = set(RoleAssignment.objects.values_list("role", flat=True))

    # then each of the seven roles is held by at least one demo account
    assert held == set(Role.values)


def test_demo_accounts_share_the_password_and_hold_their_role(loaded: None) -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    for staff in demo.DEMO_STAFF:
        user = users[staff.username]
        assert user.check_password(demo.DEMO_PASSWORD), staff.username
        assert user.kind == "staff"
        assert list_roles(user=user) == [staff.role]


def test_only_the_province_administrator_is_an_administrator(loaded: None) -> None:
    administrators = get_user_model().objects.filter(is_staff=True, is_superuser=True)
    assert list(administrators.values_list("username", "kind")) == [("quantri", "staff")]


def test_the_administrator_has_a_confirmed_demo_totp_device(loaded: None) -> None:
    device = TOTPDevice.objects.get(user__username="quantri")
    assert device.confirmed
    assert device.key == demo.DEMO_TOTP_KEY


def test_demo_staff_cover_both_levels_and_several_agencies(loaded: None) -> None:
    scoped = RoleAssignment.objects.exclude(agency=None)
    assert set(scoped.values_list("agency__level__code", flat=True)) == {"province", "commune"}
    assert scoped.values("agency").distinct().count() >= 3
    centres = RoleAssignment.objects.exclude(service_centre=None)
    assert set(centres.values_list("service_centre__level__code", flat=True)) == {
        "province",
        "commune",
    }


def test_ward_staff_reach_their_ward_and_not_a_department(loaded: None) -> None:
    # given the handler of Phường Nha Trang
    handler = get_user_model().objects.get(username="xuly.nhatrang")

    # then their agencies are the ward's committee only
    assert [a.short_name for a in list_agencies_in_scope(user=handler, role=Role.HANDLER)] == [
        "UBND phường Nha Trang"
    ]
    construction = Agency.objects.get(name="Sở Xây dựng")
    assert not has_role(user=handler, role=Role.HANDLER, agency=construction)


def test_described_accounts_list_every_user_and_the_administrators_key() -> None:
    # when the sign-ins are described
    text = "\n".join(demo.describe_accounts(base_url="http://127.0.0.1:8014"))

    # then the addresses, the shared password, each account and the TOTP key are printed
    assert "http://127.0.0.1:8014/admin/" in text
    assert demo.DEMO_PASSWORD in text
    for staff in demo.DEMO_STAFF:
        assert staff.username in text
    assert "otpauth://totp/motcua%3Aquantri?secret=" in text


def test_readme_lists_the_demo_accounts() -> None:
    # given the README's table of demo accounts
    readme = (Path(settings.PROJECT_DIR) / "README.md").read_text(encoding="utf-8")

    # then each account appears as a row: username in backticks, role, unit
    with translation.override("en"):
        table = demo.staff_table()
    for username, role, where in table:
        assert f"| `{username}` | {role} | {where} |" in readme
