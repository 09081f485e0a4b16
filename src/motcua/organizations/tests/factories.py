"""Factories of the organisation's rows; names are Vietnamese, stored in NFC."""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from motcua.accounts.choices import AccountKind
from motcua.organizations.choices import AgencyKind, Role
from motcua.organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Agency,
    OrgUnit,
    Position,
    RoleAssignment,
    ServiceCentre,
)


class LevelFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeLevel
        django_get_or_create = ("code",)

    code = "commune"
    name = "Xã, phường, đặc khu"
    rank = 3

    class Params:
        province = factory.Trait(code="province", name="Tỉnh, thành phố", rank=1)


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Xã Đồng Thử {n}")
    division_type = "xã"
    level = factory.SubFactory(LevelFactory)
    effective_from = date(2025, 7, 1)

    class Params:
        province = factory.Trait(
            code=factory.Sequence(lambda n: f"{90 + n % 10}"),
            name=factory.Sequence(lambda n: f"Tỉnh Thử {n}"),
            division_type="tỉnh",
            level=factory.SubFactory(LevelFactory, province=True),
        )


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"000.{n // 100:02d}.{n % 100:02d}.T99")
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Đồng Thử {n}")
    kind = AgencyKind.PEOPLES_COMMITTEE
    level = factory.SelfAttribute("unit.level")
    unit = factory.SubFactory(UnitFactory)


class ServiceCentreFactory(DjangoModelFactory):
    class Meta:
        model = ServiceCentre

    code = factory.Sequence(lambda n: f"TTPVHCC-T{n}")
    name = factory.Sequence(lambda n: f"Trung tâm Phục vụ hành chính công số {n}")
    agency = factory.SubFactory(AgencyFactory)
    level = factory.SelfAttribute("agency.level")
    unit = factory.SelfAttribute("agency.unit")


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"section-{n}")
    name = factory.Sequence(lambda n: f"Phòng số {n}")


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("code",)

    code = "specialist"
    name = "Chuyên viên"


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Cán Bộ {n}")
    kind = AccountKind.STAFF


class RoleAssignmentFactory(DjangoModelFactory):
    """A handler of an agency by default; traits for the other scopes and for validity."""

    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(StaffFactory)
    role = Role.HANDLER
    agency = factory.SubFactory(AgencyFactory)

    class Params:
        province_wide = factory.Trait(role=Role.PROVINCE_ADMIN, agency=None)
        at_centre = factory.Trait(
            role=Role.INTAKE_OFFICER,
            agency=None,
            service_centre=factory.SubFactory(ServiceCentreFactory),
        )
        ended = factory.Trait(valid_from=date(2024, 1, 1), valid_to=date(2024, 12, 31))
        not_yet = factory.Trait(valid_from=date(2999, 1, 1))
