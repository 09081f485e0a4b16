"""What an indicator is computed over: a period and, optionally, a unit, agency, sectors,
procedure, and the officer whose reach limits the dossiers.

Period rules (docs/indicators.md):
- the period runs from `start` 00:00 to the end of `end` in Vietnam's time; the cut-off is the
  period's end, or now while the period is still running;
- "received in the period" means `received_at` inside it (a dossier submitted online counts once
  an intake officer received it; one refused at intake never does);
- "to be settled in the period" (indicators 2.1, 5.4) means received in the period, or carried
  over: received before it and not finished when it began;
- a unit is the administrative unit of the competent agency; a province takes in its communes,
  and a unit its predecessors (dossiers keep the units they were received under);
- the catalog's procedures are those in force on the cut-off day.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.queries import in_force_on
from motcua.core.clock import VIETNAM, now
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import list_dossiers_for_officer
from motcua.organizations.models import AdministrativeUnit, Agency


@dataclass(frozen=True)
class Scope:
    """A period (both days included) and optional narrowing; see the module's rules."""

    start: date
    end: date
    unit: AdministrativeUnit | None = None
    agency: Agency | None = None
    sectors: tuple[str, ...] = ()
    procedure: str | None = None
    officer: Any = field(default=None, compare=False)

    @property
    def start_moment(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=VIETNAM)

    @property
    def end_moment(self) -> datetime:
        """The first moment after the period (a day boundary, not a due moment)."""
        return datetime.combine(self.end, time(0), tzinfo=VIETNAM) + timedelta(days=1)

    @property
    def cutoff(self) -> datetime:
        """When open dossiers are judged: the period's end, or now if it has not ended."""
        return min(self.end_moment, now())

    @property
    def cutoff_day(self) -> date:
        return min(self.end, now().date())

    def narrowed(self, **changes: Any) -> "Scope":
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Scope(**values)


def year_scope(year: int, **narrowing: Any) -> Scope:
    return Scope(start=date(year, 1, 1), end=date(year, 12, 31), **narrowing)


def _unit_ids(unit: AdministrativeUnit) -> list[int]:
    return [unit.pk, *unit.predecessors.values_list("pk", flat=True)]


def dossiers_in_scope(scope: Scope) -> QuerySet[Dossier]:
    """Every dossier of the scope's unit, agency, sectors and procedure (any period)."""
    if scope.officer is not None:
        dossiers = list_dossiers_for_officer(officer=scope.officer).select_related(None)
    else:
        dossiers = Dossier.objects.all()
    dossiers = dossiers.order_by()
    if scope.unit is not None:
        # The unit's agencies first (a few hundred at most): the dossiers are then read through
        # the index on their agency instead of a scan joined to agencies and units.
        units = _unit_ids(scope.unit)
        agencies = Agency.objects.filter(Q(unit_id__in=units) | Q(unit__parent_id__in=units))
        dossiers = dossiers.filter(agency_id__in=list(agencies.values_list("pk", flat=True)))
    if scope.agency is not None:
        dossiers = dossiers.filter(agency=scope.agency)
    if scope.sectors:
        dossiers = dossiers.filter(procedure_version__sector__code__in=scope.sectors)
    if scope.procedure:
        dossiers = dossiers.filter(procedure_version__procedure__code=scope.procedure)
    return dossiers


def received_in_period(scope: Scope) -> QuerySet[Dossier]:
    """Dossiers of the scope received in the period."""
    return dossiers_in_scope(scope).filter(
        received_at__gte=scope.start_moment, received_at__lt=scope.end_moment
    )


def procedures_in_scope(scope: Scope) -> QuerySet[ProcedureVersion]:
    """The procedure versions in force on the cut-off day that the scope's unit or agency settles.

    A commune (a unit with a parent) settles the procedures of its level; a province all of
    them; an agency those whose published implementing or deciding agency is linked to it.
    """
    versions = ProcedureVersion.objects.filter(in_force_on(on=scope.cutoff_day))
    if scope.unit is not None and scope.unit.parent_id is not None:
        versions = versions.filter(competence_levels=scope.unit.level_id)
    if scope.agency is not None:
        versions = versions.filter(
            Q(implementing_agencies__agency=scope.agency) | Q(deciding_agency__agency=scope.agency)
        )
    if scope.sectors:
        versions = versions.filter(sector__code__in=scope.sectors)
    if scope.procedure:
        versions = versions.filter(procedure__code=scope.procedure)
    if scope.agency is not None:
        versions = ProcedureVersion.objects.filter(pk__in=versions.values("pk"))
    return versions.order_by()
