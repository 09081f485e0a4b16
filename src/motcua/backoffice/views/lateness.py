"""Lateness per officer and per step (from the steps behind the control slips), for a period
and a slice of the dashboard: the last level of its drill-down."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from motcua.backoffice.access import staff_page
from motcua.backoffice.views.indicators import DRILL_PARAMETERS, PeriodForm, _drill, _rate
from motcua.core.clock import now, today
from motcua.reports.queries import ReportNotAllowed, names_of, report_scope
from motcua.reports.step_lateness import LatenessRow, list_step_lateness, total_of

GROUP_LABELS = {"officer": _("Officer"), "step": _("Step of the process")}


class LatenessForm(PeriodForm):
    """The period and the rows."""

    group = forms.ChoiceField(label=_("Rows by"), choices=list(GROUP_LABELS.items()))


def _entry(row: LatenessRow) -> dict[str, Any]:
    return {"row": row, "late_share": _rate(row.late_share)}


@require_GET
@staff_page
def step_lateness(request: HttpRequest) -> HttpResponse:
    """Steps finished early, on time and late per officer or per step, and steps still open
    past their due moment, inside the officer's report scope and the chosen slice."""
    try:
        scope = report_scope(officer=request.user)
    except ReportNotAllowed as refused:
        raise PermissionDenied from refused
    current = today()
    defaults = {
        "first_day": date(current.year, 1, 1).strftime("%d/%m/%Y"),
        "last_day": current.strftime("%d/%m/%Y"),
        "group": "officer",
    }
    given = {name: request.GET[name] for name in defaults if name in request.GET}
    form = LatenessForm(defaults | given)
    where, _grouping, chosen = _drill(request)
    rows: list[LatenessRow] = []
    if form.is_valid():
        rows = list_step_lateness(
            officer=request.user,
            first_day=form.cleaned_data["first_day"],
            last_day=form.cleaned_data["last_day"],
            group=form.cleaned_data["group"],
            where=where,
            at=now(),
            scope=scope,
        )
    slice_names = [
        names_of(name, [chosen[name]]).get(chosen[name], "—")
        for name in DRILL_PARAMETERS
        if name in chosen
    ]
    group = form.cleaned_data.get("group", "officer") if form.is_valid() else "officer"
    context = {
        "section": "indicators",
        "form": form,
        "chosen": chosen,
        "slice_names": slice_names,
        "group_label": GROUP_LABELS[group],
        "rows": [_entry(row) for row in rows],
        "total": _entry(total_of(rows)),
    }
    status = 200 if form.is_valid() else 400
    return render(request, "backoffice/step_lateness.html", context, status=status)
