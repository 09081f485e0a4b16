"""A small province for dossier tests: two centres, four agencies, staff in every role and a
catalog of four procedures (commune, provincial, inter-agency, online), imported as the catalog
app imports real data. Time is frozen on a working Tuesday morning."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.catalog.services import import_catalog
from motcua.catalog.tests.documents import (
    DocumentData,
    ProcedureData,
    StepData,
    VariantData,
    as_bytes,
    catalog_document,
)
from motcua.core.clock import VIETNAM
from motcua.deadlines.queries import forget_compiled_calendars
from motcua.organizations.choices import AgencyKind, Role
from motcua.organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Agency,
    RoleAssignment,
    ServiceCentre,
)

# Tuesday 16 Sep 2025, 09:00 in Vietnam: a working day, in office hours, forms of 2025 in force.
START = datetime(2025, 9, 16, 9, 0, tzinfo=VIETNAM)

COMMUNE_PROCEDURE = "1.000001.H34"  # commune: birth-certificate-like, 3 working days, pause
PROVINCIAL_PROCEDURE = "1.000002.H34"  # provincial: building permit, 15 working days, restart
INTER_AGENCY_PROCEDURE = "1.000003.H34"  # commune + police, 5 working days
ONLINE_PROCEDURE = "1.000004.H34"  # provincial, fully online, 5 working days


class FrozenClock:
    """`now` for the whole code base (django.utils.timezone.now is what core.clock reads)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, **delta: float) -> datetime:
        self.moment = self.moment + timedelta(**delta)
        return self.moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[FrozenClock]:
    frozen = FrozenClock(START)
    monkeypatch.setattr(timezone, "now", frozen)
    forget_compiled_calendars()
    yield frozen
    forget_compiled_calendars()


def _steps(*rows: tuple[str, str, str, int, str]) -> list[dict[str, Any]]:
    return [
        StepData(
            order=order, name=name, org_unit=unit, role=role, hours=hours, parallel_group=group
        )
        for order, (name, unit, role, hours, group) in enumerate(rows, start=1)
    ]


def catalog_for_tests() -> dict[str, Any]:
    commune = ProcedureData(
        code=COMMUNE_PROCEDURE,
        name="Đăng ký khai sinh",
        variants=[
            VariantData(
                processing_time={"value": 3, "unit": "working_days"},
                supplement_policy="pause",
                required_documents=[
                    DocumentData(code="TP01", name="Tờ khai đăng ký khai sinh"),
                    DocumentData(code="TP02", name="Giấy chứng sinh"),
                    DocumentData(code="TP03", name="Giấy tờ khác", mandatory=False),
                ],
                fees=[{"kind": "charge", "name": "Lệ phí", "amount_vnd": 8000, "legal_basis": ""}],
                process=_steps(
                    ("Tiếp nhận hồ sơ", "intake", "intake_officer", 2, ""),
                    ("Thẩm định hồ sơ", "civil_status", "handler", 14, ""),
                    ("Phê duyệt kết quả", "leadership", "unit_leader", 6, ""),
                    ("Trả kết quả", "intake", "intake_officer", 2, ""),
                ),
            )
        ],
    )
    provincial = ProcedureData(
        code=PROVINCIAL_PROCEDURE,
        name="Cấp giấy phép xây dựng",
        sector="HT",
        competence_levels=["province"],
        implementing_agencies=["Sở Xây dựng"],
        deciding_agency="Sở Xây dựng",
        variants=[
            VariantData(
                processing_time={"value": 15, "unit": "working_days"},
                supplement_policy="restart",
                online_level="partial",
                required_documents=[DocumentData(code="XD01", name="Đơn đề nghị cấp phép")],
                fees=[{"kind": "fee", "name": "Lệ phí", "amount_vnd": 150000, "legal_basis": ""}],
                process=_steps(
                    ("Tiếp nhận hồ sơ", "intake", "intake_officer", 4, ""),
                    ("Thẩm định hồ sơ", "construction", "handler", 80, ""),
                    ("Xin ý kiến", "construction", "handler", 16, "consult"),
                    ("Xin ý kiến", "consulted_departments", "handler", 16, "consult"),
                    ("Phê duyệt kết quả", "leadership", "unit_leader", 16, ""),
                    ("Trả kết quả", "intake", "intake_officer", 4, ""),
                ),
            )
        ],
    )
    inter_agency = ProcedureData(
        code=INTER_AGENCY_PROCEDURE,
        name="Liên thông đăng ký khai sinh, đăng ký thường trú",
        implementing_agencies=["Ủy ban nhân dân cấp xã", "Công an tỉnh Thử"],
        variants=[
            VariantData(
                processing_time={"value": 5, "unit": "working_days"},
                required_documents=[DocumentData(code="LT01", name="Tờ khai liên thông")],
                process=_steps(
                    ("Tiếp nhận hồ sơ", "intake", "intake_officer", 4, ""),
                    ("Đăng ký khai sinh", "civil_status", "handler", 12, ""),
                    ("Đăng ký thường trú", "residence_police", "handler", 12, ""),
                    ("Phê duyệt kết quả", "leadership", "unit_leader", 8, ""),
                    ("Trả kết quả", "intake", "intake_officer", 4, ""),
                ),
            )
        ],
    )
    online = ProcedureData(
        code=ONLINE_PROCEDURE,
        name="Cấp giấy phép kinh doanh vận tải",
        competence_levels=["province"],
        implementing_agencies=["Sở Xây dựng"],
        deciding_agency="Sở Xây dựng",
        variants=[
            VariantData(
                processing_time={"value": 5, "unit": "working_days"},
                online_level="full",
                required_documents=[DocumentData(code="VT01", name="Giấy đề nghị")],
                process=_steps(
                    ("Tiếp nhận hồ sơ", "intake", "intake_officer", 4, ""),
                    ("Thẩm định", "transport", "handler", 28, ""),
                    ("Phê duyệt", "leadership", "unit_leader", 4, ""),
                    ("Trả kết quả", "intake", "intake_officer", 4, ""),
                ),
            )
        ],
    )
    return catalog_document(commune, provincial, inter_agency, online)


@dataclass
class World:
    province_centre: ServiceCentre
    commune_centre: ServiceCentre
    province_committee: Agency
    construction: Agency
    commune: Agency
    police: Agency
    intake: User  # provincial centre
    commune_intake: User
    construction_handler: User
    construction_leader: User
    commune_handler: User
    commune_leader: User
    police_handler: User
    police_leader: User
    outsider: User  # a handler of another agency
    admin: User


def _staff(username: str, name: str, role: str, **scope: Any) -> User:
    user = User.objects.create(
        username=username, full_name=name, kind=AccountKind.STAFF, email=f"{username}@example.vn"
    )
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def world(db: None, clock: FrozenClock) -> World:
    province_level = AdministrativeLevel.objects.create(code="province", name="Cấp tỉnh", rank=1)
    commune_level = AdministrativeLevel.objects.create(code="commune", name="Cấp xã", rank=3)
    province = AdministrativeUnit.objects.create(
        code="56", name="Tỉnh Khánh Hòa", division_type="tỉnh", level=province_level
    )
    ward = AdministrativeUnit.objects.create(
        code="22366",
        name="Phường Nha Trang",
        division_type="phường",
        level=commune_level,
        parent=province,
    )

    def agency(
        code: str, name: str, kind: str, level: Any, unit: Any, parent: Any = None
    ) -> Agency:
        return Agency.objects.create(
            code=code, name=name, short_name=name, kind=kind, level=level, unit=unit, parent=parent
        )

    committee = agency(
        "000.00.00.H34",
        "Ủy ban nhân dân tỉnh Thử",
        AgencyKind.PEOPLES_COMMITTEE,
        province_level,
        province,
    )
    construction = agency(
        "000.02.00.H34",
        "Sở Xây dựng",
        AgencyKind.PROVINCIAL_DEPARTMENT,
        province_level,
        province,
        committee,
    )
    commune = agency(
        "000.00.01.H34",
        "Ủy ban nhân dân phường Nha Trang",
        AgencyKind.PEOPLES_COMMITTEE,
        commune_level,
        ward,
    )
    police = agency(
        "000.12.00.H34", "Công an tỉnh Thử", AgencyKind.VERTICAL_AGENCY, province_level, province
    )
    other = agency(
        "000.05.00.H34",
        "Sở Y tế",
        AgencyKind.PROVINCIAL_DEPARTMENT,
        province_level,
        province,
        committee,
    )
    province_centre = ServiceCentre.objects.create(
        code="TTPVHCC-56",
        name="Trung tâm Phục vụ hành chính công tỉnh",
        agency=committee,
        level=province_level,
        unit=province,
    )
    commune_centre = ServiceCentre.objects.create(
        code="TTPVHCC-22366",
        name="Trung tâm Phục vụ hành chính công phường Nha Trang",
        agency=commune,
        level=commune_level,
        unit=ward,
    )
    import_catalog(raw=as_bytes(catalog_for_tests()), source_name="test.json")
    return World(
        province_centre=province_centre,
        commune_centre=commune_centre,
        province_committee=committee,
        construction=construction,
        commune=commune,
        police=police,
        intake=_staff(
            "tiepnhan", "Nguyễn Thị Thu", Role.INTAKE_OFFICER, service_centre=province_centre
        ),
        commune_intake=_staff(
            "tiepnhan.xa", "Huỳnh Ánh", Role.INTAKE_OFFICER, service_centre=commune_centre
        ),
        construction_handler=_staff("xuly.xd", "Lê Nam", Role.HANDLER, agency=construction),
        construction_leader=_staff("lanhdao.xd", "Phạm Bảo", Role.UNIT_LEADER, agency=construction),
        commune_handler=_staff("xuly.xa", "Đặng Tài", Role.HANDLER, agency=commune),
        commune_leader=_staff("chutich.xa", "Ngô Sơn", Role.UNIT_LEADER, agency=commune),
        police_handler=_staff("xuly.ca", "Trịnh Công", Role.HANDLER, agency=police),
        police_leader=_staff("lanhdao.ca", "Vũ Hùng", Role.UNIT_LEADER, agency=police),
        outsider=_staff("xuly.yte", "Mai Lan", Role.HANDLER, agency=other),
        admin=_staff("quantri", "Bùi Thắng", Role.PROVINCE_ADMIN),
    )


@pytest.fixture(autouse=True)
def fresh_intake_references() -> Iterator[None]:
    """Each test reads the catalog and centres it made, not rows kept from another test."""
    from motcua.dossiers.due_moments import forget_calendar
    from motcua.dossiers.intake_references import forget

    forget()
    forget_calendar()
    yield
    forget()
    forget_calendar()
