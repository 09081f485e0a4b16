"""Processing (Decree 118/2025 Art. 18–20): steps of the variant's process, hand-overs,
inter-agency transfers, consultations, return to the previous step, recall, reassignment.

Each step has its own due moment (its start plus its hour budget, in working time); each
hand-over is a row of the control slip (form 06) with the receiver's due moment.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from motcua.core.clock import isoformat, now
from motcua.core.text import normalize
from motcua.dossiers import due_moments, events
from motcua.dossiers.choices import FlagCode, HandoverKind, Stage, StepStatus
from motcua.dossiers.errors import (
    ConsultationNotOpen,
    InvalidInput,
    NoNextStep,
    NoPreviousStep,
    NotPermitted,
    StepNotOpen,
)
from motcua.dossiers.models import Consultation, Dossier, DossierStep, Handover
from motcua.dossiers.permissions import CENTRE_ROLES, can_act, can_reassign
from motcua.dossiers.services.recording import acting, commit_act, move, raise_flag
from motcua.organizations.models import Agency

DEFAULT_CONSULTATION_HOURS = 40


def _require(officer: Any, dossier: Dossier, act: str, **context: Any) -> None:
    if not can_act(officer=officer, dossier=dossier, act=act, **context):
        raise NotPermitted(_("You may not perform this act on this dossier."), act=act)


def _steps(dossier: Dossier) -> list[DossierStep]:
    return list(dossier.steps.select_related("agency").order_by("order"))


def _active(steps: Sequence[DossierStep]) -> list[DossierStep]:
    return [step for step in steps if step.status == StepStatus.ACTIVE]


def _unit_label(step: DossierStep | None, agency: Agency | None) -> str:
    name = agency.short_name or agency.name if agency else ""
    return f"{name} — {step.name}" if step is not None and name else name or "—"


def _agency_of_step(dossier: Dossier, step: DossierStep) -> Agency:
    if step.agency_id is not None:
        assert step.agency is not None
        return step.agency
    if step.role in CENTRE_ROLES:
        return dossier.service_centre.agency
    # Leaving the one-stop, the dossier goes to the competent agency; later steps stay where
    # the dossier is (an inter-agency transfer moved it on purpose).
    if dossier.current_agency_id == dossier.service_centre.agency_id:
        return dossier.agency
    return dossier.current_agency


def _start(step: DossierStep, *, agency: Agency, at: datetime, handler: Any = None) -> None:
    step.status = StepStatus.ACTIVE
    step.agency = agency
    step.handler = handler
    step.started_at = at
    step.finished_at = None
    step.due_at = due_moments.add_working_hours(due_moments.work_calendar(), at, step.hours)


def _finish(dossier: Dossier, step: DossierStep, *, at: datetime) -> None:
    step.status = StepStatus.DONE
    step.finished_at = at
    if step.due_at is not None and at > step.due_at:
        raise_flag(
            dossier=dossier,
            code=FlagCode.STEP_LATE,
            at=at,
            details={"step": step.order, "due_at": isoformat(step.due_at)},
        )


def _next_group(steps: Sequence[DossierStep], after: int) -> list[DossierStep]:
    """The next pending step, with the consecutive steps of its parallel group."""
    pending = [s for s in steps if s.order > after and s.status == StepStatus.PENDING]
    if not pending:
        return []
    first = pending[0]
    if not first.parallel_group:
        return [first]
    group = []
    for step in pending:
        if step.parallel_group != first.parallel_group:
            break
        group.append(step)
    return group


def _hand_over(
    dossier: Dossier,
    *,
    kind: str,
    officer: Any,
    from_step: DossierStep | None,
    from_agency: Agency | None,
    to_step: DossierStep | None,
    to_agency: Agency,
    at: datetime,
    due_at: datetime | None,
    to_officer: Any = None,
    note: str = "",
) -> Handover:
    Handover.objects.filter(dossier=dossier, completed_at__isnull=True).update(completed_at=at)
    return Handover.objects.create(
        dossier=dossier,
        kind=kind,
        from_agency=from_agency,
        from_unit=_unit_label(from_step, from_agency),
        from_officer=officer if getattr(officer, "pk", None) else None,
        to_agency=to_agency,
        to_unit=_unit_label(to_step, to_agency),
        to_officer=to_officer,
        handed_over_at=at,
        due_at=due_at,
        note=note,
    )


def _stage_for(steps: Sequence[DossierStep], dossier: Dossier) -> str:
    if dossier.consultations.filter(answered_at__isnull=True).exists():
        return Stage.IN_CONSULTATION
    active = _active(steps)
    if any(step.role == "unit_leader" for step in active):
        return Stage.AWAITING_APPROVAL
    return Stage.IN_STEP


def assign_handler(
    *, officer: Any, dossier: Dossier, handler: Any, at: datetime | None = None
) -> Dossier:
    """Give the current step to `handler` (oneself, or reassignment by a leader).

    Raises ActNotAllowed, NotPermitted (the handler must hold the step's role over the
    dossier's agency), StepNotOpen, Conflict.
    """
    _require(officer, dossier, "assign")
    return _give_step(officer=officer, dossier=dossier, handler=handler, at=at or now())


def reassign_step(
    *, officer: Any, dossier: Dossier, handler: Any, note: str = "", at: datetime | None = None
) -> Dossier:
    """A leader gives the current step to another officer of the unit (a hand-over row).

    Only a unit leader of the agency holding the dossier (a centre leader for the one-stop's
    own steps) reassigns; the new handler must hold the step's role there.
    Raises ActNotAllowed, StepNotOpen, NotPermitted, InvalidInput (already theirs), Conflict.
    """
    active = _active(_steps(dossier))
    if not active:
        raise StepNotOpen(_("The dossier has no step in progress."))
    if not can_reassign(officer=officer, dossier=dossier, step_role=active[0].role):
        raise NotPermitted(_("Only the unit's leader reassigns a step."), act="assign")
    if handler is None:
        raise InvalidInput(_("Choose the officer who takes the step."), field="handler")
    if all(step.handler_id == handler.pk for step in active):
        raise InvalidInput(_("The step is already with this officer."), field="handler")
    return _give_step(officer=officer, dossier=dossier, handler=handler, at=at or now(), note=note)


def _give_step(
    *, officer: Any, dossier: Dossier, handler: Any, at: datetime, note: str = ""
) -> Dossier:
    moment = at
    with acting(dossier):
        before = move(dossier, act="assign")
        steps = _steps(dossier)
        active = _active(steps)
        if not active:
            raise StepNotOpen(_("The dossier has no step in progress."))
        probe_step = active[0]
        if handler is not None and not can_act(
            officer=handler, dossier=dossier, act="complete-step", step_role=probe_step.role
        ):
            raise NotPermitted(_("This officer cannot work on the current step."))
        previous = probe_step.handler
        for step in active:
            step.handler = handler
            step.save(update_fields=["handler"])
        dossier.current_handler = handler
        if previous is not None and previous != handler:
            _hand_over(
                dossier,
                kind=HandoverKind.REASSIGNMENT,
                officer=officer,
                from_step=probe_step,
                from_agency=probe_step.agency,
                to_step=probe_step,
                to_agency=probe_step.agency or dossier.current_agency,
                at=moment,
                due_at=probe_step.due_at,
                to_officer=handler,
                note=normalize(note),
            )
        commit_act(
            dossier=dossier,
            officer=officer,
            act="assign",
            status_before=before,
            event=events.DossierAssigned,
            at=moment,
            note=normalize(note),
            details={"step": probe_step.order, "handler": getattr(handler, "username", None)},
            event_fields={"handler_id": getattr(handler, "pk", None)},
        )
    return dossier


def complete_step(
    *,
    officer: Any,
    dossier: Dossier,
    step_order: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Finish the current step (or one of a parallel group) and start the next one.

    Status 2 → 4 when the intake step hands the dossier to the agency. The last step before
    the return is finished by `approve_result`, the return step by `return_result`.
    Raises ActNotAllowed, NotPermitted, StepNotOpen, NoNextStep, Conflict.
    """
    moment = at or now()
    steps = _steps(dossier)
    active = _active(steps)
    step = next((s for s in active if step_order in (None, s.order)), None)
    if step is None:
        raise StepNotOpen(_("That step is not in progress."), step=step_order)
    _require(officer, dossier, "complete-step", step_role=step.role)
    following = _next_group(steps, step.order)
    remaining = [s for s in active if s is not step]
    if not remaining and (not following or _only_return_steps(steps, step.order)):
        raise NoNextStep(
            _("This is the last processing step: approve the result instead."),
            allowed_acts=["approve-result"],
        )
    with acting(dossier):
        before = move(dossier, act="complete-step")
        _finish(dossier, step, at=moment)
        step.note = normalize(note)
        step.save()
        if not remaining:
            from_agency = step.agency
            for next_step in following:
                agency = _agency_of_step(dossier, next_step)
                _start(next_step, agency=agency, at=moment)
                next_step.save()
            target = following[0]
            assert target.agency is not None
            dossier.current_agency = target.agency
            dossier.current_handler = None
            _hand_over(
                dossier,
                kind=HandoverKind.STEP,
                officer=officer,
                from_step=step,
                from_agency=from_agency,
                to_step=target,
                to_agency=target.agency,
                at=moment,
                due_at=max(s.due_at for s in following if s.due_at is not None),
                note=normalize(note),
            )
            steps = _steps(dossier)
        dossier.stage = _stage_for(steps, dossier)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="complete-step",
            status_before=before,
            event=events.StepCompleted,
            at=moment,
            note=normalize(note),
            details={"step": step.order},
            event_fields={"step_order": step.order},
        )
    return dossier


def _only_return_steps(steps: Sequence[DossierStep], after: int) -> bool:
    pending = [s for s in steps if s.order > after and s.status == StepStatus.PENDING]
    return bool(pending) and all(s.role in CENTRE_ROLES for s in pending)


def transfer_dossier(
    *,
    officer: Any,
    dossier: Dossier,
    to_agency: Agency,
    hours: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Hand the dossier to another agency for its part (inter-agency work, Art. 20).

    The current step moves to `to_agency` with its own due moment (`hours` of working time
    from now, by default the step's budget) and a hand-over record.
    Raises ActNotAllowed, NotPermitted, InvalidInput, StepNotOpen, Conflict.
    """
    moment = at or now()
    _require(officer, dossier, "transfer")
    if to_agency.pk == dossier.current_agency_id:
        raise InvalidInput(_("The dossier is already with this agency."), field="agency")
    if hours is not None and hours < 1:
        raise InvalidInput(_("The time given must be at least one working hour."), field="hours")
    with acting(dossier):
        before = move(dossier, act="transfer")
        steps = _steps(dossier)
        active = _active(steps)
        if not active:
            raise StepNotOpen(_("The dossier has no step in progress."))
        from_agency = dossier.current_agency
        for step in active:
            step.agency = to_agency
            step.handler = None
            step.started_at = moment
            step.due_at = due_moments.add_working_hours(
                due_moments.work_calendar(), moment, hours or step.hours
            )
            step.save()
        dossier.current_agency = to_agency
        dossier.current_handler = None
        dossier.stage = Stage.IN_STEP
        _hand_over(
            dossier,
            kind=HandoverKind.TRANSFER,
            officer=officer,
            from_step=active[0],
            from_agency=from_agency,
            to_step=active[0],
            to_agency=to_agency,
            at=moment,
            due_at=active[0].due_at,
            note=normalize(note),
        )
        commit_act(
            dossier=dossier,
            officer=officer,
            act="transfer",
            status_before=before,
            event=events.DossierTransferred,
            at=moment,
            note=normalize(note),
            details={"to_agency": to_agency.code},
            event_fields={"to_agency_id": to_agency.pk},
        )
    return dossier


def _go_back(
    *, officer: Any, dossier: Dossier, act: str, kind: str, note: str, at: datetime
) -> Dossier:
    with acting(dossier):
        before = move(dossier, act=act)
        steps = _steps(dossier)
        active = _active(steps)
        done = [s for s in steps if s.status == StepStatus.DONE]
        if not active or not done:
            raise NoPreviousStep(_("There is no previous step to go back to."))
        if kind == HandoverKind.RECALL and any(s.handler_id is not None for s in active):
            raise StepNotOpen(_("The receiver has already started; ask them to send it back."))
        previous = done[-1]
        for step in active:
            step.status = StepStatus.PENDING
            step.started_at = None
            step.due_at = None
            step.handler = None
            step.save()
        agency = previous.agency or dossier.current_agency
        _start(previous, agency=agency, at=at, handler=previous.handler)
        previous.save()
        from_agency = dossier.current_agency
        dossier.current_agency = agency
        dossier.current_handler = previous.handler
        dossier.stage = _stage_for(_steps(dossier), dossier)
        _hand_over(
            dossier,
            kind=kind,
            officer=officer,
            from_step=active[0],
            from_agency=from_agency,
            to_step=previous,
            to_agency=agency,
            at=at,
            due_at=previous.due_at,
            to_officer=previous.handler,
            note=normalize(note),
        )
        commit_act(
            dossier=dossier,
            officer=officer,
            act=act,
            status_before=before,
            event=events.StepReturned if act == "return-step" else events.DossierRecalled,
            at=at,
            note=normalize(note),
            details={"to_step": previous.order},
        )
    return dossier


def return_to_previous_step(
    *, officer: Any, dossier: Dossier, note: str, at: datetime | None = None
) -> Dossier:
    """Send the dossier back to the previous step, with a reason.

    Raises ActNotAllowed, NotPermitted, InvalidInput, NoPreviousStep, Conflict.
    """
    if not normalize(note):
        raise InvalidInput(_("Say why the dossier goes back."), field="note")
    _require(officer, dossier, "return-step")
    return _go_back(
        officer=officer,
        dossier=dossier,
        act="return-step",
        kind=HandoverKind.RETURN,
        note=note,
        at=at or now(),
    )


def recall_dossier(
    *, officer: Any, dossier: Dossier, note: str = "", at: datetime | None = None
) -> Dossier:
    """The sender takes back a dossier the receiver has not started yet.

    Raises ActNotAllowed, NotPermitted, NoPreviousStep, StepNotOpen (already started), Conflict.
    """
    _require(officer, dossier, "recall")
    return _go_back(
        officer=officer,
        dossier=dossier,
        act="recall",
        kind=HandoverKind.RECALL,
        note=note,
        at=at or now(),
    )


def start_consultation(
    *,
    officer: Any,
    dossier: Dossier,
    agency: Agency,
    question: str,
    hours: int = DEFAULT_CONSULTATION_HOURS,
    at: datetime | None = None,
) -> Consultation:
    """Ask another agency's opinion through the system, with a deadline (Art. 19.4).

    Several consultations may run in parallel. Raises ActNotAllowed, NotPermitted,
    InvalidInput, Conflict.
    """
    moment = at or now()
    if not normalize(question):
        raise InvalidInput(_("The question is required."), field="question")
    if hours < 1:
        raise InvalidInput(_("The time given must be at least one working hour."), field="hours")
    _require(officer, dossier, "consult")
    with acting(dossier):
        before = move(dossier, act="consult")
        consultation = Consultation.objects.create(
            dossier=dossier,
            agency=agency,
            question=normalize(question),
            requested_by=officer,
            requested_at=moment,
            due_at=due_moments.add_working_hours(due_moments.work_calendar(), moment, hours),
        )
        dossier.stage = Stage.IN_CONSULTATION
        commit_act(
            dossier=dossier,
            officer=officer,
            act="consult",
            status_before=before,
            event=events.ConsultationRequested,
            at=moment,
            details={"agency": agency.code, "consultation": consultation.pk},
            event_fields={"consultation_id": consultation.pk},
        )
    return consultation


def answer_consultation(
    *,
    officer: Any,
    dossier: Dossier,
    consultation_id: int,
    answer: str,
    at: datetime | None = None,
) -> Consultation:
    """The consulted agency answers; a late answer is flagged.

    Raises ActNotAllowed, NotPermitted, ConsultationNotOpen, InvalidInput, Conflict.
    """
    moment = at or now()
    consultation = dossier.consultations.select_related("agency").filter(pk=consultation_id).first()
    if consultation is None or consultation.answered_at is not None:
        raise ConsultationNotOpen(_("That consultation is not open."), consultation=consultation_id)
    if not normalize(answer):
        raise InvalidInput(_("The answer is required."), field="answer")
    _require(officer, dossier, "answer-consultation", agency=consultation.agency)
    with acting(dossier):
        before = move(dossier, act="answer-consultation")
        consultation.answer = normalize(answer)
        consultation.answered_by = officer
        consultation.answered_at = moment
        consultation.save()
        if moment > consultation.due_at:
            raise_flag(
                dossier=dossier,
                code=FlagCode.CONSULTATION_LATE,
                at=moment,
                details={"consultation": consultation.pk},
            )
        dossier.stage = _stage_for(_steps(dossier), dossier)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="answer-consultation",
            status_before=before,
            event=events.ConsultationAnswered,
            at=moment,
            details={"consultation": consultation.pk},
            event_fields={"consultation_id": consultation.pk},
        )
    return consultation
