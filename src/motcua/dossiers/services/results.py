"""Results: the unit leader approves (status 9), the one-stop returns it (status 10).

Signing the result is the results app's work; here a result summary (and files) can be
attached and approved. Return at the counter records the receiver's name and ID number; by
post, the postal tracking code (Decree 118/2025 Art. 15, Decision 45/2016 on postal service).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from motcua.core.clock import now
from motcua.core.text import normalize
from motcua.dossiers import events
from motcua.dossiers.choices import HandoverKind, ReturnMethod, Stage, StepStatus
from motcua.dossiers.documents import DocumentInput, inspect_documents, store_documents
from motcua.dossiers.due_moments import add_working_hours, work_calendar
from motcua.dossiers.errors import InvalidInput, NotPermitted, ReturnDetailsMissing, StepNotOpen
from motcua.dossiers.models import Dossier, DossierStep, Handover
from motcua.dossiers.permissions import CENTRE_ROLES, can_act
from motcua.dossiers.services.recording import acting, commit_act, move


def _require(officer: Any, dossier: Dossier, act: str) -> None:
    if not can_act(officer=officer, dossier=dossier, act=act):
        raise NotPermitted(_("You may not perform this act on this dossier."), act=act)


def approve_result(
    *,
    officer: Any,
    dossier: Dossier,
    summary: str = "",
    documents: Sequence[DocumentInput] = (),
    at: datetime | None = None,
) -> Dossier:
    """The unit leader approves the result (status 4 → 9); the return step starts at the
    receiving centre. Only when every step but the return is done (or in progress now).

    Raises ActNotAllowed, NotPermitted, StepNotOpen (steps still pending), DocumentRefused,
    Conflict.
    """
    moment = at or now()
    _require(officer, dossier, "approve-result")
    checked = inspect_documents(documents)
    with acting(dossier):
        before = move(dossier, act="approve-result")
        steps = list(dossier.steps.order_by("order"))
        active = [s for s in steps if s.status == StepStatus.ACTIVE]
        last_active = max((s.order for s in active), default=0)
        waiting = [
            s
            for s in steps
            if s.status == StepStatus.PENDING
            and (s.order < last_active or s.role not in CENTRE_ROLES)
        ]
        if waiting:
            raise StepNotOpen(
                _("Steps are still pending: %(names)s.")
                % {"names": "; ".join(s.name for s in waiting)}
            )
        for step in active:
            step.status = StepStatus.DONE
            step.finished_at = moment
            step.save()
        _start_return_step(dossier, steps, officer=officer, at=moment)
        dossier.decided_at = moment
        dossier.result_summary = normalize(summary)
        dossier.stage = Stage.AWAITING_RETURN
        store_documents(dossier=dossier, checked=checked, officer=officer, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="approve-result",
            status_before=before,
            event=events.ResultApproved,
            at=moment,
        )
    return dossier


def _start_return_step(
    dossier: Dossier, steps: Sequence[DossierStep], *, officer: Any, at: datetime
) -> None:
    centre_agency = dossier.service_centre.agency
    returning = next((s for s in steps if s.status == StepStatus.PENDING), None)
    Handover.objects.filter(dossier=dossier, completed_at__isnull=True).update(completed_at=at)
    from_agency = dossier.current_agency
    if returning is not None:
        returning.status = StepStatus.ACTIVE
        returning.agency = centre_agency
        returning.started_at = at
        returning.due_at = add_working_hours(work_calendar(), at, returning.hours)
        returning.save()
    Handover.objects.create(
        dossier=dossier,
        kind=HandoverKind.STEP,
        from_agency=from_agency,
        from_unit=from_agency.short_name or from_agency.name,
        from_officer=officer if getattr(officer, "pk", None) else None,
        to_agency=centre_agency,
        to_unit=dossier.service_centre.name,
        handed_over_at=at,
        due_at=returning.due_at if returning else dossier.due_at,
    )
    dossier.current_agency = centre_agency
    dossier.current_handler = None


def return_result(
    *,
    officer: Any,
    dossier: Dossier,
    method: str = ReturnMethod.COUNTER,
    receiver_name: str = "",
    receiver_id_number: str = "",
    postal_tracking_code: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Return the result (status 9 → 10): at the counter to a named receiver with an ID
    number, by post with a tracking code, or online.

    Raises ActNotAllowed, NotPermitted, InvalidInput, ReturnDetailsMissing, Conflict.
    """
    moment = at or now()
    if method not in ReturnMethod.values:
        raise InvalidInput(_("Unknown way of returning the result."), field="method")
    if method == ReturnMethod.COUNTER and not (
        normalize(receiver_name) and normalize(receiver_id_number)
    ):
        raise ReturnDetailsMissing(
            _("At the counter, record who receives the result and their ID number.")
        )
    if method == ReturnMethod.POSTAL and not normalize(postal_tracking_code):
        raise ReturnDetailsMissing(_("By post, record the postal tracking code."))
    _require(officer, dossier, "return-result")
    with acting(dossier):
        before = move(dossier, act="return-result")
        dossier.steps.filter(status=StepStatus.ACTIVE).update(
            status=StepStatus.DONE, finished_at=moment
        )
        dossier.handovers.filter(completed_at__isnull=True).update(completed_at=moment)
        dossier.return_method = method
        dossier.result_receiver_name = normalize(receiver_name)
        dossier.result_receiver_id_number = normalize(receiver_id_number)
        if postal_tracking_code:
            dossier.postal_tracking_code = normalize(postal_tracking_code)
        if method == ReturnMethod.POSTAL:
            Handover.objects.create(
                dossier=dossier,
                kind=HandoverKind.POSTAL,
                from_agency=dossier.service_centre.agency,
                from_unit=dossier.service_centre.name,
                from_officer=officer if getattr(officer, "pk", None) else None,
                to_agency=dossier.service_centre.agency,
                to_unit=_("Public postal service"),
                handed_over_at=moment,
                completed_at=moment,
                note=dossier.postal_tracking_code,
            )
        dossier.returned_at = moment
        dossier.closed_at = moment
        dossier.stage = Stage.NONE
        commit_act(
            dossier=dossier,
            officer=officer,
            act="return-result",
            status_before=before,
            event=events.ResultReturned,
            at=moment,
            details={"method": method},
            event_fields={"method": method},
        )
    return dossier
