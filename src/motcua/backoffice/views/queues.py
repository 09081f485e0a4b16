"""The officer's dashboard of queues and the dossier list with its filters and search."""

from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from motcua.backoffice.access import staff_page
from motcua.backoffice.forms.filters import QUEUE_LABELS, DossierFilterForm
from motcua.backoffice.forms.work import BulkHandOverForm
from motcua.backoffice.time_classes import TimeClass, approaching_boundary, classify
from motcua.core.clock import now
from motcua.deadlines import engine
from motcua.dossiers.due_moments import work_calendar
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import (
    Desk,
    count_queues,
    get_desk,
    list_queue,
    list_rows,
    progress_condition,
    queue_condition,
    search_condition,
)
from motcua.organizations.choices import Role
from motcua.organizations.models import Agency
from motcua.organizations.queries import list_agencies

DOSSIERS_PER_PAGE = 25
# Who hands dossiers over from a list: the one-stop's staff and the agencies' officers.
HANDING_ROLES = frozenset({Role.INTAKE_OFFICER, Role.CENTRE_LEADER, Role.HANDLER, Role.UNIT_LEADER})
DASHBOARD_ROWS = 8


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: past it the list says "more than" and offers its first
    pages, and the filters narrow it. Counting every dossier an officer may see costs a scan
    of all of them (100–500 ms at 1,000,000 dossiers); counting to 1,001 does not."""

    cap = 1000

    @cached_property
    def _counted(self) -> int:
        return int(self.object_list.order_by()[: self.cap + 1].count())  # type: ignore[attr-defined]

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def more(self) -> bool:
        """Whether there are more rows than the pages offer."""
        return self._counted > self.cap


def with_time_classes(
    dossiers: Any, *, calendar: engine.WorkCalendar, at: datetime
) -> list[tuple[Dossier, TimeClass]]:
    return [(dossier, classify(dossier, calendar=calendar, at=at)) for dossier in dossiers]


def _first_rows(desk: Desk, queue: str) -> list[Dossier]:
    ids = list_queue(desk=desk, queue=queue).values_list("pk", flat=True)[:DASHBOARD_ROWS]
    return list_rows(ids=list(ids))


@require_GET
@staff_page
def home(request: HttpRequest) -> HttpResponse:
    """My queues with their sizes; what awaits me and the online dossiers awaiting intake."""
    desk = get_desk(officer=request.user)
    at, calendar = now(), work_calendar()
    counts = count_queues(desk=desk, at=at, boundary=approaching_boundary(calendar=calendar, at=at))
    context: dict[str, Any] = {
        "section": "home",
        "desk": desk,
        "counts": counts,
        "queues": [(queue, QUEUE_LABELS[queue], counts[queue]) for queue in QUEUE_LABELS],
        "awaiting": with_time_classes(_first_rows(desk, "awaiting"), calendar=calendar, at=at),
        "intake": with_time_classes(_first_rows(desk, "intake"), calendar=calendar, at=at)
        if desk.receives_dossiers
        else [],
    }
    return render(request, "backoffice/home.html", context)


def _agencies_for(desk: Desk) -> list[Agency]:
    agencies = list_agencies()
    if not (desk.province_wide or desk.centre_ids):
        agencies = agencies.filter(pk__in=desk.agency_ids)
    return list(agencies)


def filtered_dossiers(
    form: DossierFilterForm, *, desk: Desk, at: datetime, calendar: engine.WorkCalendar
) -> QuerySet[Dossier]:
    """The officer's visible dossiers narrowed by every valid filter of the form."""
    dossiers = desk.visible.filter(form.condition())
    if q := form.value("q"):
        dossiers = dossiers.filter(search_condition(q))
    if progress := form.value("progress"):
        boundary = approaching_boundary(calendar=calendar, at=at)
        dossiers = dossiers.filter(progress_condition(progress, at=at, boundary=boundary))
    if queue := form.value("queue"):
        dossiers = dossiers.filter(queue_condition(desk, queue))
        order = "intake_due_at" if queue == "intake" else "due_at"
        dossiers = dossiers.order_by(F(order).asc(nulls_last=True), "pk")
    return dossiers


@require_GET
@staff_page
def dossier_list(request: HttpRequest) -> HttpResponse:
    """Every dossier the officer may see, filtered, searched and paginated; htmx requests get
    the results alone."""
    desk = get_desk(officer=request.user)
    form = DossierFilterForm(request.GET or None, agencies=_agencies_for(desk))
    if form.is_bound:
        form.is_valid()
    at, calendar = now(), work_calendar()
    dossiers = filtered_dossiers(form, desk=desk, at=at, calendar=calendar)
    page = CappedPaginator(dossiers.values_list("pk", flat=True), DOSSIERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "section": "dossiers",
        "form": form,
        "page": page,
        "rows": with_time_classes(list_rows(ids=list(page.object_list)), calendar=calendar, at=at),
        "query": query.urlencode(),
        "queue_label": QUEUE_LABELS.get(form.value("queue") or ""),
        "bulk_form": BulkHandOverForm(
            initial={"back": f"?{request.GET.urlencode()}" if request.GET else ""},
            agencies=list(list_agencies()),
        )
        if desk.roles & HANDING_ROLES
        else None,
    }
    template = (
        "backoffice/dossier_results.html"
        if getattr(request, "htmx", False)
        else "backoffice/dossier_list.html"
    )
    return render(request, template, context)
