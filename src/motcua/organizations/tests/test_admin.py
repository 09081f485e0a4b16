"""The organisation's admin pages: lists render, names are found without accents, roles go
through the services."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from motcua.accounts.testing import sign_in_verified
from motcua.audit.models import AuditEntry
from motcua.organizations.choices import Role
from motcua.organizations.models import RoleAssignment
from motcua.organizations.tests.factories import (
    RoleAssignmentFactory,
    ServiceCentreFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    superuser = get_user_model().objects.create_superuser("admin", password="x", kind="staff")
    sign_in_verified(client, user=superuser)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "administrativelevel",
        "administrativeunit",
        "agency",
        "servicecentre",
        "orgunit",
        "position",
        "roleassignment",
    ],
)
def test_every_organisation_list_renders(admin_client, khanh_hoa_chart: None, model: str) -> None:
    RoleAssignmentFactory()
    response = admin_client.get(reverse(f"admin:organizations_{model}_changelist"))
    assert response.status_code == 200


def test_units_are_found_without_accents(admin_client, khanh_hoa_units: None) -> None:
    # when the unit list is searched without accents
    response = admin_client.get(
        reverse("admin:organizations_administrativeunit_changelist"), {"q": "dac khu truong sa"}
    )

    # then the special zone is found
    assert response.status_code == 200
    assert "Đặc khu Trường Sa" in response.content.decode()


def test_a_role_added_in_the_admin_is_audited(admin_client) -> None:
    # given a staff member and a centre
    officer = StaffFactory()
    centre = ServiceCentreFactory()

    # when an intake officer role is added through the admin
    response = admin_client.post(
        reverse("admin:organizations_roleassignment_add"),
        {"user": officer.pk, "role": Role.INTAKE_OFFICER, "service_centre": centre.pk},
    )

    # then the service wrote the assignment and its audit row
    assert response.status_code == 302
    assert RoleAssignment.objects.get().service_centre == centre
    assert AuditEntry.objects.filter(action="organizations.role_assigned").count() == 1


def test_a_role_of_the_wrong_scope_is_refused_in_the_admin(admin_client) -> None:
    # when a handler role is added for a centre
    response = admin_client.post(
        reverse("admin:organizations_roleassignment_add"),
        {
            "user": StaffFactory().pk,
            "role": Role.HANDLER,
            "service_centre": ServiceCentreFactory().pk,
        },
    )

    # then the form shows the error and nothing is written
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not RoleAssignment.objects.exists()


def test_role_assignments_are_ended_not_deleted(admin_client) -> None:
    assignment = RoleAssignmentFactory()
    response = admin_client.get(
        reverse("admin:organizations_roleassignment_delete", args=[assignment.pk])
    )
    assert response.status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
