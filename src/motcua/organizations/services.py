"""State changes of the organisation: loading units and the organisation chart, giving roles.

Loaders are idempotent and work in bulk: they read what exists once, create what is missing,
update what differs and write one audit row only when something changed, so running them on
every start-up costs a handful of queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import structlog
from django.db import models, transaction
from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind
from motcua.audit.services import record_audit
from motcua.core.clock import today
from motcua.core.events import publish
from motcua.core.text import fold, normalize
from motcua.organizations.choices import ROLE_SCOPES, Role, RoleScope
from motcua.organizations.divisions import LEVELS, UnitKey, UnitRow, read_province
from motcua.organizations.errors import (
    InvalidOrgChart,
    InvalidRoleScope,
    InvalidValidityPeriod,
    NotAllowed,
    NotStaff,
    UnknownUnit,
)
from motcua.organizations.events import (
    AdministrativeUnitsLoaded,
    OrgChartLoaded,
    RoleAssigned,
    RoleAssignmentEnded,
)
from motcua.organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Agency,
    OrgUnit,
    Position,
    RoleAssignment,
    ServiceCentre,
)
from motcua.organizations.org_chart import AgencyRow, OrgChart
from motcua.organizations.queries import has_role, in_effect_on

log = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True)
class LoadReport:
    """What a loader did; a second run with the same data reports zeros."""

    created: int = 0
    updated: int = 0
    links_created: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.links_created)

    def __add__(self, other: "LoadReport") -> "LoadReport":
        return LoadReport(
            created=self.created + other.created,
            updated=self.updated + other.updated,
            links_created=self.links_created + other.links_created,
        )


# --- Administrative units ---------------------------------------------------------------------


def load_administrative_units(*, province_code: int, actor: Any = None) -> LoadReport:
    """Load a current province with its communes, former units and predecessor links.

    Reads the `vietnam-provinces` package (organizations.divisions); idempotent.
    Raises UnknownUnit when the code is not a current province.
    """
    try:
        divisions = read_province(province_code=province_code)
    except ValueError as error:
        raise UnknownUnit(
            _("There is no current province with code “%(code)s”.") % {"code": province_code}
        ) from error

    with transaction.atomic():
        levels, report = _load_levels()
        units, units_report = _load_units(divisions.units, levels)
        links_created = _load_predecessor_links(divisions.links, units)
        report = report + units_report + LoadReport(links_created=links_created)
        if report.changed:
            province = units[divisions.province.key]
            record_audit(
                actor=actor,
                action="organizations.units_loaded",
                target=province,
                after={
                    "province": province.code,
                    "created": report.created,
                    "updated": report.updated,
                    "links_created": report.links_created,
                },
            )
            publish(
                AdministrativeUnitsLoaded(
                    province_code=province.code,
                    created=report.created,
                    updated=report.updated,
                    links_created=report.links_created,
                )
            )
    log.info(
        "organizations.units_loaded",
        province=divisions.province.code,
        created=report.created,
        updated=report.updated,
        links_created=report.links_created,
    )
    return report


def _load_levels() -> tuple[dict[str, AdministrativeLevel], LoadReport]:
    existing = {level.code: level for level in AdministrativeLevel.objects.all()}
    rows = {
        row.code: {"code": row.code, "name": row.name, "rank": row.rank, "is_active": row.is_active}
        for row in LEVELS
    }
    report = _upsert(AdministrativeLevel, existing, rows)
    return existing, report


def _load_units(
    rows: Iterable[UnitRow], levels: dict[str, AdministrativeLevel]
) -> tuple[dict[UnitKey, AdministrativeUnit], LoadReport]:
    rows = list(rows)
    level_codes = {level.pk: code for code, level in levels.items()}
    units: dict[UnitKey, AdministrativeUnit] = {
        (level_codes[unit.level_id], unit.code, unit.effective_from): unit
        # No ordering: the default one joins the levels for nothing.
        for unit in AdministrativeUnit.objects.order_by().filter(
            level__in=levels.values(), code__in={row.code for row in rows}
        )
    }
    report = LoadReport()
    # Parents come first (divisions lists them so): load level by level to know their ids.
    for level in LEVELS:
        batch: dict[Any, dict[str, Any]] = {}
        for row in rows:
            if row.level != level.code:
                continue
            values: dict[str, Any] = {
                "level_id": levels[row.level].pk,
                "code": row.code,
                "effective_from": row.effective_from,
                "name": normalize(row.name),
                "name_folded": fold(row.name),
                "division_type": row.division_type,
                "parent_id": units[row.parent].pk if row.parent else None,
                "effective_to": row.effective_to,
            }
            # The package knows few legal bases: never blank out one typed in by hand.
            if row.legal_basis:
                values["legal_basis"] = row.legal_basis
            batch[row.key] = values
        report = report + _upsert(AdministrativeUnit, units, batch)
    return units, report


def _load_predecessor_links(
    links: Iterable[tuple[UnitKey, UnitKey]], units: dict[UnitKey, AdministrativeUnit]
) -> int:
    through = AdministrativeUnit.predecessors.through
    wanted: set[tuple[int, int]] = set()
    for successor, predecessor in links:
        if predecessor not in units:
            # The conversion table names a former unit of another province: not ours to load.
            log.warning(
                "organizations.predecessor_missing", unit=successor, predecessor=predecessor
            )
            continue
        wanted.add((units[successor].pk, units[predecessor].pk))
    present = set(
        through.objects.filter(
            from_administrativeunit_id__in={successor for successor, _ in wanted}
        ).values_list("from_administrativeunit_id", "to_administrativeunit_id")
    )
    missing = sorted(wanted - present)
    through.objects.bulk_create(
        [
            through(from_administrativeunit_id=successor, to_administrativeunit_id=predecessor)
            for successor, predecessor in missing
        ],
        batch_size=500,
    )
    return len(missing)


# --- Organisation chart -------------------------------------------------------------------------


def load_org_chart(*, chart: OrgChart, actor: Any = None) -> LoadReport:
    """Create or update the chart's agencies, service centres, departments and positions.

    Units are named by the code of the unit in force today. Idempotent.
    Raises InvalidOrgChart when a row names a level, unit, agency or parent that is missing.
    """
    with transaction.atomic():
        levels = {level.code: level for level in AdministrativeLevel.objects.all()}
        unit_codes = {row.unit for row in chart.agencies} | {
            row.unit for row in chart.service_centres
        }
        units = {
            unit.code: unit
            for unit in AdministrativeUnit.objects.order_by().filter(
                in_effect_on(today()), code__in=unit_codes
            )
        }
        agencies = {agency.code: agency for agency in Agency.objects.order_by()}
        report = _load_agencies(chart.agencies, agencies, levels=levels, units=units)

        centres = {
            centre.code: centre
            for centre in ServiceCentre.objects.order_by().filter(
                code__in={row.code for row in chart.service_centres}
            )
        }
        centre_rows = {
            row.code: {
                "code": row.code,
                "name": normalize(row.name),
                "agency_id": _pick(agencies, row.agency, _("agency")).pk,
                "level_id": _pick(levels, row.level, _("level")).pk,
                "unit_id": _pick(units, row.unit, _("administrative unit")).pk,
                "address": row.address,
                "phone": row.phone,
            }
            for row in chart.service_centres
        }
        report = report + _upsert(ServiceCentre, centres, centre_rows)

        departments = {
            (department.agency_id, department.code): department
            for department in OrgUnit.objects.filter(
                agency__code__in={row.agency for row in chart.departments}
            )
        }
        department_rows: dict[Any, dict[str, Any]] = {}
        for row in chart.departments:
            agency_id = _pick(agencies, row.agency, _("agency")).pk
            department_rows[(agency_id, row.code)] = {
                "agency_id": agency_id,
                "code": row.code,
                "name": normalize(row.name),
            }
        report = report + _upsert(OrgUnit, departments, department_rows)

        positions = {
            position.code: position
            for position in Position.objects.filter(code__in={row.code for row in chart.positions})
        }
        position_rows = {
            row.code: {
                "code": row.code,
                "name": normalize(row.name),
                "is_leadership": row.is_leadership,
            }
            for row in chart.positions
        }
        report = report + _upsert(Position, positions, position_rows)

        if report.changed:
            # The audit row hangs on the chart's first row: its top agency as a rule.
            target: models.Model = (
                agencies[chart.agencies[0].code]
                if chart.agencies
                else next(iter([*centres.values(), *departments.values(), *positions.values()]))
            )
            record_audit(
                actor=actor,
                action="organizations.org_chart_loaded",
                target=target,
                after={"created": report.created, "updated": report.updated},
            )
            publish(OrgChartLoaded(created=report.created, updated=report.updated))
    log.info("organizations.org_chart_loaded", created=report.created, updated=report.updated)
    return report


def _load_agencies(
    rows: Iterable[AgencyRow],
    agencies: dict[str, Agency],
    *,
    levels: dict[str, AdministrativeLevel],
    units: dict[str, AdministrativeUnit],
) -> LoadReport:
    report = LoadReport()
    pending = list(rows)
    # A parent must have an id before its children are written: load in waves.
    while pending:
        wave = [row for row in pending if row.parent is None or row.parent in agencies]
        if not wave:
            raise InvalidOrgChart(
                _("The parent agency “%(code)s” is not in the chart.")
                % {"code": pending[0].parent},
                agency=pending[0].code,
            )
        batch = {
            row.code: {
                "code": row.code,
                "name": normalize(row.name),
                "name_folded": fold(row.name),
                "short_name": normalize(row.short_name),
                "kind": row.kind,
                "level_id": _pick(levels, row.level, _("level")).pk,
                "unit_id": _pick(units, row.unit, _("administrative unit")).pk,
                "parent_id": agencies[row.parent].pk if row.parent else None,
                "effective_from": row.effective_from,
            }
            for row in wave
        }
        report = report + _upsert(Agency, agencies, batch)
        pending = [row for row in pending if row.code not in batch]
    return report


def _pick[T](rows: dict[str, T], code: str, what: str) -> T:
    if code not in rows:
        raise InvalidOrgChart(
            _("The chart names a missing %(what)s “%(code)s”.") % {"what": what, "code": code}
        )
    return rows[code]


def _upsert[M: models.Model](
    model: type[M], existing: dict[Any, M], rows: dict[Any, dict[str, Any]]
) -> LoadReport:
    """Create the rows missing from `existing` and update those that differ, in bulk.

    `existing` maps each row's key to its saved instance and gains the created ones.
    """
    created: list[M] = []
    updated: list[M] = []
    changed_fields: set[str] = set()
    for key, values in rows.items():
        instance = existing.get(key)
        if instance is None:
            instance = model(**values)
            created.append(instance)
            existing[key] = instance
            continue
        differences = [name for name, value in values.items() if getattr(instance, name) != value]
        if differences:
            for name in differences:
                setattr(instance, name, values[name])
            updated.append(instance)
            changed_fields.update(differences)
    model._default_manager.bulk_create(created, batch_size=500)
    if updated:
        model._default_manager.bulk_update(updated, sorted(changed_fields), batch_size=500)
    return LoadReport(created=len(created), updated=len(updated))


# --- Roles -------------------------------------------------------------------------------------


def validate_role_assignment(
    *,
    user: Any,
    role: str,
    agency: Agency | None = None,
    org_unit: OrgUnit | None = None,
    service_centre: ServiceCentre | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Agency | None:
    """Refuse an assignment that does not fit its role; return its agency (a department's).

    Raises NotStaff, InvalidRoleScope, InvalidValidityPeriod.
    """
    if getattr(user, "kind", None) != AccountKind.STAFF:
        raise NotStaff(_("Roles are given to staff accounts only."))
    if role not in Role.values:
        raise InvalidRoleScope(_("“%(role)s” is not a role.") % {"role": role})
    if org_unit is not None:
        if agency is not None and org_unit.agency_id != agency.pk:
            raise InvalidRoleScope(_("The department does not belong to the agency given."))
        agency = org_unit.agency
    if service_centre is not None and agency is not None:
        raise InvalidRoleScope(_("A role is given for a service centre or an agency, not both."))
    scope = (
        RoleScope.SERVICE_CENTRE
        if service_centre is not None
        else RoleScope.AGENCY
        if agency is not None
        else RoleScope.PROVINCE
    )
    if scope not in ROLE_SCOPES[role]:
        allowed = ", ".join(str(RoleScope(choice).label) for choice in sorted(ROLE_SCOPES[role]))
        raise InvalidRoleScope(
            _("The role “%(role)s” is given for: %(allowed)s.")
            % {"role": Role(role).label, "allowed": allowed},
            role=role,
            scope=str(scope),
        )
    _ensure_ordered(valid_from, valid_to)
    return agency


def assign_role(
    *,
    administrator: Any,
    user: Any,
    role: str,
    agency: Agency | None = None,
    org_unit: OrgUnit | None = None,
    service_centre: ServiceCentre | None = None,
    position: Position | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> RoleAssignment:
    """Give a staff member a role within a scope; `administrator` is None for the system.

    A department implies its agency. Raises NotAllowed and the errors of
    validate_role_assignment.
    """
    _ensure_may_manage_roles(administrator)
    agency = validate_role_assignment(
        user=user,
        role=role,
        agency=agency,
        org_unit=org_unit,
        service_centre=service_centre,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    with transaction.atomic():
        assignment = RoleAssignment.objects.create(
            user=user,
            role=role,
            agency=agency,
            org_unit=org_unit,
            service_centre=service_centre,
            position=position,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        record_audit(
            actor=administrator,
            action="organizations.role_assigned",
            target=assignment,
            after=_assignment_state(assignment),
        )
        publish(RoleAssigned(assignment_id=assignment.pk, user_id=user.pk, role=role))
    return assignment


def end_role_assignment(
    *, administrator: Any, assignment: RoleAssignment, valid_to: date
) -> RoleAssignment:
    """Set the last day of a role assignment (it is kept for the record, never deleted).

    Raises NotAllowed, InvalidValidityPeriod.
    """
    _ensure_may_manage_roles(administrator)
    _ensure_ordered(assignment.valid_from, valid_to)
    with transaction.atomic():
        assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        before = _assignment_state(assignment)
        assignment.valid_to = valid_to
        assignment.save(update_fields=["valid_to"])
        record_audit(
            actor=administrator,
            action="organizations.role_assignment_ended",
            target=assignment,
            before=before,
            after=_assignment_state(assignment),
        )
        publish(
            RoleAssignmentEnded(
                assignment_id=assignment.pk,
                user_id=assignment.user_id,
                role=assignment.role,
                valid_to=valid_to.isoformat(),
            )
        )
    return assignment


def may_manage_roles(administrator: Any) -> bool:
    """Whether this person may give and end roles: a superuser or a province administrator."""
    return bool(getattr(administrator, "is_superuser", False)) or has_role(
        user=administrator, role=Role.PROVINCE_ADMIN
    )


def _ensure_may_manage_roles(administrator: Any) -> None:
    # None: the system itself (the demo loader, a data import).
    if administrator is not None and not may_manage_roles(administrator):
        raise NotAllowed(_("Only a province administrator gives or ends roles."))


def _ensure_ordered(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise InvalidValidityPeriod(
            _("The last day (%(to)s) comes before the first day (%(start)s).")
            % {"to": valid_to.strftime("%d/%m/%Y"), "start": valid_from.strftime("%d/%m/%Y")}
        )


def _assignment_state(assignment: RoleAssignment) -> dict[str, Any]:
    return {
        "user": assignment.user.get_username(),
        "role": assignment.role,
        "agency": assignment.agency.code if assignment.agency else None,
        "org_unit": assignment.org_unit.code if assignment.org_unit else None,
        "service_centre": assignment.service_centre.code if assignment.service_centre else None,
        "position": assignment.position.code if assignment.position else None,
        "valid_from": assignment.valid_from.isoformat() if assignment.valid_from else None,
        "valid_to": assignment.valid_to.isoformat() if assignment.valid_to else None,
    }
