"""The admin site behind the second factor; users, tokens and the audit trail in it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.admin import mask_national_id
from motcua.accounts.models import ApiToken, User
from motcua.accounts.services import issue_api_token
from motcua.accounts.testing import sign_in_verified
from motcua.accounts.tests.factories import UserFactory
from motcua.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")


@pytest.fixture
def admin_browser(administrator: User) -> Client:
    client = Client()
    sign_in_verified(client, user=administrator)
    return client


def test_a_superuser_who_skipped_the_second_factor_is_sent_to_sign_in(
    administrator: User,
) -> None:
    # given a superuser whose session did not pass a second factor
    client = Client()
    client.force_login(administrator)
    # when the admin site is opened
    response = client.get(ADMIN, follow=True)
    # then it ends on the accounts sign-in page, not in the admin site
    assert response.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_the_admin_site_opens_after_the_second_factor(admin_browser: Client) -> None:
    assert admin_browser.get(ADMIN).status_code == 200


def test_someone_signed_in_without_admin_rights_is_told_no(citizen: User) -> None:
    client = Client()
    client.force_login(citizen)
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403


def test_the_user_list_shows_id_numbers_masked(admin_browser: Client) -> None:
    # given a citizen with an ID number
    UserFactory(username="congdan-cccd", national_id="001099012345")
    # when administrators list users
    page = admin_browser.get(reverse("admin:accounts_user_changelist")).content.decode()
    # then only the last three digits show
    assert "*********345" in page
    assert "001099012345" not in page


def test_changing_a_user_in_the_admin_site_is_audited_without_the_values(
    admin_browser: Client, citizen: User
) -> None:
    # given the change form of a citizen
    url = reverse("admin:accounts_user_change", args=[citizen.pk])
    data = {
        "username": citizen.username,
        "kind": citizen.kind,
        "full_name": citizen.full_name,
        "is_active": "on",
        "date_joined_0": "01/01/2026",
        "date_joined_1": "08:00:00",
    }
    # when the phone number is set
    response = admin_browser.post(url, data | {"phone": "0912345678"})
    # then the change is saved and audited by field name only
    assert response.status_code == 302, response.context["adminform"].form.errors
    citizen.refresh_from_db()
    assert citizen.phone == "0912345678"
    entry = AuditEntry.objects.get(action="account.changed_in_admin")
    assert "phone" in entry.after["fields"]
    assert "0912345678" not in str(entry.after)


def test_audit_entries_can_be_read_but_not_changed_in_the_admin_site(
    admin_browser: Client, citizen: User
) -> None:
    # given an audit entry
    issue_api_token(actor=None, owner=UserFactory(staff=True), name="x")
    entry = AuditEntry.objects.get()
    # then it can be listed and viewed, not added, changed or deleted
    assert admin_browser.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    change = admin_browser.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_browser.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_browser.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_tokens_are_revoked_from_the_admin_site_but_never_made_there(
    admin_browser: Client, officer: User
) -> None:
    # given a live token
    token = issue_api_token(actor=None, owner=officer, name="x").token
    # when an administrator revokes it from the list
    changelist = reverse("admin:accounts_apitoken_changelist")
    admin_browser.post(changelist, {"action": "revoke", "_selected_action": [token.pk]})
    # then it is revoked, and there is no page to add one
    token.refresh_from_db()
    assert token.is_revoked
    assert admin_browser.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    page = admin_browser.get(changelist).content.decode()
    assert token.digest not in page
    assert ApiToken.objects.count() == 1


def test_the_admin_site_never_shows_an_authenticator_secret(
    admin_browser: Client, officer_device: TOTPDevice
) -> None:
    url = reverse("admin:otp_totp_totpdevice_change", args=[officer_device.pk])
    page = admin_browser.get(url).content.decode()
    assert officer_device.key not in page
    assert admin_browser.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 200


def test_a_new_superuser_from_the_command_line_is_staff(db: Any) -> None:
    user = User.objects.create_superuser("quantri2", password="x")
    assert user.is_staff_member


def test_adding_a_user_in_the_admin_site_is_audited_without_the_password(
    admin_browser: Client,
) -> None:
    # when an administrator adds an officer with a password
    response = admin_browser.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "tiepnhan09",
            "kind": "staff",
            "full_name": "Đặng Văn Giang",
            "usable_password": "true",
            "password1": "Mật-khẩu-đủ-dài-2025",
            "password2": "Mật-khẩu-đủ-dài-2025",
        },
    )
    # then the officer exists and the trail lists the fields set, no password
    assert response.status_code == 302
    officer = User.objects.get(username="tiepnhan09")
    assert officer.kind == "staff"
    entry = AuditEntry.objects.get(action="account.created_in_admin")
    assert entry.object_id == str(officer.pk)
    assert entry.after == {"fields": ["full_name", "kind", "username"]}


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("001099012345", "*********345"), ("", ""), ("12", "***"), ("123456", "***")],
)
def test_id_numbers_are_masked_down_to_their_last_three_digits(stored: str, shown: str) -> None:
    assert mask_national_id(stored) == shown
