"""The legal acts on a received dossier, each with its rule (Decree 118/2025):

- `request_supplement` (Art. 11.2.c, 19.5): only once (a second → 409); within 3 working days of
  receipt, flagged otherwise; the clock stops; stopped after the waiting time without supplement.
- `receive_supplement`: the clock restarts or resumes, as the variant's policy says.
- `request_payment` / `record_payment` (Art. 24): status 6, then back to 4 once paid.
- `withdraw_dossier` (Art. 21): at the applicant's request, before the decision (status 7).
- `refuse_dossier`: refused after appraisal, with reasons (status 8).
- `extend_deadline` (Art. 19.6): only once (a second → 409), with a reason and a later due
  moment, at least 1 working day before due — refused (409) by default, or let through and
  flagged where the deployment sets `DOSSIERS_LATE_EXTENSION = "flag"`.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core.clock import isoformat, now
from motcua.core.text import normalize
from motcua.deadlines import engine
from motcua.deadlines.engine.errors import DeadlineError, ExtensionTooLateError
from motcua.dossiers import due_moments, events
from motcua.dossiers.choices import FlagCode, PaymentMethod, Stage, StepStatus
from motcua.dossiers.documents import DocumentInput, inspect_documents, store_documents
from motcua.dossiers.errors import (
    ExtensionAlreadyGranted,
    ExtensionInvalid,
    ExtensionTooLate,
    InvalidInput,
    NotPermitted,
    PaymentMismatch,
    SupplementAlreadyRequested,
)
from motcua.dossiers.models import Dossier, Payment
from motcua.dossiers.permissions import can_act
from motcua.dossiers.services.recording import acting, commit_act, move, raise_flag

LATE_EXTENSION_REFUSE = "refuse"
LATE_EXTENSION_FLAG = "flag"


def _require(officer: Any, dossier: Dossier, act: str) -> None:
    if not can_act(officer=officer, dossier=dossier, act=act):
        raise NotPermitted(_("You may not perform this act on this dossier."), act=act)


def _lines(values: Sequence[str], *, field: str, message: str) -> list[str]:
    cleaned = [normalize(value) for value in values if normalize(value)]
    if not cleaned:
        raise InvalidInput(message, field=field)
    return cleaned


def request_supplement(
    *,
    officer: Any,
    dossier: Dossier,
    items: Sequence[str],
    reason: str = "",
    at: datetime | None = None,
) -> Dossier:
    """Ask the applicant once to supplement the received dossier (status → 5; slip 02).

    Raises ActNotAllowed, NotPermitted, InvalidInput, SupplementAlreadyRequested, Conflict.
    """
    moment = at or now()
    cleaned = _lines(items, field="items", message=_("List what the applicant must supplement."))
    _require(officer, dossier, "request-supplement")
    with acting(dossier):
        before = move(dossier, act="request-supplement")
        # Decree 118/2025 Art. 11.2.c: the supplement may be requested only once.
        if dossier.supplement_requests >= 1:
            raise SupplementAlreadyRequested(
                _("A supplement was already requested once; it may not be requested again."),
                requested_at=isoformat(dossier.supplement_requested_at)
                if dossier.supplement_requested_at
                else None,
            )
        calendar = due_moments.work_calendar()
        assert dossier.received_at is not None
        if due_moments.is_supplement_request_late(
            calendar, received_at=dossier.received_at, requested_at=moment
        ):
            raise_flag(
                dossier=dossier,
                code=FlagCode.SUPPLEMENT_LATE,
                at=moment,
                details={"received_at": isoformat(dossier.received_at)},
            )
        dossier.supplement_requests += 1
        dossier.supplement_requested_at = moment
        dossier.supplement_items = cleaned
        dossier.supplement_wait_until = due_moments.supplement_wait_until(
            calendar, requested_at=moment
        )
        dossier.stage = Stage.NONE
        commit_act(
            dossier=dossier,
            officer=officer,
            act="request-supplement",
            status_before=before,
            event=events.SupplementRequested,
            at=moment,
            note="\n".join([*cleaned, normalize(reason)]).strip(),
            details={"items": len(cleaned)},
        )
    return dossier


def receive_supplement(
    *,
    officer: Any,
    dossier: Dossier,
    documents: Sequence[DocumentInput] = (),
    at: datetime | None = None,
) -> Dossier:
    """The supplement arrived complete (status 5 → 4): a new due moment by the variant's
    policy (restart from zero, or resume the time left). Raises ActNotAllowed, NotPermitted,
    DocumentRefused, Conflict."""
    moment = at or now()
    _require(officer, dossier, "receive-supplement")
    checked = inspect_documents(documents)
    with acting(dossier):
        before = move(dossier, act="receive-supplement")
        calendar = due_moments.work_calendar()
        assert dossier.received_at is not None
        assert dossier.supplement_requested_at is not None
        try:
            due = due_moments.due_after_supplement(
                calendar,
                received_at=dossier.received_at,
                value=dossier.processing_time_value,
                unit=dossier.processing_time_unit,
                requested_at=dossier.supplement_requested_at,
                supplied_at=moment,
                policy=dossier.supplement_policy,
            )
        except DeadlineError:
            # Requested after the first due moment (already late): the full time runs again.
            due = due_moments.receipt_due_at(
                calendar,
                received_at=moment,
                value=dossier.processing_time_value,
                unit=dossier.processing_time_unit,
            )
        dossier.supplement_received_at = moment
        dossier.supplement_wait_until = None
        if dossier.extensions == 0:
            dossier.due_at = due
        for step in dossier.steps.filter(status=StepStatus.ACTIVE):
            step.due_at = due_moments.add_working_hours(calendar, moment, step.hours)
            step.save(update_fields=["due_at"])
        dossier.stage = Stage.IN_STEP
        store_documents(dossier=dossier, checked=checked, officer=officer, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="receive-supplement",
            status_before=before,
            event=events.SupplementReceived,
            at=moment,
            details={"policy": dossier.supplement_policy},
            event_fields={"due_at": dossier.due_at},
        )
    return dossier


def stop_unsupplemented_dossiers(*, at: datetime | None = None) -> list[str]:
    """Stop every dossier whose supplement did not come within the waiting time (status 8).

    Run periodically (`motcua dossiers sweep`); returns the codes stopped.
    """
    moment = at or now()
    stopped = []
    for dossier in Dossier.objects.filter(
        status="awaiting_supplement", supplement_wait_until__lt=moment, received_at__isnull=False
    ):
        with acting(dossier):
            before = move(dossier, act="stop")
            dossier.closed_at = moment
            dossier.closing_reason = _("No supplement was received within the time allowed.")
            commit_act(
                dossier=dossier,
                officer=None,
                act="stop",
                status_before=before,
                event=events.DossierStopped,
                at=moment,
                note=dossier.closing_reason,
            )
        stopped.append(dossier.code)
    return stopped


def request_payment(
    *, officer: Any, dossier: Dossier, amount_vnd: int | None = None, at: datetime | None = None
) -> Dossier:
    """Ask the applicant to pay the fees and charges (status → 6); by default the variant's.

    Raises ActNotAllowed, NotPermitted, InvalidInput, Conflict.
    """
    moment = at or now()
    amount = amount_vnd
    if amount is None:
        amount = sum(fee.amount_vnd for fee in dossier.variant.fees.all())
    if amount <= 0:
        raise InvalidInput(_("The amount to pay must be positive."), field="amount_vnd")
    _require(officer, dossier, "request-payment")
    with acting(dossier):
        before = move(dossier, act="request-payment")
        dossier.fee_amount_vnd = amount
        commit_act(
            dossier=dossier,
            officer=officer,
            act="request-payment",
            status_before=before,
            event=events.PaymentRequested,
            at=moment,
            details={"amount_vnd": amount},
            event_fields={"amount_vnd": amount},
        )
    return dossier


def record_payment(
    *,
    officer: Any,
    dossier: Dossier,
    method: str,
    amount_vnd: int,
    reference: str = "",
    at: datetime | None = None,
) -> Payment:
    """Record the payment (cash, transfer or online; Art. 24); processing resumes (6 → 4).

    Raises ActNotAllowed, NotPermitted, InvalidInput, PaymentMismatch, Conflict.
    """
    moment = at or now()
    if method not in PaymentMethod.values:
        raise InvalidInput(
            _("Unknown payment method; use cash, transfer or online."), field="method"
        )
    _require(officer, dossier, "record-payment")
    with acting(dossier):
        before = move(dossier, act="record-payment")
        if amount_vnd != dossier.fee_amount_vnd:
            raise PaymentMismatch(
                _("The amount paid differs from the amount due (%(due)s VND).")
                % {"due": dossier.fee_amount_vnd},
                amount_due_vnd=dossier.fee_amount_vnd,
            )
        payment = Payment.objects.create(
            dossier=dossier,
            amount_vnd=amount_vnd,
            method=method,
            reference=normalize(reference),
            paid_at=moment,
            recorded_by=officer,
        )
        dossier.stage = Stage.IN_STEP
        commit_act(
            dossier=dossier,
            officer=officer,
            act="record-payment",
            status_before=before,
            event=events.PaymentRecorded,
            at=moment,
            details={"amount_vnd": amount_vnd, "method": method},
            event_fields={"amount_vnd": amount_vnd, "method": method},
        )
    return payment


def withdraw_dossier(
    *, officer: Any, dossier: Dossier, reason: str, at: datetime | None = None
) -> Dossier:
    """The applicant withdraws before the decision (status 7; stop notice 05; Art. 21).

    Raises ActNotAllowed (after the decision), NotPermitted, InvalidInput, Conflict.
    """
    moment = at or now()
    if not normalize(reason):
        raise InvalidInput(_("Record the applicant's request."), field="reason")
    _require(officer, dossier, "withdraw")
    with acting(dossier):
        before = move(dossier, act="withdraw")
        _close(dossier, at=moment, reason=reason)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="withdraw",
            status_before=before,
            event=events.DossierWithdrawn,
            at=moment,
            note=normalize(reason),
        )
    return dossier


def refuse_dossier(
    *, officer: Any, dossier: Dossier, reasons: Sequence[str], at: datetime | None = None
) -> Dossier:
    """Refuse the dossier after appraisal, with reasons (status 8; slip 03).

    Raises ActNotAllowed, NotPermitted, InvalidInput, Conflict.
    """
    moment = at or now()
    cleaned = _lines(reasons, field="reasons", message=_("State at least one reason."))
    _require(officer, dossier, "refuse")
    with acting(dossier):
        before = move(dossier, act="refuse")
        _close(dossier, at=moment, reason="\n".join(cleaned))
        commit_act(
            dossier=dossier,
            officer=officer,
            act="refuse",
            status_before=before,
            event=events.DossierRefused,
            at=moment,
            note=dossier.closing_reason,
        )
    return dossier


def _close(dossier: Dossier, *, at: datetime, reason: str) -> None:
    dossier.closed_at = at
    dossier.closing_reason = normalize(reason)
    dossier.stage = Stage.NONE
    dossier.steps.filter(status=StepStatus.ACTIVE).update(status=StepStatus.DONE, finished_at=at)
    dossier.handovers.filter(completed_at__isnull=True).update(completed_at=at)


def extend_deadline(
    *,
    officer: Any,
    dossier: Dossier,
    new_due_at: datetime,
    reason: str,
    at: datetime | None = None,
) -> Dossier:
    """Apologise and extend the due moment once (Art. 19.6; form 04).

    Raises ActNotAllowed, NotPermitted, ExtensionAlreadyGranted, ExtensionTooLate (unless the
    deployment flags late extensions instead), ExtensionInvalid, Conflict.
    """
    moment = at or now()
    _require(officer, dossier, "extend")
    with acting(dossier):
        before = move(dossier, act="extend")
        assert dossier.due_at is not None
        calendar = due_moments.work_calendar()
        if dossier.extensions >= 1:
            raise ExtensionAlreadyGranted(
                _("The dossier was already extended once; it may not be extended again.")
            )
        late = False
        try:
            engine.extend(
                calendar,
                due_at=dossier.due_at,
                new_due_at=new_due_at,
                requested_at=moment,
                reason=reason,
                extensions_so_far=dossier.extensions,
            )
        except ExtensionTooLateError:
            if settings.DOSSIERS_LATE_EXTENSION != LATE_EXTENSION_FLAG:
                raise ExtensionTooLate(
                    _(
                        "An extension must be asked at least one working day before the due "
                        "moment %(due)s."
                    )
                    % {"due": isoformat(dossier.due_at)},
                    due_at=isoformat(dossier.due_at),
                ) from None
            late = True
            # The other conditions still hold: checked as from a moment well before due.
            _check_extension(calendar, dossier=dossier, new_due_at=new_due_at, reason=reason)
        except DeadlineError as error:
            raise ExtensionInvalid(error.message, rule=error.code) from None
        if late:
            raise_flag(
                dossier=dossier,
                code=FlagCode.EXTENSION_LATE,
                at=moment,
                details={"due_at": isoformat(dossier.due_at)},
            )
        previous = dossier.due_at
        dossier.due_at = new_due_at
        dossier.extensions += 1
        dossier.extension_reason = normalize(reason)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="extend",
            status_before=before,
            event=events.DeadlineExtended,
            at=moment,
            note=normalize(reason),
            details={"previous_due_at": isoformat(previous), "late": late},
            event_fields={"due_at": new_due_at},
        )
    return dossier


def _check_extension(
    calendar: engine.WorkCalendar, *, dossier: Dossier, new_due_at: datetime, reason: str
) -> None:
    assert dossier.due_at is not None
    assert dossier.received_at is not None
    try:
        engine.extend(
            calendar,
            due_at=dossier.due_at,
            new_due_at=new_due_at,
            requested_at=dossier.received_at,
            reason=reason,
            extensions_so_far=0,
        )
    except ExtensionTooLateError:
        # The dossier was due less than a working day after receipt: nothing else to check.
        if new_due_at <= dossier.due_at or not normalize(reason):
            raise ExtensionInvalid(_("Give a reason and a later due moment.")) from None
    except DeadlineError as error:
        raise ExtensionInvalid(error.message, rule=error.code) from None


def attach_documents(
    *,
    officer: Any,
    dossier: Dossier,
    documents: Sequence[DocumentInput],
    at: datetime | None = None,
) -> list[Any]:
    """Add documents to an open dossier (status unchanged). Every file is checked first: a bad
    one refuses the upload with a clear message and the dossier keeps all it had.

    Raises NotPermitted, InvalidInput (no documents, or the dossier is closed),
    DocumentRefused, Conflict.
    """
    moment = at or now()
    if not documents:
        raise InvalidInput(_("Send at least one document."), field="documents")
    if dossier.closed_at is not None:
        raise InvalidInput(_("The dossier is closed."), field="documents")
    _require(officer, dossier, "attach-documents")
    checked = inspect_documents(documents)
    with acting(dossier):
        rows = store_documents(dossier=dossier, checked=checked, officer=officer, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="attach-documents",
            status_before=str(dossier.status),
            event=events.DocumentAttached,
            at=moment,
            details={"documents": len(rows)},
        )
    return rows
