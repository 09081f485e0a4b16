"""Reads for the back office's queues, always inside `dossiers.queries.list_dossiers_for_officer`.

The dossier app decides what an officer may see; these reads only narrow that set into work
queues (mine, my unit's, awaiting me, online dossiers awaiting intake) and add the search by
phone and ID number that the counters need. They are candidates for `dossiers.queries`.

- mine: open dossiers with a step in progress given to the officer;
- awaiting me: a step in progress of one of the officer's roles at one of their agencies or
  centres, given to them or to nobody yet; an online dossier at their centre awaiting intake;
  a consultation of their agency not answered yet;
- my unit's: open dossiers held by the officer's agencies or received at their centres (all
  open dossiers for a province-wide role).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from motcua.backoffice.time_classes import progress_condition
from motcua.core.text import fold
from motcua.dossiers.choices import DossierStatus, StepStatus
from motcua.dossiers.models import OPEN_STATUSES, Consultation, Dossier, DossierStep
from motcua.dossiers.permissions import CENTRE_ROLES
from motcua.dossiers.queries import list_dossiers_for_officer
from motcua.organizations.choices import Role, RoleScope
from motcua.organizations.queries import (
    list_agencies_in_scope,
    list_role_assignments,
    list_service_centres_in_scope,
)

QUEUES = ("awaiting", "mine", "unit", "intake")
# Open for the officers: the applicant may still be waiting on them (the result included).
IN_WORK = (*OPEN_STATUSES, DossierStatus.RESULT_READY)
DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class Desk:
    """What an officer's roles reach today, role by role, and every dossier they may see
    (`visible`, the dossier app's scope, not evaluated yet); read once per request."""

    officer: Any
    visible: QuerySet[Dossier]
    roles: frozenset[str]
    province_wide: bool
    centre_ids: frozenset[int]
    centre_agency_ids: frozenset[int]
    handler_agency_ids: frozenset[int]
    leader_agency_ids: frozenset[int]

    @property
    def agency_ids(self) -> frozenset[int]:
        return self.handler_agency_ids | self.leader_agency_ids

    @property
    def receives_dossiers(self) -> bool:
        return bool(self.centre_ids)


def _agency_ids(officer: Any, role: str, roles: set[str]) -> frozenset[int]:
    if role not in roles:
        return frozenset()
    return frozenset(list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True))


def get_desk(*, officer: Any) -> Desk:
    """The centres and agencies where `officer` works today, by role."""
    assignments = list(list_role_assignments(user=officer))
    roles = {assignment.role for assignment in assignments}
    centres: dict[int, int] = {}
    for role in CENTRE_ROLES:
        if role in roles:
            centres |= dict(
                list_service_centres_in_scope(user=officer, role=role).values_list(
                    "pk", "agency_id"
                )
            )
    return Desk(
        officer=officer,
        visible=list_dossiers_for_officer(officer=officer),
        roles=frozenset(roles),
        province_wide=any(a.scope == RoleScope.PROVINCE for a in assignments),
        centre_ids=frozenset(centres),
        centre_agency_ids=frozenset(centres.values()),
        handler_agency_ids=_agency_ids(officer, Role.HANDLER, roles),
        leader_agency_ids=_agency_ids(officer, Role.UNIT_LEADER, roles),
    )


def _free_or_mine(officer: Any) -> Q:
    return Q(handler__isnull=True) | Q(handler=officer)


def _consulted_dossier_ids(desk: Desk) -> list[int]:
    """Dossiers with a consultation of the officer's agencies not answered yet (a few)."""
    if not desk.agency_ids:
        return []
    consultations = Consultation.objects.filter(
        agency_id__in=desk.agency_ids, answered_at__isnull=True
    )
    return sorted(set(consultations.values_list("dossier_id", flat=True)))


def awaiting_condition(desk: Desk) -> Q:
    """Dossiers waiting on the officer (see the module's rules).

    Each branch starts from an indexed column, so PostgreSQL combines index scans instead of
    testing every dossier: a step in progress is always at the agency holding the dossier
    (`current_agency`, as the dossier services move it), a centre's steps at its dossiers, and
    the centre's own steps at the centre's agency, and the open consultations are read first
    (one small query).
    """
    officer = desk.officer
    condition = Q(pk__in=[])
    for role, agencies in (
        (Role.HANDLER, desk.handler_agency_ids),
        (Role.UNIT_LEADER, desk.leader_agency_ids),
    ):
        if agencies:
            steps = DossierStep.objects.filter(
                _free_or_mine(officer),
                dossier_id=OuterRef("pk"),
                status=StepStatus.ACTIVE,
                role=role,
                agency_id__in=agencies,
            )
            condition |= Q(current_agency_id__in=agencies) & Q(Exists(steps))
    if consulted := _consulted_dossier_ids(desk):
        condition |= Q(pk__in=consulted, status=DossierStatus.PROCESSING)
    if desk.centre_ids:
        centre_steps = DossierStep.objects.filter(
            _free_or_mine(officer),
            dossier_id=OuterRef("pk"),
            status=StepStatus.ACTIVE,
            role__in=CENTRE_ROLES,
        )
        # The centre's own steps (intake, return) run while its agency holds the dossier.
        at_centre = Q(current_agency_id__in=desk.centre_agency_ids) & Q(Exists(centre_steps))
        condition |= Q(service_centre_id__in=desk.centre_ids) & (
            at_centre | Q(status=DossierStatus.SUBMITTED)
        )
    return condition & Q(status__in=IN_WORK)


def mine_condition(desk: Desk) -> Q:
    # The officer's steps are at the agencies and centres where they work: those indexed
    # columns come first, then each candidate's steps are looked at.
    if not (desk.agency_ids or desk.centre_ids):
        return Q(pk__in=[])
    steps = DossierStep.objects.filter(
        dossier_id=OuterRef("pk"), status=StepStatus.ACTIVE, handler=desk.officer
    )
    where = Q(current_agency_id__in=desk.agency_ids) | Q(service_centre_id__in=desk.centre_ids)
    return Q(status__in=IN_WORK) & where & Q(Exists(steps))


def unit_condition(desk: Desk) -> Q:
    if desk.province_wide:
        return Q(status__in=IN_WORK)
    return Q(status__in=IN_WORK) & (
        Q(current_agency_id__in=desk.agency_ids) | Q(service_centre_id__in=desk.centre_ids)
    )


def intake_condition(desk: Desk) -> Q:
    return Q(status=DossierStatus.SUBMITTED, service_centre_id__in=desk.centre_ids)


def queue_condition(desk: Desk, queue: str) -> Q:
    """The condition of queue `queue` (one of QUEUES)."""
    conditions = {
        "awaiting": awaiting_condition,
        "mine": mine_condition,
        "unit": unit_condition,
        "intake": intake_condition,
    }
    return conditions[queue](desk)


def search_condition(q: str) -> Q:
    """Every word matches the code's beginning, the applicant's name without accents, the
    phone or the ID number (digits, as typed without spaces)."""
    condition = Q()
    for word in fold(q).split():
        matches = Q(code__istartswith=word) | Q(applicant_name_folded__contains=word)
        digits = word.replace(".", "").replace("-", "")
        if len(digits) >= 4 and set(digits) <= DIGITS | {"+"}:
            matches |= Q(applicant_phone__contains=digits)
            matches |= Q(applicant_id_number__startswith=digits)
        condition &= matches
    return condition


def list_queue(*, desk: Desk, queue: str) -> QuerySet[Dossier]:
    """A work queue, soonest due first (online dossiers: soonest intake deadline first)."""
    dossiers = desk.visible.filter(queue_condition(desk, queue))
    if queue == "intake":
        return dossiers.order_by(F("intake_due_at").asc(nulls_last=True), "pk")
    return dossiers.order_by(F("due_at").asc(nulls_last=True), "pk")


def list_rows(*, ids: Sequence[int]) -> list[Dossier]:
    """The dossiers of a page, in the order of `ids` (taken from a scoped list), with what a
    row shows, in one query.

    Lists pick their page of ids first, then read those rows: sorting the page over joins
    let PostgreSQL's planner pick nested loops over every candidate (0.6 s at 1,000,000
    dossiers, 30 ms in two steps).
    """
    rows = Dossier.objects.filter(pk__in=list(ids)).select_related("procedure_version")
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def count_queues(*, desk: Desk, at: datetime, boundary: datetime) -> dict[str, int]:
    """The size of every queue, and the overdue and approaching dossiers of the officer's unit
    (the whole province for a province-wide role).

    One count per queue: each starts from its own index, where one query with a filter per
    queue would test every dossier the officer may see.
    """
    counts = {
        queue: desk.visible.filter(queue_condition(desk, queue)).order_by().count()
        for queue in QUEUES
    }
    late = (
        desk.visible.filter(unit_condition(desk))
        .order_by()
        .aggregate(
            **{
                progress: Count("pk", filter=progress_condition(progress, at=at, boundary=boundary))
                for progress in ("overdue", "approaching")
            }
        )
    )
    return counts | late
