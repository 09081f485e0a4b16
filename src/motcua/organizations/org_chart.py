"""An organisation chart to load: agencies, service centres, departments and positions as rows.

Rows name the administrative unit they serve by its official code (the unit in force when the
chart is loaded) and other rows by their codes, so a chart can be written by hand or read from
a file and loaded again without creating duplicates (`services.load_org_chart`).
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, kw_only=True)
class AgencyRow:
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    unit: str
    parent: str | None = None
    effective_from: date | None = None


@dataclass(frozen=True, kw_only=True)
class ServiceCentreRow:
    code: str
    name: str
    agency: str
    level: str
    unit: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True, kw_only=True)
class DepartmentRow:
    """A department or section (OrgUnit) inside an agency; `code` is unique within it."""

    agency: str
    code: str
    name: str


@dataclass(frozen=True, kw_only=True)
class PositionRow:
    code: str
    name: str
    is_leadership: bool = False


@dataclass(frozen=True, kw_only=True)
class OrgChart:
    agencies: tuple[AgencyRow, ...] = field(default_factory=tuple)
    service_centres: tuple[ServiceCentreRow, ...] = field(default_factory=tuple)
    departments: tuple[DepartmentRow, ...] = field(default_factory=tuple)
    positions: tuple[PositionRow, ...] = field(default_factory=tuple)
