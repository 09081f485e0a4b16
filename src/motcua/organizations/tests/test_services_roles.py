"""Giving and ending roles: scopes checked, audited, events after commit."""

from datetime import date

import pytest

from motcua.accounts.choices import AccountKind
from motcua.audit.models import AuditEntry
from motcua.core.events import subscribe, unsubscribe
from motcua.organizations.choices import Role
from motcua.organizations.errors import (
    InvalidRoleScope,
    InvalidValidityPeriod,
    NotAllowed,
    NotStaff,
)
from motcua.organizations.events import RoleAssigned, RoleAssignmentEnded
from motcua.organizations.models import RoleAssignment
from motcua.organizations.services import assign_role, end_role_assignment
from motcua.organizations.tests.factories import (
    AgencyFactory,
    OrgUnitFactory,
    RoleAssignmentFactory,
    ServiceCentreFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return RoleAssignmentFactory(province_wide=True).user


def test_handler_is_assigned_to_a_department_and_its_agency(administrator) -> None:
    # given a staff member and a department
    officer = StaffFactory()
    department = OrgUnitFactory()

    # when the administrator makes them a handler there
    assignment = assign_role(
        administrator=administrator, user=officer, role=Role.HANDLER, org_unit=department
    )

    # then the assignment holds the department and the agency it belongs to
    assert assignment.org_unit == department
    assert assignment.agency == department.agency


def test_assigning_a_role_writes_an_audit_row(administrator) -> None:
    # given a staff member and a centre
    officer = StaffFactory(username="tiepnhan.thu")
    centre = ServiceCentreFactory()

    # when they are made an intake officer there
    assignment = assign_role(
        administrator=administrator,
        user=officer,
        role=Role.INTAKE_OFFICER,
        service_centre=centre,
    )

    # then the audit trail names the actor, the role and the centre
    entry = AuditEntry.objects.get(action="organizations.role_assigned")
    assert entry.actor == administrator
    assert entry.object_id == str(assignment.pk)
    assert entry.after is not None
    assert entry.after["user"] == "tiepnhan.thu"
    assert entry.after["role"] == "intake_officer"
    assert entry.after["service_centre"] == centre.code


def test_role_assigned_event_is_published_after_commit(
    administrator, django_capture_on_commit_callbacks
) -> None:
    heard: list[RoleAssigned] = []
    subscribe(RoleAssigned, heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assignment = assign_role(
                administrator=administrator,
                user=StaffFactory(),
                role=Role.STEERING_MEMBER,
            )
    finally:
        unsubscribe(RoleAssigned, heard.append)
    assert [(e.assignment_id, e.role) for e in heard] == [(assignment.pk, "steering_member")]


@pytest.mark.parametrize(
    ("role", "scope", "allowed"),
    [
        (Role.INTAKE_OFFICER, "service_centre", True),
        (Role.INTAKE_OFFICER, "agency", False),
        (Role.INTAKE_OFFICER, "province", False),
        (Role.CENTRE_LEADER, "service_centre", True),
        (Role.CENTRE_LEADER, "agency", False),
        (Role.HANDLER, "agency", True),
        (Role.HANDLER, "service_centre", False),
        (Role.HANDLER, "province", False),
        (Role.UNIT_LEADER, "agency", True),
        (Role.UNIT_LEADER, "province", False),
        (Role.PROVINCE_ADMIN, "province", True),
        (Role.PROVINCE_ADMIN, "agency", False),
        (Role.STEERING_MEMBER, "province", True),
        (Role.STEERING_MEMBER, "service_centre", False),
        (Role.AUDITOR, "province", True),
        (Role.AUDITOR, "agency", True),
        (Role.AUDITOR, "service_centre", False),
    ],
)
def test_each_role_is_given_only_for_its_scopes(
    administrator, role: str, scope: str, allowed: bool
) -> None:
    # given a staff member and a scope of the kind named
    place = {
        "service_centre": {"service_centre": ServiceCentreFactory()},
        "agency": {"agency": AgencyFactory()},
        "province": {},
    }[scope]
    officer = StaffFactory()

    # when the role is given for that scope
    def give() -> RoleAssignment:
        return assign_role(administrator=administrator, user=officer, role=role, **place)

    # then it is accepted or refused as the role's scopes say
    if allowed:
        assert give().role == role
    else:
        with pytest.raises(InvalidRoleScope):
            give()
        assert not RoleAssignment.objects.filter(user=officer).exists()


def test_department_of_another_agency_is_refused(administrator) -> None:
    with pytest.raises(InvalidRoleScope):
        assign_role(
            administrator=administrator,
            user=StaffFactory(),
            role=Role.HANDLER,
            agency=AgencyFactory(),
            org_unit=OrgUnitFactory(),
        )


def test_centre_and_agency_together_are_refused(administrator) -> None:
    with pytest.raises(InvalidRoleScope):
        assign_role(
            administrator=administrator,
            user=StaffFactory(),
            role=Role.INTAKE_OFFICER,
            agency=AgencyFactory(),
            service_centre=ServiceCentreFactory(),
        )


def test_citizen_account_gets_no_role(administrator) -> None:
    # given a citizen's account
    citizen = StaffFactory(kind=AccountKind.CITIZEN)

    # when a role is given to it
    with pytest.raises(NotStaff):
        assign_role(administrator=administrator, user=citizen, role=Role.STEERING_MEMBER)

    # then nothing is written
    assert not RoleAssignment.objects.filter(user=citizen).exists()


def test_validity_ending_before_it_starts_is_refused(administrator) -> None:
    with pytest.raises(InvalidValidityPeriod):
        assign_role(
            administrator=administrator,
            user=StaffFactory(),
            role=Role.STEERING_MEMBER,
            valid_from=date(2026, 1, 10),
            valid_to=date(2026, 1, 9),
        )


def test_only_a_province_administrator_gives_roles() -> None:
    # given a handler who is not an administrator
    handler = RoleAssignmentFactory().user

    # when they try to give a role
    with pytest.raises(NotAllowed):
        assign_role(administrator=handler, user=StaffFactory(), role=Role.STEERING_MEMBER)

    # then no assignment and no audit row are written
    assert RoleAssignment.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_ending_an_assignment_keeps_it_with_its_last_day(
    administrator, django_capture_on_commit_callbacks
) -> None:
    # given a handler's assignment
    assignment = RoleAssignmentFactory(valid_from=date(2025, 7, 1))
    heard: list[RoleAssignmentEnded] = []
    subscribe(RoleAssignmentEnded, heard.append)

    # when the administrator ends it
    try:
        with django_capture_on_commit_callbacks(execute=True):
            end_role_assignment(
                administrator=administrator, assignment=assignment, valid_to=date(2026, 3, 31)
            )
    finally:
        unsubscribe(RoleAssignmentEnded, heard.append)

    # then the row stays with its last day, audited before and after, and the event is heard
    assignment.refresh_from_db()
    assert assignment.valid_to == date(2026, 3, 31)
    entry = AuditEntry.objects.get(action="organizations.role_assignment_ended")
    assert entry.before is not None
    assert entry.after is not None
    assert (entry.before["valid_to"], entry.after["valid_to"]) == (None, "2026-03-31")
    assert [e.valid_to for e in heard] == ["2026-03-31"]


def test_ending_before_the_first_day_is_refused(administrator) -> None:
    assignment = RoleAssignmentFactory(valid_from=date(2025, 7, 1))
    with pytest.raises(InvalidValidityPeriod):
        end_role_assignment(
            administrator=administrator, assignment=assignment, valid_to=date(2025, 6, 30)
        )
    assignment.refresh_from_db()
    assert assignment.valid_to is None
