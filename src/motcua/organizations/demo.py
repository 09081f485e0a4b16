"""Demo province (see motcua.demo.steps): Khánh Hòa's units, agencies, centres and staff.

Every demo staff account shares DEMO_PASSWORD. The province administrator also has a TOTP
device with a fixed, public demo key, since administrators always sign in with a second factor.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.choices import AccountKind
from motcua.organizations import khanh_hoa
from motcua.organizations.choices import Role
from motcua.organizations.models import Agency, OrgUnit, Position, RoleAssignment, ServiceCentre
from motcua.organizations.org_chart import OrgChart
from motcua.organizations.services import assign_role, load_administrative_units, load_org_chart

# Printed by `make run` and listed in the README: a demo sign-in, not a secret.
DEMO_PASSWORD = "motcua-demo-2025"  # noqa: S105
# Public on purpose: the demo administrator's authenticator key. Never give it to a real account.
DEMO_TOTP_KEY = b"motcua-demo-totp-key".hex()
DEMO_TOTP_DEVICE = "Demo authenticator"

PROVINCE_WIDE = "Tỉnh Khánh Hòa (toàn tỉnh)"


@dataclass(frozen=True, kw_only=True)
class DemoStaff:
    username: str
    full_name: str
    role: Role
    agency: str | None = None
    department: str | None = None
    service_centre: str | None = None
    position: str | None = None
    is_administrator: bool = False


_NHA_TRANG = khanh_hoa.service_centre_code(khanh_hoa.NHA_TRANG_WARD)

DEMO_STAFF = (
    DemoStaff(
        username="tiepnhan.tinh",
        full_name="Nguyễn Thị Thu Hà",
        role=Role.INTAKE_OFFICER,
        service_centre=khanh_hoa.PROVINCIAL_CENTRE,
        position="one_stop_officer",
    ),
    DemoStaff(
        username="lanhdao.trungtam",
        full_name="Trần Văn Minh",
        role=Role.CENTRE_LEADER,
        service_centre=khanh_hoa.PROVINCIAL_CENTRE,
        position="centre_director",
    ),
    DemoStaff(
        username="xuly.xaydung",
        full_name="Lê Hoàng Nam",
        role=Role.HANDLER,
        agency=khanh_hoa.CONSTRUCTION,
        department="construction",
        position="specialist",
    ),
    DemoStaff(
        username="lanhdao.xaydung",
        full_name="Phạm Quốc Bảo",
        role=Role.UNIT_LEADER,
        agency=khanh_hoa.CONSTRUCTION,
        department="leadership",
        position="deputy_director",
    ),
    DemoStaff(
        username="xuly.datdai",
        full_name="Võ Thị Mai",
        role=Role.HANDLER,
        agency=khanh_hoa.LAND_REGISTRATION_OFFICE,
        department="registration",
        position="specialist",
    ),
    DemoStaff(
        username="tiepnhan.nhatrang",
        full_name="Huỳnh Thị Ngọc Ánh",
        role=Role.INTAKE_OFFICER,
        service_centre=_NHA_TRANG,
        position="one_stop_officer",
    ),
    DemoStaff(
        username="xuly.nhatrang",
        full_name="Đặng Văn Tài",
        role=Role.HANDLER,
        agency=khanh_hoa.commune_agency_code(khanh_hoa.NHA_TRANG_WARD),
        department="economy",
        position="specialist",
    ),
    DemoStaff(
        username="chutich.nhatrang",
        full_name="Ngô Thanh Sơn",
        role=Role.UNIT_LEADER,
        agency=khanh_hoa.commune_agency_code(khanh_hoa.NHA_TRANG_WARD),
        department="leadership",
        position="commune_chairman",
    ),
    DemoStaff(
        username="quantri",
        full_name="Bùi Đức Thắng",
        role=Role.PROVINCE_ADMIN,
        position="system_administrator",
        is_administrator=True,
    ),
    DemoStaff(
        username="bcd.tinh",
        full_name="Hoàng Thị Lệ",
        role=Role.STEERING_MEMBER,
    ),
    DemoStaff(
        username="thanhtra.tinh",
        full_name="Đỗ Minh Khoa",
        role=Role.AUDITOR,
        position="inspector",
    ),
)


def load(*, out: Callable[[str], None]) -> None:
    """Load the demo province's units, agencies, centres and staff; idempotent."""
    with transaction.atomic():
        units = load_administrative_units(province_code=khanh_hoa.PROVINCE_CODE)
        out(
            f"administrative levels and units: {units.created} created, {units.updated} updated, "
            f"{units.links_created} predecessor links"
        )
        organisation = load_org_chart(chart=khanh_hoa.org_chart())
        out(
            f"agencies, centres, departments, positions: {organisation.created} created, "
            f"{organisation.updated} updated"
        )
        created = _load_staff()
        out(f"demo staff: {created} accounts created")


def _load_staff() -> int:
    user_model = get_user_model()
    users = {
        user.get_username(): user
        for user in user_model.objects.filter(username__in=[s.username for s in DEMO_STAFF])
    }
    missing = [staff for staff in DEMO_STAFF if staff.username not in users]
    if missing:
        # One hash for all: the accounts share the demo password and hashing is slow on purpose.
        password = make_password(DEMO_PASSWORD)
        created = user_model.objects.bulk_create(
            [
                user_model(
                    username=staff.username,
                    full_name=staff.full_name,
                    kind=AccountKind.STAFF,
                    is_staff=staff.is_administrator,
                    is_superuser=staff.is_administrator,
                    password=password,
                )
                for staff in missing
            ]
        )
        users.update({user.get_username(): user for user in created})

    held = set(
        RoleAssignment.objects.filter(user__in=users.values()).values_list("user__username", "role")
    )
    to_assign = [staff for staff in DEMO_STAFF if (staff.username, staff.role) not in held]
    if to_assign:
        _assign_demo_roles(to_assign, users)

    for staff in DEMO_STAFF:
        if staff.is_administrator:
            TOTPDevice.objects.get_or_create(
                user=users[staff.username],
                name=DEMO_TOTP_DEVICE,
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )
    return len(missing)


def _assign_demo_roles(staff_list: list[DemoStaff], users: dict[str, Any]) -> None:
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    centres = {centre.code: centre for centre in ServiceCentre.objects.all()}
    departments: dict[tuple[str | None, str | None], OrgUnit] = {
        (department.agency.code, department.code): department
        for department in OrgUnit.objects.select_related("agency")
    }
    positions = {position.code: position for position in Position.objects.all()}
    for staff in staff_list:
        assign_role(
            administrator=None,
            user=users[staff.username],
            role=staff.role,
            agency=agencies[staff.agency] if staff.agency else None,
            org_unit=departments[(staff.agency, staff.department)] if staff.department else None,
            service_centre=centres[staff.service_centre] if staff.service_centre else None,
            position=positions[staff.position] if staff.position else None,
        )


def staff_table(chart: OrgChart | None = None) -> list[tuple[str, str, str]]:
    """(username, role, unit) of every demo staff account, as the README lists them."""
    chart = chart or khanh_hoa.org_chart()
    agencies = {row.code: row for row in chart.agencies}
    centres = {row.code: row.name for row in chart.service_centres}
    departments = {(row.agency, row.code): row.name for row in chart.departments}
    rows = []
    for staff in DEMO_STAFF:
        if staff.service_centre:
            where = centres[staff.service_centre]
        elif staff.agency:
            agency = agencies[staff.agency]
            where = agency.name
            if staff.department:
                where = f"{agency.name} — {departments[(agency.code, staff.department)]}"
        else:
            where = PROVINCE_WIDE
        rows.append((staff.username, str(staff.role.label), where))
    return rows


def describe_accounts(*, base_url: str) -> list[str]:
    """Lines printed by `make run`: addresses and demo sign-ins."""
    lines = [
        f"motcua is starting at {base_url}/",
        f"  citizen portal   {base_url}/",
        f"  back office      {base_url}/backoffice/",
        f"  administration   {base_url}/admin/",
        f"  API documents    {base_url}/api/v1/docs",
        "",
        f"Demo staff accounts (password for all: {DEMO_PASSWORD})",
    ]
    table = staff_table()
    width = max(len(username) for username, _, _ in table) + 2
    role_width = max(len(role) for _, role, _ in table) + 2
    lines.append(f"  {'username'.ljust(width)}{'role'.ljust(role_width)}unit")
    lines += [
        f"  {username.ljust(width)}{role.ljust(role_width)}{where}"
        for username, role, where in table
    ]
    administrator = next(staff for staff in DEMO_STAFF if staff.is_administrator)
    device = TOTPDevice(user=get_user_model()(username=administrator.username), key=DEMO_TOTP_KEY)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    lines += [
        "",
        f"`{administrator.username}` signs in with a second factor. Add this demo key to an "
        "authenticator app:",
        f"  {device.config_url}",
        f"  (code right now: {code:0{device.digits}d}, it changes every {device.step} seconds)",
    ]
    return lines
