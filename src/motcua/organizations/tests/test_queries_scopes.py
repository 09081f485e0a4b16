"""What each role reaches: agencies and service centres, by scope and validity."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.organizations.choices import Role
from motcua.organizations.models import Agency, ServiceCentre
from motcua.organizations.queries import (
    has_role,
    list_agencies_in_scope,
    list_roles,
    list_service_centres_in_scope,
)
from motcua.organizations.tests.factories import (
    AgencyFactory,
    OrgUnitFactory,
    RoleAssignmentFactory,
    ServiceCentreFactory,
    StaffFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Province:
    """A small province: its committee with two departments (one with a land office under it),
    a commune committee, a provincial and a commune centre."""

    committee: Agency
    construction: Agency
    environment: Agency
    land_office: Agency
    commune: Agency
    provincial_centre: ServiceCentre
    commune_centre: ServiceCentre

    def __getitem__(self, name: str) -> Agency | ServiceCentre:
        return getattr(self, name)


@pytest.fixture
def province() -> Province:
    province_unit = UnitFactory(province=True)
    commune_unit = UnitFactory(parent=province_unit)
    committee = AgencyFactory(unit=province_unit, name="Ủy ban nhân dân tỉnh")
    environment = AgencyFactory(unit=province_unit, parent=committee, name="Sở NN&MT")
    commune = AgencyFactory(unit=commune_unit)
    return Province(
        committee=committee,
        construction=AgencyFactory(unit=province_unit, parent=committee, name="Sở Xây dựng"),
        environment=environment,
        land_office=AgencyFactory(unit=province_unit, parent=environment, name="VPĐKĐĐ"),
        commune=commune,
        provincial_centre=ServiceCentreFactory(agency=committee),
        commune_centre=ServiceCentreFactory(agency=commune),
    )


def assignment(province: Province, role: str, scope: str | None, **extra: object) -> object:
    """Create an assignment of `role` for the named agency or centre (None: the province)."""
    place: dict[str, object] = {"agency": None}
    if scope is not None:
        target = province[scope]
        key = "service_centre" if isinstance(target, ServiceCentre) else "agency"
        place[key] = target
    return RoleAssignmentFactory(role=role, **place, **extra).user


@pytest.mark.parametrize(
    ("role", "scope", "target", "reaches"),
    [
        # agency roles reach their agency and the agencies under it, nothing else
        (Role.HANDLER, "construction", "construction", True),
        (Role.HANDLER, "construction", "commune", False),
        (Role.HANDLER, "construction", "environment", False),
        (Role.UNIT_LEADER, "environment", "land_office", True),
        (Role.HANDLER, "land_office", "environment", False),
        (Role.UNIT_LEADER, "committee", "land_office", True),
        (Role.UNIT_LEADER, "commune", "commune", True),
        (Role.UNIT_LEADER, "commune", "construction", False),
        # a one-stop centre receives for every agency (Decree 118/2025 Art. 14, 20)
        (Role.INTAKE_OFFICER, "commune_centre", "construction", True),
        (Role.INTAKE_OFFICER, "provincial_centre", "commune", True),
        (Role.CENTRE_LEADER, "commune_centre", "land_office", True),
        # province-wide roles reach everything
        (Role.PROVINCE_ADMIN, None, "commune", True),
        (Role.STEERING_MEMBER, None, "land_office", True),
        (Role.AUDITOR, None, "construction", True),
        # an auditor of one agency reaches that agency only
        (Role.AUDITOR, "construction", "construction", True),
        (Role.AUDITOR, "construction", "commune", False),
    ],
)
def test_role_reaches_an_agency_by_its_scope(
    province: Province, role: str, scope: str | None, target: str, reaches: bool
) -> None:
    # given a staff member holding `role` for `scope`
    user = assignment(province, role, scope)

    # when asked whether the role reaches the target agency
    # then the scope rules decide, and the agency list agrees
    agency = province[target]
    assert has_role(user=user, role=role, agency=agency) is reaches
    assert list_agencies_in_scope(user=user, role=role).filter(pk=agency.pk).exists() is reaches


@pytest.mark.parametrize(
    ("role", "scope", "centres"),
    [
        (Role.INTAKE_OFFICER, "commune_centre", {"commune_centre"}),
        (Role.CENTRE_LEADER, "provincial_centre", {"provincial_centre"}),
        (Role.UNIT_LEADER, "commune", {"commune_centre"}),
        (Role.UNIT_LEADER, "committee", {"provincial_centre"}),
        (Role.HANDLER, "construction", set()),
        (Role.PROVINCE_ADMIN, None, {"provincial_centre", "commune_centre"}),
    ],
)
def test_role_reaches_service_centres_by_its_scope(
    province: Province, role: str, scope: str | None, centres: set[str]
) -> None:
    # given a staff member holding `role` for `scope`
    user = assignment(province, role, scope)

    # when the centres in scope are listed
    reached = set(list_service_centres_in_scope(user=user, role=role))

    # then they are the expected ones, and has_role agrees for each centre
    assert reached == {province[name] for name in centres}
    for name in ("provincial_centre", "commune_centre"):
        centre = province[name]
        assert isinstance(centre, ServiceCentre)
        assert has_role(user=user, role=role, service_centre=centre) is (name in centres)


def test_a_department_assignment_reaches_its_agency(province: Province) -> None:
    # given a handler assigned to a department of the commune committee only
    department = OrgUnitFactory(agency=province.commune)
    user = RoleAssignmentFactory(agency=None, org_unit=department).user

    # then the role reaches the committee the department belongs to
    assert has_role(user=user, role=Role.HANDLER, agency=province.commune)
    assert list(list_agencies_in_scope(user=user, role=Role.HANDLER)) == [province.commune]


@pytest.mark.parametrize("validity", ["ended", "not_yet"])
def test_an_assignment_outside_its_validity_counts_for_nothing(
    province: Province, validity: str
) -> None:
    # given a handler whose assignment has ended or not yet begun
    user = assignment(province, Role.HANDLER, "construction", **{validity: True})

    # then they hold no role and reach nothing
    assert list_roles(user=user) == []
    assert not has_role(user=user, role=Role.HANDLER)
    assert not list_agencies_in_scope(user=user, role=Role.HANDLER).exists()


def test_an_ended_assignment_counted_on_a_day_it_was_valid(province: Province) -> None:
    user = assignment(province, Role.HANDLER, "construction", ended=True)
    assert has_role(user=user, role=Role.HANDLER, on=date(2024, 6, 1))


def test_roles_are_listed_once_in_the_order_of_roles(province: Province) -> None:
    # given a staff member who is an auditor and a handler twice over
    user = StaffFactory()
    RoleAssignmentFactory(user=user, role=Role.AUDITOR, agency=None)
    RoleAssignmentFactory(user=user, role=Role.HANDLER, agency=province.construction)
    RoleAssignmentFactory(user=user, role=Role.HANDLER, agency=province.commune)

    # then each role is listed once, in the order roles are declared
    assert list_roles(user=user) == [Role.HANDLER, Role.AUDITOR]


def test_anonymous_and_inactive_users_hold_no_role(province: Province) -> None:
    inactive = assignment(province, Role.PROVINCE_ADMIN, None)
    inactive.is_active = False  # type: ignore[attr-defined]
    inactive.save()  # type: ignore[attr-defined]
    for user in (AnonymousUser(), inactive):
        assert list_roles(user=user) == []
        assert not has_role(user=user, role=Role.PROVINCE_ADMIN, agency=province.commune)
        assert not list_agencies_in_scope(user=user, role=Role.PROVINCE_ADMIN).exists()


def test_a_role_not_held_reaches_nothing(province: Province) -> None:
    user = assignment(province, Role.HANDLER, "construction")
    assert not has_role(user=user, role=Role.UNIT_LEADER)
    assert not list_service_centres_in_scope(user=user, role=Role.UNIT_LEADER).exists()
