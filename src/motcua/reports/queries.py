"""Reads of the roll-up facts: form II.06a, dashboard slices, trends, the public page.

Every read for staff takes the asking officer and keeps to what the officer may see
(`report_scope`): province-wide roles see the province, unit leaders and agency auditors their
agencies, centre leaders what their centres received. A period reads its whole months from
`MonthlyFact` and only the days of the months it cuts from `DailyFact`: two grouped queries,
plus one for the names of the rows shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from motcua.catalog.models import ProcedureVersion, Sector
from motcua.organizations.choices import Role
from motcua.organizations.models import AdministrativeLevel, AdministrativeUnit, Agency
from motcua.organizations.queries import (
    has_role,
    list_agencies_in_scope,
    list_role_assignments,
    list_service_centres_in_scope,
)
from motcua.reports.models import DailyFact, MonthlyFact
from motcua.reports.outcomes import COUNTER, ONLINE, POSTAL

PROVINCE_WIDE_ROLES = (Role.PROVINCE_ADMIN, Role.STEERING_MEMBER)
# Dimensions a report is grouped by, and the drill-down order of the dashboard.
GROUPINGS = ("level", "agency", "unit", "sector", "procedure")


class ReportNotAllowed(Exception):
    """The officer holds no role that reads reports (a leader, auditor or administrator)."""


@dataclass(frozen=True)
class ReportScope:
    """What an officer may read: everything, or facts of these agencies or receiving units."""

    everything: bool = False
    agency_ids: frozenset[int] = frozenset()
    unit_ids: frozenset[int] = frozenset()

    def condition(self) -> Q:
        if self.everything:
            return Q()
        return Q(agency_id__in=self.agency_ids) | Q(unit_id__in=self.unit_ids)


def report_scope(*, officer: Any) -> ReportScope:
    """The officer's reach over the facts; raises ReportNotAllowed for other staff."""
    if any(has_role(user=officer, role=role) for role in PROVINCE_WIDE_ROLES):
        return ReportScope(everything=True)
    auditing = list_role_assignments(user=officer).filter(role=Role.AUDITOR)
    if any(assignment.scope == "province" for assignment in auditing):
        return ReportScope(everything=True)
    agencies: set[int] = set()
    for role in (Role.UNIT_LEADER, Role.AUDITOR):
        agencies |= set(
            list_agencies_in_scope(user=officer, role=role).values_list("pk", flat=True)
        )
    units = set(
        list_service_centres_in_scope(user=officer, role=Role.CENTRE_LEADER).values_list(
            "unit_id", flat=True
        )
    )
    if not agencies and not units:
        raise ReportNotAllowed
    return ReportScope(agency_ids=frozenset(agencies), unit_ids=frozenset(units))


@dataclass(frozen=True)
class Slice:
    """Which facts to read: any of the dimensions fixed (None: all)."""

    level: int | None = None
    agency: int | None = None
    unit: int | None = None
    sector: int | None = None
    procedure: int | None = None

    def condition(self) -> Q:
        condition = Q()
        for name in GROUPINGS:
            value = getattr(self, name)
            if value is not None:
                condition &= Q(**{f"{name}_id": value})
        return condition


# The columns of form II.06a, in its order.
FORM_COLUMNS = (
    "received_online",
    "received_in_person",
    "received_postal",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "refused",
    "in_progress",
    "overdue",
)


@dataclass
class FormRow:
    """One row of form II.06a (or its total)."""

    key: int | None
    name: str
    received_online: int = 0
    received_in_person: int = 0
    received_postal: int = 0
    carried_over: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    withdrawn: int = 0
    refused: int = 0
    in_progress: int = 0
    overdue: int = 0
    resolution_working_seconds: int = 0

    @property
    def received_in_period(self) -> int:
        return self.received_online + self.received_in_person + self.received_postal

    @property
    def received_in_person_or_postal(self) -> int:
        return self.received_in_person + self.received_postal

    @property
    def total(self) -> int:
        return self.received_in_period + self.carried_over

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def within_time(self) -> int:
        return self.in_progress - self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """Share resolved early or on time among those resolved (None when none were)."""
        if not self.resolved:
            return None
        return (self.resolved_early + self.resolved_on_time) / self.resolved

    @property
    def online_share(self) -> float | None:
        """Share of the dossiers received in the period that came online."""
        if not self.received_in_period:
            return None
        return self.received_online / self.received_in_period

    @property
    def average_resolution_hours(self) -> float | None:
        if not self.resolved:
            return None
        return self.resolution_working_seconds / 3600 / self.resolved


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _range_condition(first: date | None, last: date, *, monthly: bool) -> Q | None:
    """The rows of the daily or the monthly facts that make up the days `first`..`last`
    (None: from the beginning): whole months from the monthly facts, the days of the months
    the range cuts from the daily facts. None when that table has no part in the range."""
    full_from = None if first is None else first if first.day == 1 else _next_month(first)
    full_until = _month_start(last + timedelta(days=1))  # months starting before it are whole
    has_months = full_from is None or full_from < full_until
    if monthly:
        if not has_months:
            return None
        condition = Q(month__lt=full_until)
        return condition if full_from is None else condition & Q(month__gte=full_from)
    if not has_months:
        return Q(day__lte=last) if first is None else Q(day__gte=first, day__lte=last)
    # Plain ranges (not "in the period but not in a whole month") so that the index on the
    # day serves them.
    parts = []
    if first is not None and full_from is not None and first < full_from:
        parts.append(Q(day__gte=first, day__lt=full_from))
    if last >= full_until:
        parts.append(Q(day__gte=full_until, day__lte=last))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else parts[0] | parts[1]


# The measures form II.06a reads, summed plainly per group, side of the period and channel.
FORM_MEASURES = (
    "received",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "refused",
    "due",
    "settled",
    "resolution_working_seconds",
)
ENDED = ("resolved_early", "resolved_on_time", "resolved_late", "withdrawn", "refused")


def _sides(first_day: date, last_day: date, *, monthly: bool) -> tuple[Q | None, Q | None]:
    """The rows of one fact table before the period and within it (None: none there). Every
    column of form II.06a is a sum over one side or both, since "by the period's end" is
    "before" and "within" together."""
    before = _range_condition(None, first_day - timedelta(days=1), monthly=monthly)
    within = _range_condition(first_day, last_day, monthly=monthly)
    return before, within


def _row(key: int | None, name: str, sums: dict[tuple[bool, int], dict[str, int]]) -> FormRow:
    """A row of the form from the plain sums keyed by (within the period, channel)."""
    before: dict[str, int] = dict.fromkeys(FORM_MEASURES, 0)
    within: dict[str, int] = dict.fromkeys(FORM_MEASURES, 0)
    received: dict[int, int] = {}
    for (inside, channel), amounts in sums.items():
        side = within if inside else before
        for measure, amount in amounts.items():
            side[measure] += amount
        if inside:
            received[channel] = received.get(channel, 0) + amounts.get("received", 0)
    ended_before = sum(before[measure] for measure in ENDED)
    ended_within = sum(within[measure] for measure in ENDED)
    return FormRow(
        key=key,
        name=name,
        received_online=received.get(ONLINE, 0),
        received_in_person=received.get(COUNTER, 0),
        received_postal=received.get(POSTAL, 0),
        carried_over=before["received"] - ended_before,
        resolved_early=within["resolved_early"],
        resolved_on_time=within["resolved_on_time"],
        resolved_late=within["resolved_late"],
        withdrawn=within["withdrawn"],
        refused=within["refused"],
        in_progress=before["received"] + within["received"] - ended_before - ended_within,
        overdue=before["due"] + within["due"] - before["settled"] - within["settled"],
        resolution_working_seconds=within["resolution_working_seconds"],
    )


def _grouped_sums(
    scope: ReportScope, where: Slice, first_day: date, last_day: date, grouping: str
) -> dict[int, dict[tuple[bool, int], dict[str, int]]]:
    """Plain sums of form II.06a's measures per group, side of the period and channel, from
    the monthly facts and the cut months' daily facts. Plain sums over few keys cost far
    less per row than a filtered sum per column; the form is assembled in `_row`."""
    totals: dict[int, dict[tuple[bool, int], dict[str, int]]] = {}
    for model, monthly in ((MonthlyFact, True), (DailyFact, False)):
        before, within = _sides(first_day, last_day, monthly=monthly)
        if before is None and within is None:
            continue
        rows = before if within is None else within if before is None else before | within
        side = (
            Value(within is not None)
            if before is None or within is None
            else Case(When(within, then=Value(True)), default=Value(False))
        )
        entries = (
            model.objects.filter(scope.condition(), where.condition())
            .filter(rows)
            .annotate(within_period=side)
            .values(f"{grouping}_id", "within_period", "channel")
            .annotate(**{f"sum_{measure}": Sum(measure) for measure in FORM_MEASURES})
            .order_by()
        )
        for entry in entries:
            key = (bool(entry["within_period"]), entry["channel"])
            cell = totals.setdefault(entry[f"{grouping}_id"], {}).setdefault(key, {})
            for measure in FORM_MEASURES:
                cell[measure] = cell.get(measure, 0) + int(entry[f"sum_{measure}"] or 0)
    return totals


def names_of(grouping: str, keys: Iterable[int]) -> dict[int, str]:
    """The names of the rows of a grouping (one query)."""
    wanted = [key for key in keys if key is not None]
    if grouping == "agency":
        return dict(Agency.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "unit":
        return dict(AdministrativeUnit.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "level":
        return dict(AdministrativeLevel.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "sector":
        return dict(Sector.objects.filter(pk__in=wanted).values_list("pk", "name"))
    if grouping == "procedure":
        versions = ProcedureVersion.objects.filter(procedure_id__in=wanted, is_latest=True)
        return {
            procedure_id: f"{code} · {name}"
            for procedure_id, code, name in versions.values_list(
                "procedure_id", "procedure__code", "name"
            )
        }
    raise ValueError(f"unknown grouping {grouping!r}")


@dataclass
class FormReport:
    """Form II.06a for a period: one row per group, and the total."""

    first_day: date
    last_day: date
    grouping: str
    rows: list[FormRow]
    total: FormRow


def build_form_ii06a(
    *,
    officer: Any,
    first_day: date,
    last_day: date,
    grouping: str = "agency",
    where: Slice | None = None,
) -> FormReport:
    """Form II.06a (Circular 01/2020/TT-VPCP) from the facts, grouped by `grouping`.

    Raises ReportNotAllowed for an officer who reads no reports, ValueError for an unknown
    grouping or a period ending before it starts.
    """
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}")
    if last_day < first_day:
        raise ValueError("the period ends before it starts")
    scope = report_scope(officer=officer)
    grouped = _grouped_sums(scope, where or Slice(), first_day, last_day, grouping)
    names = names_of(grouping, list(grouped))
    rows = [_row(key, names.get(key, "—"), sums) for key, sums in grouped.items()]
    rows = [row for row in rows if row.total or row.resolved or row.in_progress]
    rows.sort(key=lambda row: row.name)
    total = FormRow(key=None, name="")
    for row in rows:
        for name in (*FORM_COLUMNS, "resolution_working_seconds"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return FormReport(
        first_day=first_day, last_day=last_day, grouping=grouping, rows=rows, total=total
    )


@dataclass(frozen=True)
class MonthPoint:
    month: int
    received: int
    resolved: int
    resolved_on_time: int
    received_online: int

    @property
    def on_time_rate(self) -> float | None:
        return self.resolved_on_time / self.resolved if self.resolved else None


def list_monthly_trend(*, officer: Any, year: int, where: Slice | None = None) -> list[MonthPoint]:
    """Received, resolved and on time per month of `year` (12 points, one query)."""
    scope = report_scope(officer=officer)
    facts = MonthlyFact.objects.filter(
        scope.condition(),
        (where or Slice()).condition(),
        month__gte=date(year, 1, 1),
        month__lte=date(year, 12, 1),
    )
    # Grouped by the month's first day as stored (no conversion per row), numbered here.
    rows = {
        entry["month"].month: entry
        for entry in facts.values("month")
        .annotate(
            received_sum=Coalesce(Sum("received"), 0),
            online_sum=Coalesce(Sum("received", filter=Q(channel=2)), 0),
            early_sum=Coalesce(Sum("resolved_early"), 0),
            on_time_sum=Coalesce(Sum("resolved_on_time"), 0),
            late_sum=Coalesce(Sum("resolved_late"), 0),
        )
        .order_by()
    }
    points = []
    for month in range(1, 13):
        entry: dict[str, Any] = dict(rows.get(month, {}))
        early, on_time = entry.get("early_sum", 0), entry.get("on_time_sum", 0)
        points.append(
            MonthPoint(
                month=month,
                received=entry.get("received_sum", 0),
                resolved=early + on_time + entry.get("late_sum", 0),
                resolved_on_time=early + on_time,
                received_online=entry.get("online_sum", 0),
            )
        )
    return points


@dataclass(frozen=True)
class PublicRate:
    key: int
    name: str
    resolved: int
    on_time: int

    @property
    def rate(self) -> float:
        return self.on_time / self.resolved


def list_public_on_time_rates(*, year: int, grouping: str) -> list[PublicRate]:
    """On-time rate of the dossiers resolved in `year` per competent agency (`agency`) or
    receiving unit (`unit`), for the public disclosure page (no personal data, no scope)."""
    if grouping not in {"agency", "unit"}:
        raise ValueError(f"unknown grouping {grouping!r}")
    entries = (
        MonthlyFact.objects.filter(month__gte=date(year, 1, 1), month__lte=date(year, 12, 1))
        .values(f"{grouping}_id")
        .annotate(
            on_time=Coalesce(Sum(F("resolved_early") + F("resolved_on_time")), 0),
            late=Coalesce(Sum("resolved_late"), 0),
        )
    )
    rows = [entry for entry in entries if entry["on_time"] + entry["late"] > 0]
    names = names_of(grouping, [entry[f"{grouping}_id"] for entry in rows])
    rates = [
        PublicRate(
            key=entry[f"{grouping}_id"],
            name=names.get(entry[f"{grouping}_id"], "—"),
            resolved=entry["on_time"] + entry["late"],
            on_time=entry["on_time"],
        )
        for entry in rows
    ]
    return sorted(rates, key=lambda rate: (-rate.rate, rate.name))


def period_of_year(year: int, *, today: date) -> tuple[date, date]:
    """1 January to 31 December of `year`, cut at `today` for the current year."""
    last = date(year, 12, 31)
    return date(year, 1, 1), min(last, today) if today.year == year else last
