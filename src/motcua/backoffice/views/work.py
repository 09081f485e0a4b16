"""Several dossiers handed over together from a list, and the dossier register (form 07)."""

from typing import Any

import structlog
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.access import staff_page
from motcua.backoffice.forms.work import BulkHandOverForm, RegisterForm
from motcua.core.clock import today
from motcua.documents.register_workbook import register_workbook
from motcua.documents.rendering import render_form_pdf
from motcua.dossiers import forms as official_forms
from motcua.dossiers import queries, services
from motcua.dossiers.errors import BulkRefused, DossierError
from motcua.dossiers.queries import get_desk
from motcua.organizations.queries import list_agencies

log = structlog.get_logger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _list_address(back: str) -> str:
    return reverse("backoffice:dossiers") + back


@require_POST
@staff_page
def bulk_hand_over(request: HttpRequest) -> HttpResponse:
    """Hand the dossiers chosen in a list over together, all or nothing: on a refusal, a
    report says which dossier could not move and why, and nothing moved."""
    form = BulkHandOverForm(request.POST, agencies=list(list_agencies()))
    if not form.is_valid():
        return _report(request, form=form, outcomes=[], status=400)
    codes = form.cleaned_data["codes"]
    found = {
        dossier.code: dossier
        for dossier in queries.list_dossiers_for_officer(officer=request.user).filter(
            code__in=codes
        )
    }
    missing = [code for code in codes if code not in found]
    if missing:
        outcomes = [
            {
                "code": code,
                "ok": code in found,
                "message": "" if code in found else _("No such dossier you may see."),
            }
            for code in codes
        ]
        return _report(request, form=form, outcomes=outcomes, status=404)
    data = form.cleaned_data
    try:
        moved = services.hand_over_together(
            officer=request.user,
            dossiers=[found[code] for code in codes],
            to_agency=data["destination"],
            hours=data["hours"],
            note=data["note"],
        )
    except BulkRefused as refused:
        return _report(
            request, form=form, outcomes=refused.details["outcomes"], status=refused.status
        )
    except DossierError as error:
        messages.error(request, error.message)
        return redirect(_list_address(data["back"]))
    messages.success(
        request,
        _("%(count)d dossiers were handed over; each has its hand-over record.")
        % {"count": len(moved)},
    )
    return redirect(_list_address(data["back"]))


def _report(
    request: HttpRequest, *, form: BulkHandOverForm, outcomes: list[dict[str, Any]], status: int
) -> HttpResponse:
    context = {
        "section": "dossiers",
        "form": form,
        "outcomes": outcomes,
        "blocked": [outcome for outcome in outcomes if not outcome["ok"]],
        "back": _list_address(form.cleaned_data.get("back", "") if form.is_bound else ""),
    }
    return render(request, "backoffice/bulk_report.html", context, status=status)


@require_GET
@staff_page
def register(request: HttpRequest) -> HttpResponse:
    """Form 07 of a service centre for a period, as PDF or xlsx (`format`), for intake
    officers, centre leaders, unit leaders and province-wide roles."""
    centres = list(queries.list_register_centres(officer=request.user))
    if not centres:
        raise PermissionDenied
    desk = get_desk(officer=request.user)
    agencies = list_agencies()
    if not (desk.province_wide or desk.centre_ids):
        agencies = agencies.filter(pk__in=desk.agency_ids)
    bound = "period_from" in request.GET
    month_start = today().replace(day=1)
    form = RegisterForm(
        request.GET if bound else None,
        initial={"period_from": month_start, "period_to": today()},
        centres=centres,
        agencies=list(agencies),
    )
    kind = request.GET.get("format")
    if bound and form.is_valid() and kind in ("pdf", "xlsx"):
        data = form.cleaned_data
        try:
            dossiers = queries.list_register_dossiers(
                officer=request.user,
                centre=data["centre"],
                period_from=data["period_from"],
                period_to=data["period_to"],
                agency_id=data["agency"],
            )
            context = official_forms.register_context(
                centre=data["centre"],
                dossiers=dossiers,
                period_from=data["period_from"],
                period_to=data["period_to"],
            )
        except DossierError as error:
            form.add_error("period_to", error.message)
        else:
            log.info("dossier_register_printed", centre=data["centre"].code, format=kind)
            name = f"so-theo-doi-ho-so-{data['period_from']:%Y%m%d}-{data['period_to']:%Y%m%d}"
            if kind == "pdf":
                response = HttpResponse(render_form_pdf(context=context), "application/pdf")
            else:
                response = HttpResponse(register_workbook(context=context), XLSX)
            response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
            return response
    status = 400 if bound and form.errors else 200
    return render(
        request,
        "backoffice/register.html",
        {"section": "register", "form": form},
        status=status,
    )
