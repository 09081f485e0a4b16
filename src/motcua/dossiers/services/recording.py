"""What every act does around its own rule: move the state machine, save with the optimistic
check, write the timeline entry and the audit row, publish the event after commit.

Acts call `move(...)` first (an illegal act raises `ActNotAllowed` with the allowed acts) and
`commit_act(...)` last, inside their own `transaction.atomic()`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from django.db import DatabaseError, transaction
from django_fsm import ConcurrentTransition, can_proceed

from motcua.audit.services import record_audit
from motcua.core.clock import isoformat, now
from motcua.core.events import publish
from motcua.dossiers import events
from motcua.dossiers.choices import DossierStatus, FlagCode
from motcua.dossiers.errors import ActNotAllowed, Conflict, DossierNotFound
from motcua.dossiers.models import Dossier, DossierFlag, TimelineEntry

# Transition method of the state machine → the act's public name (API path, timeline, audit).
ACT_OF_TRANSITION: dict[str, str] = {
    "receive": "receive",
    "refuse_at_intake": "refuse-at-intake",
    "return_for_supplement": "return-for-supplement",
    "resubmit": "resubmit",
    "assign": "assign",
    "complete_step": "complete-step",
    "transfer": "transfer",
    "return_step": "return-step",
    "recall": "recall",
    "consult": "consult",
    "answer_consultation": "answer-consultation",
    "request_supplement": "request-supplement",
    "receive_supplement": "receive-supplement",
    "request_payment": "request-payment",
    "record_payment": "record-payment",
    "withdraw": "withdraw",
    "refuse": "refuse",
    "extend": "extend",
    "approve_result": "approve-result",
    "return_result": "return-result",
}
# Acts the system performs by itself (never offered to an officer).
SYSTEM_TRANSITIONS = {"stop_without_supplement": "stop"}
TRANSITION_OF_ACT = {act: name for name, act in ACT_OF_TRANSITION.items()}


@contextmanager
def acting(dossier: Dossier) -> Iterator[None]:
    """The act's transaction; if the act fails, the dossier object is read again from the
    database, so that the caller never holds a status that was not saved."""
    try:
        with transaction.atomic():
            yield
    except Exception:
        if dossier.pk is not None and not dossier._state.adding:
            # If the caller's own transaction is broken, it rolls back anyway.
            with suppress(DatabaseError):
                dossier.refresh_from_db()
        raise


def allowed_acts(dossier: Dossier) -> list[str]:
    """The acts the state machine allows now (their conditions included), in lifecycle order."""
    available = {transition.name for transition in dossier.get_available_status_transitions()}  # type: ignore[attr-defined]
    return [act for name, act in ACT_OF_TRANSITION.items() if name in available]


def move(dossier: Dossier, *, act: str) -> str:
    """Run the transition of `act` on the dossier (not saved yet); return the status before.

    Raises ActNotAllowed (with the allowed acts) when the status does not allow it.
    """
    name = TRANSITION_OF_ACT.get(act) or next(
        (key for key, value in SYSTEM_TRANSITIONS.items() if value == act), act
    )
    method = getattr(dossier, name)
    if not can_proceed(method):
        raise ActNotAllowed(
            act=act, status_value=str(dossier.status), allowed_acts=allowed_acts(dossier)
        )
    before = str(dossier.status)
    method()
    return before


def commit_act(
    *,
    dossier: Dossier,
    officer: Any,
    act: str,
    status_before: str,
    event: type[events.DossierActed],
    at: datetime | None = None,
    note: str = "",
    details: dict[str, Any] | None = None,
    event_fields: dict[str, Any] | None = None,
    numbering: Callable[[], None] | None = None,
) -> None:
    """Write the timeline entry, save the dossier (optimistic check), write the audit row and
    publish the event after commit.

    The row locks come last (the dossier's row, then the audit chain's head, held until the
    commit), so concurrent acts wait for each other as briefly as possible. A new dossier is
    given its code by `numbering`, which saves the code and the next revision itself (intake:
    the day's counter row is locked from then on) instead of the optimistic save. Raises
    Conflict when someone else changed the dossier since it was read; the caller's
    transaction then rolls back whole.
    """
    moment = at or now()
    facts = details or {}
    if dossier.pk is None:
        dossier.save()
    TimelineEntry.objects.create(
        dossier=dossier,
        at=moment,
        act=act,
        actor=officer if getattr(officer, "pk", None) else None,
        actor_label=str(officer) if officer is not None else "system",
        status_before=status_before,
        status_after=str(dossier.status),
        note=note,
        details=facts,
    )
    if numbering is not None:
        numbering()
        # The state machine's optimistic check starts from the revision just written.
        dossier._update_initial_state()
    else:
        dossier.revision += 1
        try:
            # Updated only if nobody changed the dossier since it was read (docs/adr/0070).
            dossier.save()
        except ConcurrentTransition:
            raise Conflict() from None
    record_audit(
        actor=officer,
        action=f"dossier.{act.replace('-', '_')}",
        target=dossier,
        before={"status": status_before},
        after={
            "code": dossier.code,
            "status": str(dossier.status),
            "stage": dossier.stage,
            "due_at": isoformat(dossier.due_at) if dossier.due_at else None,
            **facts,
        },
    )
    publish(
        event(
            dossier_id=dossier.pk,
            code=dossier.code,
            act=act,
            status_before=status_before,
            status=str(dossier.status),
            national_status_code=DossierStatus(dossier.status).national_code,
            at=moment,
            actor_id=getattr(officer, "pk", None),
            applicant_reachable=bool(dossier.applicant_email),
            **(event_fields or {}),
        )
    )


def raise_flag(
    *, dossier: Dossier, code: FlagCode, at: datetime, details: dict[str, Any] | None = None
) -> bool:
    """Record a time rule breached (once per dossier and rule); True when it is new."""
    _, created = DossierFlag.objects.get_or_create(
        dossier=dossier, code=code, defaults={"raised_at": at, "details": details or {}}
    )
    if created:
        record_audit(
            actor=None, action="dossier.flagged", target=dossier, after={"flag": str(code)}
        )
    return created


def move_due_moment(*, code: str, due_at: datetime, actor: Any) -> None:
    """Store a due moment recomputed after a calendar change (the deadlines registry)."""
    dossier = Dossier.objects.filter(code=code).first()
    if dossier is None:
        raise DossierNotFound(code)
    previous = dossier.due_at
    dossier.due_at = due_at
    try:
        dossier.revision += 1
        dossier.save(update_fields=["due_at", "revision"])
    except ConcurrentTransition:
        raise Conflict() from None
    record_audit(
        actor=actor,
        action="dossier.due_moment_recomputed",
        target=dossier,
        before={"due_at": isoformat(previous) if previous else None},
        after={"due_at": isoformat(due_at)},
    )
