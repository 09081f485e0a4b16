"""Online dossiers (Decree 118/2025 Art. 17.2): they arrive in status 1 and intake staff have
8 working hours to accept them (status 2), refuse them (status 3) or return them for
supplement before receipt (status 5, back to 1 when the applicant completes them).

`DossierSubmitted` alerts the centre's intake officers at once; acting after the 8 working
hours is allowed and flagged `intake_late`, and `flag_late_intakes` flags those still waiting.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.clock import isoformat, now
from motcua.dossiers import due_moments, events
from motcua.dossiers.choices import Channel, DossierStatus, FlagCode, PaymentMethod
from motcua.dossiers.documents import (
    DocumentInput,
    check_complete,
    inspect_documents,
    store_documents,
)
from motcua.dossiers.errors import InvalidInput, NotPermitted
from motcua.dossiers.models import Dossier, Payment
from motcua.dossiers.permissions import can_act
from motcua.dossiers.services.intake import (
    IntakeRequest,
    _check_applicant,
    _create_steps,
    _new_dossier,
    _numbering,
    _reasons,
    _receipt_facts,
    _resolve,
    _start_clock,
)
from motcua.dossiers.services.recording import acting, commit_act, move, raise_flag


@dataclass(frozen=True, kw_only=True)
class Prepayment:
    """Fees the applicant paid online before submitting (Art. 24): the order's reference."""

    amount_vnd: int
    reference: str


def submit_application(
    *,
    request: IntakeRequest,
    applicant_user: Any = None,
    prepaid: Prepayment | None = None,
    at: datetime | None = None,
) -> Dossier:
    """An online dossier arrives (status 1); intake has 8 working hours (Art. 17.2).

    `prepaid` records fees already paid online through a gateway on the dossier (a `Payment`
    by the online method; indicator 3.6).

    The `DossierSubmitted` event alerts the centre's intake officers at once (within the 2
    hours of Art. 17.2). Raises like `receive_dossier`, but an incomplete dossier is
    accepted here: intake staff return it for supplement.
    """
    moment = at or now()
    if request.channel != Channel.ONLINE:
        raise InvalidInput(_("Only online dossiers are submitted; others are received."))
    _check_applicant(request.applicant)
    if prepaid is not None and prepaid.amount_vnd <= 0:
        raise InvalidInput(_("The amount paid must be positive."), field="prepaid")
    resolved = _resolve(request, at=moment)
    checked = inspect_documents(request.documents)
    with transaction.atomic():
        dossier = _new_dossier(
            request, resolved, status=DossierStatus.SUBMITTED, officer=None, at=moment
        )
        dossier.applicant_user = applicant_user
        if prepaid is not None:
            dossier.fee_amount_vnd = prepaid.amount_vnd
        dossier.submitted_at = moment
        dossier.intake_due_at = due_moments.intake_due_at(
            due_moments.work_calendar(), submitted_at=moment
        )
        dossier.save()
        store_documents(dossier=dossier, checked=checked, officer=None, at=moment)
        if prepaid is not None:
            _record_prepayment(dossier, prepaid, at=moment)
        commit_act(
            dossier=dossier,
            officer=None,
            act="submit",
            status_before="",
            numbering=_numbering(dossier, at=moment),
            event=events.DossierSubmitted,
            at=moment,
            details=_receipt_facts(dossier),
            event_fields={"intake_due_at": dossier.intake_due_at},
        )
    return dossier


def _record_prepayment(dossier: Dossier, prepaid: Prepayment, *, at: datetime) -> None:
    Payment.objects.create(
        dossier=dossier,
        amount_vnd=prepaid.amount_vnd,
        method=PaymentMethod.ONLINE,
        reference=prepaid.reference,
        paid_at=at,
        recorded_by=None,
    )


def _flag_late_intake(dossier: Dossier, *, at: datetime) -> None:
    if dossier.intake_due_at is not None and at > dossier.intake_due_at:
        raise_flag(
            dossier=dossier,
            code=FlagCode.INTAKE_LATE,
            at=at,
            details={"intake_due_at": isoformat(dossier.intake_due_at)},
        )


def _require(officer: Any, dossier: Dossier, act: str) -> None:
    if not can_act(officer=officer, dossier=dossier, act=act):
        raise NotPermitted(_("You may not perform this act on this dossier."), act=act)


def accept_application(*, officer: Any, dossier: Dossier, at: datetime | None = None) -> Dossier:
    """Accept an online dossier (status 1 → 2): the clock starts and the steps are created.

    Flags `intake_late` past the 8 working hours. Raises ActNotAllowed, NotPermitted,
    DossierIncomplete (return it for supplement instead), Conflict.
    """
    moment = at or now()
    _require(officer, dossier, "receive")
    with acting(dossier):
        before = move(dossier, act="receive")
        check_complete(
            required=dossier.variant.required_documents.all(),
            submitted=[DocumentInput(code=d.required_document.code) for d in _answered(dossier)],
        )
        dossier.receiving_officer = officer
        _start_clock(dossier, at=moment)
        _flag_late_intake(dossier, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="receive",
            status_before=before,
            event=events.DossierReceived,
            at=moment,
            details={"code": dossier.code},
            event_fields={"due_at": dossier.due_at},
        )
        _create_steps(dossier, officer=officer, at=moment)
    return dossier


def _answered(dossier: Dossier) -> list[Any]:
    return list(
        dossier.documents.filter(required_document__isnull=False).select_related(
            "required_document"
        )
    )


def refuse_application(
    *, officer: Any, dossier: Dossier, reasons: Sequence[str], at: datetime | None = None
) -> Dossier:
    """Refuse an online dossier at intake (status 1 → 3). Raises ActNotAllowed, NotPermitted,
    InvalidInput, Conflict."""
    moment = at or now()
    cleaned = _reasons(reasons)
    _require(officer, dossier, "refuse-at-intake")
    with acting(dossier):
        before = move(dossier, act="refuse-at-intake")
        dossier.closed_at = moment
        dossier.closing_reason = "\n".join(cleaned)
        _flag_late_intake(dossier, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="refuse-at-intake",
            status_before=before,
            event=events.DossierRefusedAtIntake,
            at=moment,
            note=dossier.closing_reason,
        )
    return dossier


def return_application(
    *, officer: Any, dossier: Dossier, items: Sequence[str], at: datetime | None = None
) -> Dossier:
    """Send an incomplete online dossier back for supplement before receipt (status 1 → 5).

    This is not the one supplement request of Art. 11.2.c: the dossier is not received yet.
    Raises ActNotAllowed, NotPermitted, InvalidInput, Conflict.
    """
    moment = at or now()
    cleaned = _reasons(items)
    _require(officer, dossier, "return-for-supplement")
    with acting(dossier):
        before = move(dossier, act="return-for-supplement")
        dossier.supplement_items = cleaned
        _flag_late_intake(dossier, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="return-for-supplement",
            status_before=before,
            event=events.DossierReturnedForSupplement,
            at=moment,
            note="\n".join(cleaned),
        )
    return dossier


def resubmit_application(
    *, dossier: Dossier, documents: Sequence[DocumentInput] = (), at: datetime | None = None
) -> Dossier:
    """The applicant completes a returned online dossier (status 5 → 1): a new 8-hour window.

    Raises ActNotAllowed, DocumentRefused, Conflict.
    """
    moment = at or now()
    checked = inspect_documents(documents)
    with acting(dossier):
        before = move(dossier, act="resubmit")
        dossier.submitted_at = moment
        dossier.intake_due_at = due_moments.intake_due_at(
            due_moments.work_calendar(), submitted_at=moment
        )
        store_documents(dossier=dossier, checked=checked, officer=None, at=moment)
        commit_act(
            dossier=dossier,
            officer=None,
            act="resubmit",
            status_before=before,
            event=events.DossierSubmitted,
            at=moment,
            event_fields={"intake_due_at": dossier.intake_due_at},
        )
    return dossier


def flag_late_intakes(*, at: datetime | None = None) -> list[str]:
    """Flag every online dossier still waiting past its 8 working hours (Art. 17.2).

    Run periodically (`motcua dossiers sweep`); returns the codes newly flagged.
    """
    moment = at or now()
    flagged = []
    waiting = Dossier.objects.filter(status=DossierStatus.SUBMITTED, intake_due_at__lt=moment)
    for dossier in waiting.exclude(flags__code=FlagCode.INTAKE_LATE):
        with transaction.atomic():
            if raise_flag(
                dossier=dossier,
                code=FlagCode.INTAKE_LATE,
                at=moment,
                details={"intake_due_at": isoformat(dossier.intake_due_at)}
                if dossier.intake_due_at
                else {},
            ):
                flagged.append(dossier.code)
    return flagged
