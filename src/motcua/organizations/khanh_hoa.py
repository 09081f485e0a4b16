"""The organisation chart of Khánh Hòa after the 1 Jul 2025 merger, the demo province.

Communes come from the `vietnam-provinces` package; each has its People's Committee and its
Public Administration Service Centre. Provincial departments follow the 2025 restructure.

Electronic identifier codes (`000.00.00.H34` for the People's Committee of the province,
`000.NN.00.H34` for a department or vertical agency, `000.NN.MM.H34` for a body under department
NN, `000.00.NN.H34` for commune NN in the order of the official commune codes) are this demo's
numbering in the national format, not the province's published list.
"""

from dataclasses import replace
from functools import cache

from motcua.organizations.choices import AgencyKind
from motcua.organizations.divisions import (
    COMMUNE,
    PROVINCE,
    REORGANISED_ON,
    UnitRow,
    bare_name,
    read_communes,
)
from motcua.organizations.org_chart import (
    AgencyRow,
    DepartmentRow,
    OrgChart,
    PositionRow,
    ServiceCentreRow,
)

PROVINCE_CODE = 56
UNIT_CODE = "56"

# [check] "H34" as Khánh Hòa's suffix in electronic identifier codes is unconfirmed for the
# merged province; every demo code is derived from this one constant.
AGENCY_CODE_SUFFIX = "H34"

# Communes whose People's Committees get departments and demo staff: one from the former
# Khánh Hòa and one from the former Ninh Thuận.
NHA_TRANG_WARD = "22366"
PHAN_RANG_WARD = "22759"


def agency_code(department: int = 0, section: int = 0) -> str:
    """Return an identifier code in the national format: agency_code(2) == "000.02.00.H34"."""
    return f"000.{department:02d}.{section:02d}.{AGENCY_CODE_SUFFIX}"


def communes() -> tuple[UnitRow, ...]:
    """The province's communes, wards and special zone in the order of their official codes."""
    return _communes()


@cache
def _communes() -> tuple[UnitRow, ...]:
    # The package's data never changes while the process runs.
    return read_communes(province_code=PROVINCE_CODE)


def commune_agency_code(unit_code: str) -> str:
    """Return the identifier code of the People's Committee of a commune, ward or special zone.

    Raises KeyError for a code that is not one of the province's communes.
    """
    numbers = {row.code: number for number, row in enumerate(communes(), start=1)}
    return f"000.00.{numbers[unit_code]:02d}.{AGENCY_CODE_SUFFIX}"


def service_centre_code(unit_code: str) -> str:
    """Centres are numbered by the code of the unit they serve: TTPVHCC-56, TTPVHCC-22366."""
    return f"TTPVHCC-{unit_code}"


PEOPLES_COMMITTEE = agency_code()
AGRICULTURE_ENVIRONMENT = agency_code(1)
CONSTRUCTION = agency_code(2)
LAND_REGISTRATION_OFFICE = agency_code(1, 1)
PROVINCIAL_CENTRE = service_centre_code(UNIT_CODE)

_DEPARTMENT = AgencyKind.PROVINCIAL_DEPARTMENT
_VERTICAL = AgencyKind.VERTICAL_AGENCY
# (code, name, short name, kind, parent code) of the provincial bodies
_PROVINCIAL_BODIES = (
    (
        PEOPLES_COMMITTEE,
        "Ủy ban nhân dân tỉnh Khánh Hòa",
        "UBND tỉnh",
        AgencyKind.PEOPLES_COMMITTEE,
        None,
    ),
    (agency_code(1), "Sở Nông nghiệp và Môi trường", "Sở NN&MT", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(2), "Sở Xây dựng", "Sở XD", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(3), "Sở Tư pháp", "Sở TP", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(4), "Sở Tài chính", "Sở TC", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(5), "Sở Y tế", "Sở YT", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(6), "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(7), "Sở Nội vụ", "Sở NV", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(8), "Sở Công Thương", "Sở CT", _DEPARTMENT, PEOPLES_COMMITTEE),
    (
        agency_code(9),
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VHTT&DL",
        _DEPARTMENT,
        PEOPLES_COMMITTEE,
    ),
    (agency_code(10), "Sở Khoa học và Công nghệ", "Sở KH&CN", _DEPARTMENT, PEOPLES_COMMITTEE),
    (agency_code(11), "Sở Dân tộc và Tôn giáo", "Sở DT&TG", _DEPARTMENT, PEOPLES_COMMITTEE),
    (
        LAND_REGISTRATION_OFFICE,
        "Văn phòng Đăng ký đất đai tỉnh Khánh Hòa",
        "VPĐKĐĐ",
        AgencyKind.PUBLIC_SERVICE_UNIT,
        AGRICULTURE_ENVIRONMENT,
    ),
    # [check] Vertical agencies carry codes of their own ministries in practice.
    (agency_code(12), "Công an tỉnh Khánh Hòa", "Công an tỉnh", _VERTICAL, None),
    (agency_code(13), "Thuế tỉnh Khánh Hòa", "Thuế tỉnh", _VERTICAL, None),
)

_POSITIONS = (
    PositionRow(code="province_chairman", name="Chủ tịch Ủy ban nhân dân tỉnh", is_leadership=True),
    PositionRow(code="commune_chairman", name="Chủ tịch Ủy ban nhân dân xã", is_leadership=True),
    PositionRow(
        code="commune_vice_chairman", name="Phó Chủ tịch Ủy ban nhân dân xã", is_leadership=True
    ),
    PositionRow(code="director", name="Giám đốc", is_leadership=True),
    PositionRow(code="deputy_director", name="Phó Giám đốc", is_leadership=True),
    PositionRow(
        code="centre_director",
        name="Giám đốc Trung tâm Phục vụ hành chính công",
        is_leadership=True,
    ),
    PositionRow(code="head_of_division", name="Trưởng phòng", is_leadership=True),
    PositionRow(code="deputy_head_of_division", name="Phó Trưởng phòng", is_leadership=True),
    PositionRow(code="specialist", name="Chuyên viên"),
    PositionRow(code="one_stop_officer", name="Công chức một cửa"),
    PositionRow(code="inspector", name="Thanh tra viên"),
    PositionRow(code="system_administrator", name="Quản trị hệ thống"),
)


def org_chart() -> OrgChart:
    """Return the chart of the province: agencies, service centres, departments, positions."""
    agencies = [
        AgencyRow(
            code=code,
            name=name,
            short_name=short_name,
            kind=kind,
            level=PROVINCE,
            unit=UNIT_CODE,
            parent=parent,
        )
        for code, name, short_name, kind, parent in _PROVINCIAL_BODIES
    ]
    centres = [
        ServiceCentreRow(
            code=PROVINCIAL_CENTRE,
            name="Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa",
            agency=PEOPLES_COMMITTEE,
            level=PROVINCE,
            unit=UNIT_CODE,
        )
    ]
    for commune in communes():
        place = f"{commune.division_type} {bare_name(commune.name, commune.division_type)}"
        agencies.append(
            AgencyRow(
                code=commune_agency_code(commune.code),
                name=f"Ủy ban nhân dân {place}",
                short_name=f"UBND {place}",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                level=COMMUNE,
                unit=commune.code,
            )
        )
        centres.append(
            ServiceCentreRow(
                code=service_centre_code(commune.code),
                name=f"Trung tâm Phục vụ hành chính công {place}",
                agency=commune_agency_code(commune.code),
                level=COMMUNE,
                unit=commune.code,
            )
        )
    # The bodies of the merged province were formed with it.
    agencies = [replace(row, effective_from=REORGANISED_ON) for row in agencies]
    return OrgChart(
        agencies=tuple(agencies),
        service_centres=tuple(centres),
        departments=_departments(),
        positions=_POSITIONS,
    )


def _departments() -> tuple[DepartmentRow, ...]:
    rows = [
        DepartmentRow(agency=PEOPLES_COMMITTEE, code="leadership", name="Lãnh đạo UBND tỉnh"),
        DepartmentRow(agency=CONSTRUCTION, code="leadership", name="Ban Giám đốc"),
        DepartmentRow(agency=CONSTRUCTION, code="office", name="Văn phòng Sở"),
        DepartmentRow(
            agency=CONSTRUCTION, code="construction", name="Phòng Quản lý hoạt động xây dựng"
        ),
        DepartmentRow(agency=CONSTRUCTION, code="intake", name="Bộ phận tiếp nhận và trả kết quả"),
        DepartmentRow(agency=AGRICULTURE_ENVIRONMENT, code="leadership", name="Ban Giám đốc"),
        DepartmentRow(agency=AGRICULTURE_ENVIRONMENT, code="land", name="Phòng Quản lý đất đai"),
        DepartmentRow(
            agency=LAND_REGISTRATION_OFFICE,
            code="registration",
            name="Phòng Đăng ký và Cấp giấy chứng nhận",
        ),
    ]
    for ward in (NHA_TRANG_WARD, PHAN_RANG_WARD):
        agency = commune_agency_code(ward)
        rows += [
            DepartmentRow(agency=agency, code="leadership", name="Lãnh đạo UBND phường"),
            DepartmentRow(agency=agency, code="office", name="Văn phòng HĐND và UBND phường"),
            DepartmentRow(agency=agency, code="economy", name="Phòng Kinh tế, Hạ tầng và Đô thị"),
            DepartmentRow(agency=agency, code="culture_society", name="Phòng Văn hóa - Xã hội"),
        ]
    return tuple(rows)
