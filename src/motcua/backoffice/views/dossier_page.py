"""The dossier page: summary, due moment and time class, steps, timeline, documents,
hand-overs, consultations, the official forms, and a form for each act allowed now.

Each act posts to `act`, which calls exactly one dossier service and redirects back with a
message; a refusal (a second supplement request, a step not open…) is shown on the page with
what was typed kept.
"""

from dataclasses import dataclass
from typing import Any

import structlog
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.access import staff_page
from motcua.backoffice.forms import acts as act_forms
from motcua.backoffice.forms.acts import ActForm, AgencyForm
from motcua.backoffice.time_classes import classify
from motcua.backoffice.views.act_specs import ACTS, SPECS, ActSpec
from motcua.backoffice.views.result_panel import result_context
from motcua.core.clock import now
from motcua.core.downloads import attachment
from motcua.deadlines.engine.errors import DeadlineError
from motcua.dossiers import forms as official_forms
from motcua.dossiers import queries
from motcua.dossiers.choices import DossierStatus, StepStatus
from motcua.dossiers.documents import download_name
from motcua.dossiers.due_moments import work_calendar
from motcua.dossiers.errors import DossierError, DossierNotFound
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.permissions import CENTRE_ROLES, can_act, can_reassign
from motcua.dossiers.services import allowed_acts
from motcua.organizations.models import Agency
from motcua.organizations.queries import list_agencies

log = structlog.get_logger(__name__)
S = DossierStatus
# Acts the applicant performs (through the portal), never offered to an officer here.
APPLICANT_ACTS = frozenset({"resubmit"})
FORM_TITLES = {
    "receipt": gettext_lazy("Receipt and appointment (form 01)"),
    "supplement-request": gettext_lazy("Supplement request (form 02)"),
    "refusal": gettext_lazy("Refusal slip (form 03)"),
    "extension": gettext_lazy("Apology and extension (form 04)"),
    "stop-notice": gettext_lazy("Stop notice (form 05)"),
    "control-slip": gettext_lazy("Processing control slip (form 06)"),
}


@dataclass
class ActPanel:
    """One act offered on the page: its spec, its form (blank or as posted) and its subject."""

    spec: ActSpec
    form: ActForm
    key: str
    subject: str = ""


def get_dossier(request: HttpRequest, code: str) -> Dossier:
    """The dossier if the signed-in officer may see it; otherwise 404 (missing looks the same)."""
    try:
        return queries.get_dossier_for_officer(officer=request.user, code=code)
    except DossierNotFound:
        raise Http404 from None


def applicable_forms(dossier: Dossier) -> list[tuple[str, str]]:
    """The official papers this dossier has (the conditions `dossiers.forms` checks)."""
    has = {
        "receipt": dossier.received_at is not None,
        "supplement-request": bool(dossier.supplement_items),
        "refusal": dossier.status in (S.REFUSED_AT_INTAKE, S.STOPPED),
        "extension": dossier.extensions > 0,
        "stop-notice": dossier.status in (S.WITHDRAWN, S.STOPPED),
        "control-slip": dossier.received_at is not None,
    }
    return [(form, str(FORM_TITLES[form])) for form in official_forms.FORM_BUILDERS if has[form]]


def _ready_for_approval(steps: list[DossierStep]) -> bool:
    # The leader approves once only the one-stop's return remains (`approve_result`).
    return not any(
        step.status == StepStatus.PENDING and step.role not in CENTRE_ROLES for step in steps
    )


class _Offer:
    """Builds the panels of the acts the state machine allows and the officer may perform."""

    def __init__(self, request: HttpRequest, dossier: Dossier, steps: list[DossierStep]) -> None:
        self.officer = request.user
        self.dossier = dossier
        self.steps = steps
        self.active = [step for step in steps if step.status == StepStatus.ACTIVE]
        self._agencies: list[Agency] | None = None

    def agencies(self) -> list[Agency]:
        if self._agencies is None:
            self._agencies = list(list_agencies())
        return self._agencies

    def can(self, act: str, **context: Any) -> bool:
        return can_act(officer=self.officer, dossier=self.dossier, act=act, **context)

    def blank(self, spec: ActSpec, **initial: Any) -> ActForm:
        values = {"revision": self.dossier.revision, **initial}
        if spec.act == "reassign":
            return act_forms.ReassignForm(
                initial=values, officers=step_candidates(self.officer, self.dossier)
            )
        if spec.agencies:
            form: ActForm = spec.form(initial=values, agencies=self.agencies())  # type: ignore[call-arg]
            return form
        if spec.act == "return-result":
            values |= {
                "method": self.dossier.return_method,
                "receiver_name": self.dossier.applicant_name,
                "receiver_id_number": self.dossier.applicant_id_number,
            }
        return spec.form(initial=values)

    def panels(self) -> list[ActPanel]:
        allowed = set(allowed_acts(self.dossier)) - APPLICANT_ACTS
        if self.dossier.closed_at is None:
            allowed.add("documents")
        if "assign" in allowed:
            allowed.add("reassign")
        panels: list[ActPanel] = []
        for spec in SPECS:
            if spec.act in allowed:
                panels.extend(self._panels_of(spec))
        return panels

    def _panels_of(self, spec: ActSpec) -> list[ActPanel]:
        act = spec.act
        if act == "complete-step":
            return [
                ActPanel(
                    spec,
                    self.blank(spec, step=step.order),
                    f"{act}-{step.order}",
                    f"{step.order}. {step.name}",
                )
                for step in self.active
                if not (step.role == "unit_leader" and _ready_for_approval(self.steps))
                and self.can(act, step_role=step.role)
            ]
        if act == "answer-consultation":
            return [
                ActPanel(
                    spec,
                    self.blank(spec, consultation=consultation.pk),
                    f"{act}-{consultation.pk}",
                    f"{consultation.agency.name}: {consultation.question}",
                )
                for consultation in self.dossier.consultations.select_related("agency")
                if consultation.answered_at is None and self.can(act, agency=consultation.agency)
            ]
        if act == "assign":
            takeable = [
                step
                for step in self.active
                if step.handler_id != self.officer.pk
                and self.can("complete-step", step_role=step.role)
            ]
            return [ActPanel(spec, self.blank(spec), act)] if takeable else []
        if act == "reassign":
            leads = bool(self.active) and can_reassign(
                officer=self.officer, dossier=self.dossier, step_role=self.active[0].role
            )
            return [ActPanel(spec, self.blank(spec), act)] if leads else []
        if act == "approve-result" and not _ready_for_approval(self.steps):
            return []
        if act == "recall" and any(step.handler_id is not None for step in self.active):
            return []
        if act in ("recall", "return-step") and not any(
            step.status == StepStatus.DONE for step in self.steps
        ):
            return []
        return [ActPanel(spec, self.blank(spec), act)] if self.can(act) else []


def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    posted: ActPanel | None = None,
    status: int = 200,
) -> HttpResponse:
    steps = list(dossier.steps.select_related("agency", "handler").order_by("order"))
    panels = _Offer(request, dossier, steps).panels()
    if posted is not None:
        panels = [posted if panel.key == posted.key else panel for panel in panels]
        if all(panel.key != posted.key for panel in panels):
            panels.insert(0, posted)
    moment = now()
    context = {
        "section": "dossiers",
        "dossier": dossier,
        "time_class": classify(dossier, calendar=work_calendar(), at=moment),
        "steps": steps,
        "timeline": list(queries.list_timeline(dossier=dossier).select_related("actor")),
        "documents": list(dossier.documents.select_related("required_document")),
        "handovers": list(dossier.handovers.select_related("from_officer", "to_officer")),
        "consultations": list(dossier.consultations.select_related("agency", "answered_by")),
        "flags": list(dossier.flags.all()),
        "papers": applicable_forms(dossier),
        "panels": panels,
        "just_received": request.GET.get("received") == "1",
        **result_context(request, dossier),
    }
    return render(request, "backoffice/dossier_detail.html", context, status=status)


@require_GET
@staff_page
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, get_dossier(request, code))


def step_candidates(officer: Any, dossier: Dossier) -> list[Any]:
    """The officers a leader may give the current step to (not the one holding it)."""
    candidates = queries.list_step_candidates(officer=officer, dossier=dossier)
    return list(candidates.exclude(pk=dossier.current_handler_id or 0))


def _bind(spec: ActSpec, request: HttpRequest, dossier: Dossier) -> ActForm:
    if spec.act == "reassign":
        return act_forms.ReassignForm(request.POST, officers=step_candidates(request.user, dossier))
    if issubclass(spec.form, AgencyForm):
        return spec.form(request.POST, request.FILES, agencies=list(list_agencies()))
    return spec.form(request.POST, request.FILES)


def _panel_key(spec: ActSpec, form: ActForm) -> str:
    if spec.per_row:
        row = _posted_row(form)
        return f"{spec.act}-{row}" if row else spec.act
    return spec.act


def _posted_row(form: ActForm) -> str:
    field = "step" if "step" in form.fields else "consultation"
    return str(form.data.get(field, "")).strip()[:10]


@require_POST
@staff_page
def act(request: HttpRequest, code: str, act: str) -> HttpResponse:
    """Perform one act: bind its form, check the revision, call its one dossier service."""
    spec = ACTS.get(act)
    if spec is None:
        raise Http404
    dossier = get_dossier(request, code)
    form = _bind(spec, request, dossier)
    panel = ActPanel(spec, form, _panel_key(spec, form), subject="")
    if not form.is_valid():
        messages.error(request, _("Check the highlighted fields; nothing was done."))
        return _page(request, dossier, posted=panel, status=400)
    if form.cleaned_data["revision"] != dossier.revision:
        messages.error(
            request,
            _(
                "The dossier changed since you opened the page (someone acted on it); nothing "
                "was done. Look at it again and act if still needed."
            ),
        )
        return _page(request, dossier, status=409)
    try:
        spec.perform(request.user, dossier, form)
    except DossierError as error:
        messages.error(request, error.message)
        return _page(request, dossier, posted=panel, status=error.status)
    except DeadlineError as error:
        messages.error(request, error.message)
        return _page(request, dossier, posted=panel, status=422)
    messages.success(request, str(spec.done))
    return redirect(reverse("backoffice:dossier", kwargs={"code": dossier.code}))


@require_GET
@staff_page
def form_pdf(request: HttpRequest, code: str, form: str) -> HttpResponse:
    """An official form of the dossier as PDF, opened in the browser (to print)."""
    dossier = get_dossier(request, code)
    if form not in official_forms.FORM_BUILDERS:
        raise Http404
    try:
        pdf = official_forms.render_dossier_form(dossier=dossier, form=form)
    except DossierError as error:
        return render(
            request,
            "backoffice/no_paper.html",
            {"dossier": dossier, "message": error.message},
            status=409,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-{form}.pdf"'
    return response


@require_GET
@staff_page  # type: ignore[arg-type]  # typed for pages; a streamed file passes the same way
def document_file(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    """A stored document of the dossier, downloaded; 404 when it is not one the officer may
    read. The log names the dossier and the document, never the file's name."""
    try:
        document = queries.get_document_for_officer(
            officer=request.user, code=code, document_id=document_id
        )
    except DossierNotFound:
        raise Http404 from None
    log.info("dossier_document_downloaded", dossier=code, document=document.pk)
    return attachment(
        file=document.file, filename=download_name(document), content_type=document.mime_type
    )
