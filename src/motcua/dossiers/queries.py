"""Reads of dossiers, scoped to the asking officer. Missing and out of scope look the same.

Who sees what (organizations.queries gives the scopes):
- a province-wide role (administrator, steering member, province auditor) sees every dossier;
- intake officers and centre leaders see the dossiers received at their centres;
- handlers, unit leaders and agency auditors see the dossiers their agencies settle (lead
  agency) or hold now, and those they are consulted on.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.core.clock import now
from motcua.core.text import fold
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Consultation,
    Dossier,
    DossierStep,
    TimelineEntry,
)
from motcua.organizations.choices import Role, RoleScope
from motcua.organizations.queries import (
    list_agencies_in_scope,
    list_role_assignments,
    list_service_centres_in_scope,
)

CENTRE_ROLES = (Role.INTAKE_OFFICER, Role.CENTRE_LEADER)
AGENCY_ROLES = (Role.HANDLER, Role.UNIT_LEADER, Role.AUDITOR)


@dataclass(frozen=True)
class Reach:
    """What an officer's roles reach today."""

    province_wide: bool
    centre_ids: frozenset[int]
    agency_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not (self.province_wide or self.centre_ids or self.agency_ids)


def get_reach(*, officer: Any) -> Reach:
    """The centres and agencies whose dossiers `officer` may read."""
    assignments = list(list_role_assignments(user=officer))
    if any(assignment.scope == RoleScope.PROVINCE for assignment in assignments):
        return Reach(True, frozenset(), frozenset())
    roles = {assignment.role for assignment in assignments}
    centres: set[int] = set()
    agencies: set[int] = set()
    for role in roles:
        if role in CENTRE_ROLES:
            centres |= set(
                list_service_centres_in_scope(user=officer, role=role).values_list("pk", flat=True)
            )
        elif role in AGENCY_ROLES:
            agencies |= set(
                list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True)
            )
    return Reach(False, frozenset(centres), frozenset(agencies))


def _visible(dossiers: QuerySet[Dossier], reach: Reach) -> QuerySet[Dossier]:
    if reach.province_wide:
        return dossiers
    if reach.is_empty:
        return dossiers.none()
    condition = Q(service_centre_id__in=reach.centre_ids)
    if reach.agency_ids:
        consulted = Consultation.objects.filter(
            dossier_id=OuterRef("pk"), agency_id__in=reach.agency_ids
        )
        condition |= Q(agency_id__in=reach.agency_ids)
        condition |= Q(current_agency_id__in=reach.agency_ids)
        condition |= Q(Exists(consulted))
    return dossiers.filter(condition)


def list_dossiers_for_officer(
    *,
    officer: Any,
    status: str | None = None,
    overdue: bool | None = None,
    q: str = "",
    at: datetime | None = None,
) -> QuerySet[Dossier]:
    """Dossiers the officer may read, most recent first, filtered by status, overdue, text.

    `q` matches the code's beginning or the applicant's name without regard to accents;
    `overdue` keeps open dossiers past their due moment (or, False, the others).
    """
    moment = at or now()
    dossiers = _visible(Dossier.objects.all(), get_reach(officer=officer))
    if status:
        dossiers = dossiers.filter(status=status)
    if overdue is not None:
        late = Q(status__in=OPEN_STATUSES, due_at__lt=moment)
        dossiers = dossiers.filter(late) if overdue else dossiers.exclude(late)
    words = fold(q).split()
    for word in words:
        dossiers = dossiers.filter(
            Q(code__istartswith=word) | Q(applicant_name_folded__contains=word)
        )
    return dossiers.select_related(
        "procedure_version__procedure", "variant", "service_centre", "agency", "current_agency"
    ).order_by("-received_at", "-pk")


def get_dossier_for_officer(*, officer: Any, code: str) -> Dossier:
    """The dossier with `code` if the officer may read it. Raises DossierNotFound (both when
    it does not exist and when it is out of the officer's scope)."""
    dossier = (
        _visible(Dossier.objects.filter(code=code), get_reach(officer=officer))
        .select_related(
            "procedure_version__procedure",
            "variant",
            "service_centre__agency",
            "agency",
            "current_agency",
            "receiving_officer",
            "current_handler",
        )
        .first()
    )
    if dossier is None:
        raise DossierNotFound(_("There is no dossier “%(code)s” you may see.") % {"code": code})
    return dossier


def list_handler_queue(*, officer: Any, limit: int = 50) -> QuerySet[Dossier]:
    """The dossiers waiting on the handler: an active step of their role at one of their
    agencies, given to them or to nobody yet; soonest due first."""
    agencies = list(
        list_agencies_in_scope(user=officer, role=Role.HANDLER).values_list("pk", flat=True)
    )
    waiting = DossierStep.objects.filter(
        dossier_id=OuterRef("pk"), status="active", role=Role.HANDLER
    ).filter(Q(handler__isnull=True) | Q(handler=officer))
    return (
        Dossier.objects.filter(current_agency_id__in=agencies, status=DossierStatus.PROCESSING)
        .filter(Exists(waiting))
        .select_related("procedure_version", "current_agency")
        .order_by("due_at", "pk")[:limit]
    )


def list_intake_queue(*, officer: Any) -> QuerySet[Dossier]:
    """Online dossiers waiting at the officer's centres, the oldest intake deadline first."""
    centres = list_service_centres_in_scope(user=officer, role=Role.INTAKE_OFFICER)
    return (
        Dossier.objects.filter(service_centre__in=centres, status=DossierStatus.SUBMITTED)
        .select_related("procedure_version")
        .order_by("intake_due_at", "pk")
    )


def list_timeline(*, dossier: Dossier) -> QuerySet[TimelineEntry]:
    """Every act on the dossier in order (the caller already read the dossier through
    `get_dossier_for_officer`)."""
    return dossier.timeline.order_by("at", "pk")
