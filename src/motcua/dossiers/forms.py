"""The official forms of a dossier: its facts poured into the documents app's typed contexts.

01 receipt and appointment · 02 supplement request · 03 refusal · 04 apology and extension ·
05 stop notice · 06 processing control slip · 07 dossier register (PDF and xlsx). The forms
never read models: these builders do, and `documents.rendering` lays them out.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from motcua.core.clock import parse_moment, to_local
from motcua.documents.contexts import (
    Applicant,
    ControlSlipContext,
    ExtensionContext,
    FormContext,
    Handover,
    Issuer,
    ReceiptContext,
    RefusalContext,
    RegisterContext,
    RegisterEntry,
    ResultDelivery,
    Signer,
    StopNoticeContext,
    SubmittedDocument,
    SupplementRequestContext,
    Timeliness,
)
from motcua.documents.register_workbook import register_workbook
from motcua.documents.rendering import render_form_pdf
from motcua.dossiers.choices import DossierStatus, ReturnMethod
from motcua.dossiers.due_moments import timeliness
from motcua.dossiers.errors import DossierError
from motcua.dossiers.lookup_secrets import printed_lookup_secret
from motcua.dossiers.models import Dossier
from motcua.dossiers.notifications import lookup_url
from motcua.organizations.models import AdministrativeUnit, ServiceCentre

UNIT_WORDS = {
    "working_hours": "giờ làm việc",
    "working_days": "ngày làm việc",
    "calendar_days": "ngày",
    "months": "tháng",
}
DELIVERY = {
    ReturnMethod.COUNTER: ResultDelivery.COUNTER,
    ReturnMethod.POSTAL: ResultDelivery.POST,
    ReturnMethod.ONLINE: ResultDelivery.ONLINE,
}
PROVINCE_PREFIXES = ("Tỉnh ", "Thành phố ")


class FormNotApplicable(DossierError):
    """The dossier has no such paper (no extension granted, not stopped…)."""

    code = "form_not_applicable"
    status = 409


def _place(unit: AdministrativeUnit) -> str:
    top = unit
    while top.parent_id is not None and top.parent is not None:
        top = top.parent
    name = top.name
    for prefix in PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def issuer_of(centre: ServiceCentre) -> Issuer:
    """The receiving centre, under the body it belongs to, dated at the province's name."""
    return Issuer(name=centre.name, place=_place(centre.unit), parent_name=centre.agency.name)


def _applicant(dossier: Dossier) -> Applicant:
    return Applicant(
        name=dossier.applicant_name,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
    )


def processing_time_text(dossier: Dossier) -> str:
    """e.g. "03 ngày làm việc" (two digits, as printed on receipts)."""
    words = UNIT_WORDS.get(dossier.processing_time_unit, dossier.processing_time_unit)
    return f"{dossier.processing_time_value:02d} {words}"


def _issued_on(dossier: Dossier, moment: Any = None) -> date:
    return to_local(
        moment or dossier.received_at or dossier.submitted_at or dossier.created_at
    ).date()


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise FormNotApplicable(message)


def receipt_context(dossier: Dossier) -> ReceiptContext:
    """Form 01, for a received dossier. Raises FormNotApplicable before receipt."""
    _require(
        dossier.received_at is not None and dossier.due_at is not None,
        _("The dossier was not received: there is no receipt."),
    )
    assert dossier.received_at is not None
    assert dossier.due_at is not None
    documents = tuple(
        SubmittedDocument(name=document.title, originals=document.originals, copies=document.copies)
        for document in dossier.documents.order_by("pk")
    )
    return ReceiptContext(
        issuer=issuer_of(dossier.service_centre),
        issued_on=_issued_on(dossier),
        dossier_code=dossier.code,
        lookup_url=lookup_url(dossier.code, dossier.lookup_secret),
        lookup_secret=printed_lookup_secret(dossier.lookup_secret),
        applicant=_applicant(dossier),
        procedure_name=dossier.procedure_version.name,
        documents=documents,
        sets=dossier.sets,
        processing_time=processing_time_text(dossier),
        received_at=dossier.received_at,
        due_at=dossier.first_due_at or dossier.due_at,
        result_delivery=DELIVERY[ReturnMethod(dossier.return_method)],
        delivery_address=dossier.delivery_address,
        register_book=str(to_local(dossier.received_at).year),
        register_number=dossier.code.rsplit("-", 1)[-1],
        officer_name=str(dossier.receiving_officer or ""),
    )


def supplement_request_context(dossier: Dossier) -> SupplementRequestContext:
    """Form 02: what the applicant must supplement. Raises FormNotApplicable when nothing was
    asked."""
    _require(bool(dossier.supplement_items), _("No supplement was requested of this dossier."))
    entry = dossier.timeline.filter(act__in=["request-supplement", "return-for-supplement"]).last()
    return SupplementRequestContext(
        issuer=issuer_of(dossier.service_centre),
        issued_on=_issued_on(dossier, entry.at if entry else None),
        dossier_code=dossier.code,
        applicant=_applicant(dossier),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at,
        requests=tuple(dossier.supplement_items),
        contact_name=entry.actor_label if entry else "",
        contact_phone=dossier.service_centre.phone,
        officer_name=entry.actor_label if entry else "",
    )


def intake_supplement_request_context(
    *, check: Any, applicant: Applicant, officer_name: str, on: date
) -> SupplementRequestContext:
    """Form 02 for a dossier not received because it is incomplete (Art. 17.1): `check` is a
    `services.IntakeCheck`. Raises FormNotApplicable when nothing is missing."""
    _require(bool(check.missing), _("Nothing is missing: the dossier can be received."))
    return SupplementRequestContext(
        issuer=issuer_of(check.centre),
        issued_on=on,
        dossier_code="",
        applicant=applicant,
        procedure_name=check.procedure_name,
        requests=tuple(check.missing),
        contact_name=officer_name,
        contact_phone=check.centre.phone,
        officer_name=officer_name,
    )


def refusal_context(dossier: Dossier) -> RefusalContext:
    """Form 03, for a dossier refused at intake or after appraisal."""
    _require(
        dossier.status in (DossierStatus.REFUSED_AT_INTAKE, DossierStatus.STOPPED),
        _("The dossier was not refused."),
    )
    entry = dossier.timeline.filter(act__in=["refuse-at-intake", "refuse", "stop"]).last()
    return RefusalContext(
        issuer=issuer_of(dossier.service_centre),
        issued_on=_issued_on(dossier, dossier.closed_at),
        dossier_code=dossier.code,
        applicant=_applicant(dossier),
        procedure_name=dossier.procedure_version.name,
        reasons=tuple(line for line in dossier.closing_reason.splitlines() if line) or ("—",),
        officer_name=entry.actor_label if entry else "",
    )


def _signer(label: str) -> Signer:
    return Signer(position="Thủ trưởng cơ quan", name=label)


def extension_context(dossier: Dossier) -> ExtensionContext:
    """Form 04, for the dossier's one extension."""
    entry = dossier.timeline.filter(act="extend").last()
    _require(entry is not None and dossier.due_at is not None, _("The dossier was not extended."))
    assert entry is not None
    assert dossier.received_at is not None
    assert dossier.due_at is not None
    return ExtensionContext(
        issuer=Issuer(
            name=dossier.current_agency.name,
            place=_place(dossier.service_centre.unit),
            parent_name=dossier.current_agency.parent.name if dossier.current_agency.parent else "",
        ),
        issued_on=_issued_on(dossier, entry.at),
        dossier_code=dossier.code,
        applicant=_applicant(dossier),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at,
        due_at=parse_moment(entry.details["previous_due_at"]),
        new_due_at=dossier.due_at,
        reason=dossier.extension_reason,
        signer=_signer(entry.actor_label),
        recipients=(dossier.applicant_name, _("Filed")),
    )


def stop_notice_context(dossier: Dossier) -> StopNoticeContext:
    """Form 05, for a withdrawn or stopped dossier."""
    _require(
        dossier.status in (DossierStatus.WITHDRAWN, DossierStatus.STOPPED),
        _("The dossier was neither withdrawn nor stopped."),
    )
    entry = dossier.timeline.filter(act__in=["withdraw", "refuse", "stop"]).last()
    return StopNoticeContext(
        issuer=issuer_of(dossier.service_centre),
        issued_on=_issued_on(dossier, dossier.closed_at),
        dossier_code=dossier.code,
        applicant=_applicant(dossier),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at or dossier.created_at,
        reason=dossier.closing_reason or "—",
        signer=_signer(entry.actor_label if entry else ""),
        recipients=(dossier.applicant_name,),
    )


def control_slip_context(dossier: Dossier) -> ControlSlipContext:
    """Form 06: every hand-over with its time and early / on time / late."""
    _require(dossier.received_at is not None, _("The dossier was not received."))
    assert dossier.received_at is not None
    handovers = tuple(
        Handover(
            from_unit=row.from_unit,
            from_person=str(row.from_officer or ""),
            to_unit=row.to_unit,
            to_person=str(row.to_officer or ""),
            handed_over_at=row.handed_over_at,
            timeliness=_timeliness(row.due_at, row.completed_at),
            note=row.note,
        )
        for row in dossier.handovers.select_related("from_officer", "to_officer")
    )
    partners = sorted(
        {row.to_agency.name for row in dossier.handovers.select_related("to_agency")}
        - {dossier.agency.name, dossier.service_centre.agency.name}
    )
    return ControlSlipContext(
        issuer=issuer_of(dossier.service_centre),
        issued_on=_issued_on(dossier),
        dossier_code=dossier.code,
        applicant=_applicant(dossier),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at or dossier.received_at,
        lead_agency=dossier.agency.name,
        partner_agencies=tuple(partners),
        handovers=handovers,
    )


def _timeliness(due_at: Any, finished_at: Any) -> Timeliness | None:
    found = timeliness(due_at=due_at, finished_at=finished_at)
    return Timeliness(found) if found else None


def register_context(
    *, centre: ServiceCentre, dossiers: Iterable[Dossier], period_from: date, period_to: date
) -> RegisterContext:
    """Form 07: the register of the dossiers a centre received in a period."""
    entries = []
    for dossier in dossiers:
        if dossier.received_at is None or dossier.due_at is None:
            continue
        # Read from the prefetched rows when the caller prefetched them (one query per page).
        first_handover = min(
            dossier.handovers.all(), key=lambda row: row.handed_over_at, default=None
        )
        entries.append(
            RegisterEntry(
                dossier_code=dossier.code,
                procedure_name=dossier.procedure_version.name,
                sets=dossier.sets,
                applicant=_applicant(dossier),
                lead_agency=dossier.agency.name,
                received_at=dossier.received_at,
                due_at=dossier.due_at,
                transferred_at=first_handover.handed_over_at if first_handover else None,
                result_received_at=dossier.decided_at,
                returned_at=dossier.returned_at,
            )
        )
    return RegisterContext(
        issuer=issuer_of(centre),
        issued_on=period_to,
        book=str(period_to.year),
        period_from=period_from,
        period_to=period_to,
        entries=tuple(entries),
    )


def register_xlsx(**kwargs: Any) -> bytes:
    """Form 07 as a workbook (same arguments as `register_context`)."""
    return register_workbook(context=register_context(**kwargs))


FORM_BUILDERS: dict[str, Callable[[Dossier], FormContext]] = {
    "receipt": receipt_context,
    "supplement-request": supplement_request_context,
    "refusal": refusal_context,
    "extension": extension_context,
    "stop-notice": stop_notice_context,
    "control-slip": control_slip_context,
}


def render_dossier_form(*, dossier: Dossier, form: str) -> bytes:
    """The PDF of form `form` (a key of FORM_BUILDERS) for the dossier.

    Raises KeyError for an unknown form, FormNotApplicable when the dossier has no such paper.
    """
    return render_form_pdf(context=FORM_BUILDERS[form](dossier))
