"""Reads of the organisation: units as of a date, agencies, and what each staff role may reach.

Scope rules (choices.ROLE_SCOPES says which scope each role may be given):
- a province-wide assignment (administrator, steering member, province auditor) reaches every
  agency and every service centre;
- a service-centre assignment (intake officer, centre leader) sits at its centres and, because
  a one-stop centre accepts any provincial or commune procedure (Decree 118/2025 Art. 14, 20),
  reaches every agency;
- an agency assignment (handler, unit leader, agency auditor), given for an agency or one of
  its departments, reaches that agency, the agencies under it and their service centres.
An assignment counts on a day when the day lies within its validity dates.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.core.clock import today
from motcua.core.text import fold
from motcua.organizations.choices import Role, RoleScope
from motcua.organizations.errors import UnknownAgency, UnknownLevel, UnknownUnit
from motcua.organizations.models import (
    AdministrativeLevel,
    AdministrativeUnit,
    Agency,
    RoleAssignment,
    ServiceCentre,
)

# --- Administrative units ---------------------------------------------------------------------


def in_effect_on(day: date, *, start: str = "effective_from", end: str = "effective_to") -> Q:
    """Return a filter for rows in force on `day`; an empty start or end date is open."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
    )


def get_level(*, code: str) -> AdministrativeLevel:
    """Return the level with this code. Raises UnknownLevel."""
    level = AdministrativeLevel.objects.filter(code=code).first()
    if level is None:
        raise UnknownLevel(_("There is no administrative level “%(code)s”.") % {"code": code})
    return level


def list_units(
    *,
    level: str | None = None,
    parent: str | None = None,
    on: date | None = None,
    q: str | None = None,
) -> QuerySet[AdministrativeUnit]:
    """Units in force on `on` (default: today), by level code, parent unit code and name.

    `q` matches names without regard to accents or case, every word anywhere in the name.
    Raises UnknownLevel or UnknownUnit when `level` or `parent` names nothing.
    """
    day = on or today()
    units = AdministrativeUnit.objects.filter(in_effect_on(day)).select_related("level", "parent")
    if level:
        units = units.filter(level=get_level(code=level))
    if parent:
        _ensure_unit_code_exists(parent)
        units = units.filter(parent__code=parent)
    units = _matching_name(units, q)
    return units.order_by("level__rank", "code", "effective_from")


def _ensure_unit_code_exists(code: str) -> None:
    if not AdministrativeUnit.objects.filter(code=code).exists():
        raise UnknownUnit(
            _("There is no administrative unit with code “%(code)s”.") % {"code": code}
        )


def get_unit_as_of(*, code: str, on: date, level: str | None = None) -> AdministrativeUnit:
    """Return the unit that bore `code` on the day `on` (a code may pass to a merged unit).

    Raises UnknownUnit.
    """
    units = AdministrativeUnit.objects.filter(in_effect_on(on), code=code).select_related(
        "level", "parent"
    )
    if level:
        units = units.filter(level__code=level)
    unit = units.order_by("level__rank").first()
    if unit is None:
        raise UnknownUnit(
            _("No administrative unit bore the code “%(code)s” on %(day)s.")
            % {"code": code, "day": on.strftime("%d/%m/%Y")}
        )
    return unit


def list_predecessors(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The units this one was formed from (for a commune of 1 Jul 2025: the former communes)."""
    return unit.predecessors.select_related("level", "parent").order_by("code")


def list_successors(*, unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """The units this one was merged into; a split former commune has several."""
    return unit.successors.select_related("level", "parent").order_by("code")


# --- Agencies ----------------------------------------------------------------------------------


def list_agencies(
    *,
    level: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    q: str | None = None,
    on: date | None = None,
) -> QuerySet[Agency]:
    """Agencies in force on `on` (default: today) by level code, kind, unit code and name.

    Raises UnknownLevel or UnknownUnit when `level` or `unit` names nothing.
    """
    day = on or today()
    agencies = Agency.objects.filter(in_effect_on(day)).select_related("level", "unit", "parent")
    if level:
        agencies = agencies.filter(level=get_level(code=level))
    if kind:
        agencies = agencies.filter(kind=kind)
    if unit:
        _ensure_unit_code_exists(unit)
        agencies = agencies.filter(unit__code=unit)
    agencies = _matching_name(agencies, q)
    return agencies.order_by("level__rank", "code")


def get_agency(*, code: str) -> Agency:
    """Return the agency with this electronic identifier code. Raises UnknownAgency."""
    agency = Agency.objects.select_related("level", "unit").filter(code=code).first()
    if agency is None:
        raise UnknownAgency(_("There is no agency with code “%(code)s”.") % {"code": code})
    return agency


def _matching_name[T: (AdministrativeUnit, Agency)](
    rows: QuerySet[T], q: str | None
) -> QuerySet[T]:
    for word in fold(q or "").split():
        rows = rows.filter(name_folded__contains=word)
    return rows


# --- Roles and their scopes --------------------------------------------------------------------


def list_role_assignments(*, user: Any, on: date | None = None) -> QuerySet[RoleAssignment]:
    """The user's assignments valid on `on` (default: today); none for anonymous or inactive."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(user=user)
        .filter(in_effect_on(on or today(), start="valid_from", end="valid_to"))
        .select_related("agency", "org_unit", "service_centre", "position")
    )


def list_roles(*, user: Any, on: date | None = None) -> list[str]:
    """The roles the user holds on `on`, in the order of `Role`."""
    held = set(list_role_assignments(user=user, on=on).values_list("role", flat=True))
    return [role for role in Role.values if role in held]


def has_role(
    *,
    user: Any,
    role: str,
    agency: Agency | None = None,
    service_centre: ServiceCentre | None = None,
    on: date | None = None,
) -> bool:
    """Whether the user holds `role` on `on`, and, when given, over that agency or centre."""
    # Asked on every act: only the department is read beside the assignment (for its agency).
    assignments = list(
        list_role_assignments(user=user, on=on)
        .filter(role=role)
        .select_related(None)
        .select_related("org_unit")
    )
    if not assignments:
        return False
    scopes = {assignment.scope for assignment in assignments}
    if RoleScope.PROVINCE in scopes:
        return True
    if (
        agency is not None
        and RoleScope.SERVICE_CENTRE not in scopes
        and not _agency_roots(assignments) & _with_parents([agency.pk])
    ):
        return False
    if service_centre is not None:
        centres = {assignment.service_centre_id for assignment in assignments}
        if service_centre.pk not in centres and not _agency_roots(assignments) & _with_parents(
            [service_centre.agency_id]
        ):
            return False
    return True


def list_agencies_in_scope(*, user: Any, role: str, on: date | None = None) -> QuerySet[Agency]:
    """The agencies in force that the user reaches through `role` (see the module's rules)."""
    day = on or today()
    assignments = list(list_role_assignments(user=user, on=day).filter(role=role))
    if not assignments:
        return Agency.objects.none()
    agencies = Agency.objects.filter(in_effect_on(day)).select_related("level", "unit")
    scopes = {assignment.scope for assignment in assignments}
    if RoleScope.PROVINCE in scopes or RoleScope.SERVICE_CENTRE in scopes:
        # Decree 118/2025 Art. 14, 20: a one-stop centre receives dossiers of every provincial
        # and commune agency, whatever the applicant's place of residence.
        return agencies
    return agencies.filter(pk__in=_with_children(_agency_roots(assignments)))


def list_service_centres_in_scope(
    *, user: Any, role: str, on: date | None = None
) -> QuerySet[ServiceCentre]:
    """The active service centres the user reaches through `role`."""
    assignments = list(list_role_assignments(user=user, on=on).filter(role=role))
    if not assignments:
        return ServiceCentre.objects.none()
    centres = ServiceCentre.objects.filter(is_active=True).select_related("agency", "unit")
    scopes = {assignment.scope for assignment in assignments}
    if RoleScope.PROVINCE in scopes:
        return centres
    assigned = {a.service_centre_id for a in assignments if a.service_centre_id is not None}
    reached = _with_children(_agency_roots(assignments))
    return centres.filter(Q(pk__in=assigned) | Q(agency_id__in=reached))


def _agency_roots(assignments: Iterable[RoleAssignment]) -> set[int]:
    roots: set[int] = set()
    for assignment in assignments:
        if assignment.agency_id is not None:
            roots.add(assignment.agency_id)
        elif assignment.org_unit is not None:
            roots.add(assignment.org_unit.agency_id)
    return roots


def _agency_tree() -> dict[int, int | None]:
    # One small query: a province has a few hundred agencies at most.
    return dict(Agency.objects.order_by().values_list("pk", "parent_id"))


def _with_children(roots: set[int]) -> set[int]:
    if not roots:
        return set()
    tree = _agency_tree()
    reached = set(roots)
    grew = True
    while grew:
        below = {pk for pk, parent in tree.items() if parent in reached and pk not in reached}
        reached |= below
        grew = bool(below)
    return reached


def _with_parents(start: list[int]) -> set[int]:
    tree = _agency_tree()
    reached: set[int] = set()
    for pk in start:
        current: int | None = pk
        while current is not None and current not in reached:
            reached.add(current)
            current = tree.get(current)
    return reached


def list_role_holders(
    *,
    role: str,
    agency: Agency | None = None,
    service_centre: ServiceCentre | None = None,
    on: date | None = None,
) -> QuerySet[Any]:
    """Active users holding `role` on `on` at `service_centre`, or over `agency` (assigned to
    it, to one of its departments, or to an agency above it), by name."""
    assignments = RoleAssignment.objects.filter(role=role).filter(
        in_effect_on(on or today(), start="valid_from", end="valid_to")
    )
    if service_centre is not None:
        assignments = assignments.filter(service_centre=service_centre)
    elif agency is not None:
        above = _with_parents([agency.pk])
        assignments = assignments.filter(Q(agency_id__in=above) | Q(org_unit__agency_id__in=above))
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=assignments.values("user_id"))
        .order_by("full_name", "username")
    )
