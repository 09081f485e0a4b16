"""Intake (Decree 118/2025 Art. 15–18): a dossier enters the system, at any centre.

- `receive_dossier`: a complete dossier at the counter or by post → status 2, with its code
  (Art. 28), due moment (Art. 17.3) and process steps; an incomplete one is not received
  (`DossierIncomplete`, with the missing documents for the supplement-request slip).
- `refuse_at_intake`: an ineligible dossier at the counter or by post → status 3.
- Online dossiers (status 1) are in `services.online`.
Any centre receives any provincial or commune procedure of a boundary-free variant and routes
it to the competent agency (Art. 14, 20).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import uuid4

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVariant, ProcedureVersion, ProcessStep
from motcua.core.clock import now, to_local
from motcua.core.text import normalize
from motcua.dossiers import due_moments, events
from motcua.dossiers.choices import (
    CATALOG_CHANNEL,
    ApplicantKind,
    Channel,
    DossierStatus,
    HandoverKind,
    ReturnMethod,
    Stage,
    StepStatus,
)
from motcua.dossiers.codes import number_dossier
from motcua.dossiers.documents import (
    DocumentInput,
    check_complete,
    inspect_documents,
    missing_documents,
    store_documents,
)
from motcua.dossiers.errors import (
    ChannelNotOffered,
    InvalidInput,
    NotBoundaryFree,
    NotPermitted,
    UnknownAgency,
    UnknownProcedure,
    UnknownServiceCentre,
    UnknownVariant,
)
from motcua.dossiers.intake_references import get_active_centre, get_version_for_intake
from motcua.dossiers.models import Dossier, DossierStep, Handover
from motcua.dossiers.permissions import is_at_centre
from motcua.dossiers.services.recording import commit_act
from motcua.organizations.models import Agency, ServiceCentre
from motcua.organizations.queries import in_effect_on


@dataclass(frozen=True, kw_only=True)
class ApplicantDetails:
    """Who lodges the dossier; ID numbers, phones and addresses never reach logs or audit."""

    name: str
    kind: str = ApplicantKind.CITIZEN
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class IntakeRequest:
    """A dossier as presented at intake: where, which procedure and variant, by whom, what.

    `agency_code` names the competent agency when the catalog cannot (a commune procedure is
    settled by the People's Committee of the commune the applicant chooses); by default the
    procedure's deciding agency, else the receiving centre's own agency.
    """

    service_centre_code: str
    procedure_code: str
    variant_code: str = ""
    channel: int = Channel.COUNTER
    applicant: ApplicantDetails
    documents: Sequence[DocumentInput] = field(default_factory=tuple)
    agency_code: str = ""
    return_method: str = ReturnMethod.COUNTER
    delivery_address: str = ""
    postal_tracking_code: str = ""
    sets: int = 1


@dataclass(frozen=True)
class _Resolved:
    centre: ServiceCentre
    version: ProcedureVersion
    variant: ProcedureVariant
    agency: Agency


def _resolve(request: IntakeRequest, *, at: datetime) -> _Resolved:
    day = to_local(at).date()
    centre = get_active_centre(code=request.service_centre_code)
    if centre is None:
        raise UnknownServiceCentre(
            _("There is no service centre “%(code)s”.") % {"code": request.service_centre_code}
        )
    try:
        version = get_version_for_intake(code=request.procedure_code, on=day)
    except ProcedureVersion.DoesNotExist:
        raise UnknownProcedure(
            _("No procedure “%(code)s” is in force on %(day)s.")
            % {"code": request.procedure_code, "day": day.strftime("%d/%m/%Y")}
        ) from None
    variants = list(version.variants.all())
    variant = next((v for v in variants if v.code == request.variant_code), None)
    if variant is None and not request.variant_code and len(variants) == 1:
        variant = variants[0]
    if variant is None:
        raise UnknownVariant(
            _("The procedure has no case “%(code)s”; choose one of: %(codes)s.")
            % {"code": request.variant_code, "codes": ", ".join(v.code for v in variants)},
            variants=[v.code for v in variants],
        )
    if CATALOG_CHANNEL[Channel(request.channel)] not in variant.channels:
        raise ChannelNotOffered(
            _("This case of the procedure cannot be lodged through this channel."),
            channels=variant.channels,
        )
    agency = _competent_agency(request, version=version, centre=centre, day=day)
    # Decree 118/2025 Art. 14: a boundary-free case is received at any centre of the province;
    # any other case only at the competent agency's own centre.
    if not variant.boundary_free and centre.agency_id not in {agency.pk, agency.parent_id}:
        raise NotBoundaryFree(
            _("This case must be lodged at the competent agency's own service centre.")
        )
    return _Resolved(centre=centre, version=version, variant=variant, agency=agency)


def _competent_agency(
    request: IntakeRequest, *, version: ProcedureVersion, centre: ServiceCentre, day: Any
) -> Agency:
    if request.agency_code:
        agency = Agency.objects.filter(in_effect_on(day), code=request.agency_code).first()
        if agency is None:
            raise UnknownAgency(
                _("There is no agency with code “%(code)s”.") % {"code": request.agency_code}
            )
        return agency
    deciding = version.deciding_agency
    if deciding is not None and deciding.agency is not None:
        return deciding.agency
    return centre.agency


def _check_applicant(applicant: ApplicantDetails) -> None:
    if not normalize(applicant.name):
        raise InvalidInput(_("The applicant's name is required."), field="applicant.name")
    if applicant.kind not in ApplicantKind.values:
        raise InvalidInput(_("Unknown kind of applicant."), field="applicant.kind")


def _new_dossier(
    request: IntakeRequest, resolved: _Resolved, *, status: str, officer: Any, at: datetime
) -> Dossier:
    time = resolved.variant.processing_time_for(channel=CATALOG_CHANNEL[Channel(request.channel)])
    applicant = request.applicant
    return Dossier(
        # A stand-in until `_numbering` gives the real code at the end of the transaction.
        code=f"~{uuid4().hex}",
        status=status,
        channel=request.channel,
        procedure_version=resolved.version,
        variant=resolved.variant,
        service_centre=resolved.centre,
        agency=resolved.agency,
        current_agency=resolved.centre.agency,
        receiving_officer=officer if getattr(officer, "pk", None) else None,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name,
        applicant_id_number=normalize(applicant.id_number),
        applicant_address=normalize(applicant.address),
        applicant_phone=normalize(applicant.phone),
        applicant_email=applicant.email.strip(),
        sets=max(request.sets, 1),
        return_method=request.return_method,
        delivery_address=normalize(request.delivery_address),
        postal_tracking_code=normalize(request.postal_tracking_code),
        processing_time_value=time.value,
        processing_time_unit=time.unit,
        supplement_policy=resolved.variant.supplement_policy,
    )


def _numbering(dossier: Dossier, *, at: datetime) -> Callable[[], None]:
    """Give the dossier its code (Art. 28), as `commit_act`'s save.

    The day's counter row stays locked until the intake commits, so it is taken last: the
    rows that need no code are written before, and concurrent intakes queue only for the
    few statements between the code and the commit (the audit row).
    """

    def number() -> None:
        number_dossier(
            dossier=dossier,
            agency_code=dossier.service_centre.agency.code,
            day=to_local(at).date(),
        )

    return number


def _record_postal_handover(dossier: Dossier, *, officer: Any, at: datetime) -> None:
    """The post hands the dossier to the centre (Decision 45/2016/QĐ-TTg): a hand-over row."""
    Handover.objects.create(
        dossier=dossier,
        kind=HandoverKind.POSTAL,
        from_agency=None,
        from_unit=_("Public postal service"),
        to_agency=dossier.service_centre.agency,
        to_unit=dossier.service_centre.name,
        to_officer=officer if getattr(officer, "pk", None) else None,
        handed_over_at=at,
        completed_at=at,
        note=dossier.postal_tracking_code,
    )


def keep_related(dossier: Dossier, **related: Sequence[Any]) -> None:
    """Hand the rows an intake just wrote to whoever reads the dossier next, as if prefetched
    (`dossier.steps.all()` then needs no query)."""
    cache = getattr(dossier, "_prefetched_objects_cache", {})
    for name, rows in related.items():
        queryset = getattr(dossier, name).all()
        queryset._result_cache = list(rows)
        queryset._prefetch_done = True
        cache[name] = queryset
    dossier._prefetched_objects_cache = cache  # type: ignore[attr-defined]


def _template_steps(dossier: Dossier) -> list[ProcessStep]:
    templates = list(dossier.variant.process_templates.all())
    template = next((t for t in templates if t.agency_id == dossier.agency_id), None) or next(
        (t for t in templates if t.agency_id is None), None
    )
    return sorted(template.steps.all(), key=lambda step: step.order) if template else []


def _default_steps(dossier: Dossier) -> list[ProcessStep]:
    """A process for a variant published without one: intake, handling, approval, return."""
    budget = max(dossier.variant.processing_time.budget_hours(), 4)
    edge = max(budget // 8, 1)
    handling = max(budget - 3 * edge, 1)
    rows = [
        ("Tiếp nhận hồ sơ", "intake", "intake_officer", edge),
        ("Thẩm định hồ sơ", "handling", "handler", handling),
        ("Phê duyệt kết quả", "leadership", "unit_leader", edge),
        ("Trả kết quả", "intake", "intake_officer", edge),
    ]
    return [
        ProcessStep(order=order, name=name, org_unit=unit, role=role, hours=hours)
        for order, (name, unit, role, hours) in enumerate(rows, start=1)
    ]


def _create_steps(
    dossier: Dossier, *, officer: Any, at: datetime, calendar: Any = None
) -> list[DossierStep]:
    """Copy the process; the first step (intake) starts now with the receiving officer."""
    template = _template_steps(dossier) or _default_steps(dossier)
    steps = [
        DossierStep(
            dossier=dossier,
            order=row.order,
            name=row.name,
            org_unit=row.org_unit,
            role=row.role,
            hours=row.hours,
            parallel_group=row.parallel_group,
        )
        for row in template
    ]
    first = steps[0]
    first.status = StepStatus.ACTIVE
    first.agency = dossier.service_centre.agency
    first.handler = officer if getattr(officer, "pk", None) else None
    first.started_at = at
    calendar = calendar or due_moments.work_calendar()
    if dossier.channel == Channel.ONLINE:
        first.due_at = due_moments.add_working_hours(calendar, at, first.hours)
    else:
        first.due_at = due_moments.paper_transfer_due_at(calendar, received_at=at)
    return DossierStep.objects.bulk_create(steps)


def _start_clock(dossier: Dossier, *, at: datetime) -> Any:
    """Start the statutory clock at `at`; return the calendar used."""
    calendar = due_moments.work_calendar()
    dossier.received_at = at
    dossier.due_at = due_moments.receipt_due_at(
        calendar,
        received_at=at,
        value=dossier.processing_time_value,
        unit=dossier.processing_time_unit,
    )
    dossier.first_due_at = dossier.due_at
    dossier.stage = Stage.IN_STEP
    return calendar


def _receipt_facts(dossier: Dossier) -> dict[str, Any]:
    # Without the code: it is given last (`_numbering`); the audit row records it.
    return {
        "procedure": dossier.procedure_version.procedure.code,
        "variant": dossier.variant.code,
        "channel": int(dossier.channel),
        "service_centre": dossier.service_centre.code,
        "agency": dossier.agency.code,
    }


def _require_intake_officer(officer: Any, centre: ServiceCentre) -> None:
    probe = Dossier(service_centre=centre)
    if officer is not None and not is_at_centre(officer, probe):
        raise NotPermitted(_("Only the centre's intake officers may receive dossiers here."))


def receive_dossier(*, officer: Any, request: IntakeRequest, at: datetime | None = None) -> Dossier:
    """Receive a complete dossier at the counter or by post: status 2, code, due moment, steps.

    Raises UnknownServiceCentre, UnknownProcedure, UnknownVariant, UnknownAgency,
    ChannelNotOffered, NotBoundaryFree, InvalidInput, NotPermitted, DossierIncomplete (nothing
    received: the missing documents go on the supplement-request slip) or DocumentRefused.
    """
    moment = at or now()
    if request.channel == Channel.ONLINE:
        raise InvalidInput(_("Online dossiers arrive through submission, not at the counter."))
    _check_applicant(request.applicant)
    resolved = _resolve(request, at=moment)
    _require_intake_officer(officer, resolved.centre)
    check_complete(required=resolved.variant.required_documents.all(), submitted=request.documents)
    checked = inspect_documents(request.documents)
    with transaction.atomic():
        dossier = _new_dossier(
            request, resolved, status=DossierStatus.RECEIVED, officer=officer, at=moment
        )
        calendar = _start_clock(dossier, at=moment)
        dossier.save()
        steps = _create_steps(dossier, officer=officer, at=moment, calendar=calendar)
        documents = store_documents(dossier=dossier, checked=checked, officer=officer, at=moment)
        if dossier.channel == Channel.POSTAL:
            _record_postal_handover(dossier, officer=officer, at=moment)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="receive",
            status_before="",
            numbering=_numbering(dossier, at=moment),
            event=events.DossierReceived,
            at=moment,
            details=_receipt_facts(dossier),
            event_fields={"due_at": dossier.due_at},
        )
    keep_related(dossier, steps=steps, documents=documents, flags=[])
    return dossier


def refuse_at_intake(
    *, officer: Any, request: IntakeRequest, reasons: Sequence[str], at: datetime | None = None
) -> Dossier:
    """Refuse an ineligible dossier at the counter or by post (status 3, refusal slip 03).

    Raises like `receive_dossier` (not DossierIncomplete), and InvalidInput without a reason.
    """
    moment = at or now()
    reasons = _reasons(reasons)
    _check_applicant(request.applicant)
    resolved = _resolve(request, at=moment)
    _require_intake_officer(officer, resolved.centre)
    with transaction.atomic():
        dossier = _new_dossier(
            request, resolved, status=DossierStatus.REFUSED_AT_INTAKE, officer=officer, at=moment
        )
        dossier.closed_at = moment
        dossier.closing_reason = "\n".join(reasons)
        commit_act(
            dossier=dossier,
            officer=officer,
            act="refuse-at-intake",
            status_before="",
            numbering=_numbering(dossier, at=moment),
            event=events.DossierRefusedAtIntake,
            at=moment,
            note=dossier.closing_reason,
            details=_receipt_facts(dossier),
        )
    return dossier


def _reasons(reasons: Sequence[str]) -> list[str]:
    cleaned = [normalize(reason) for reason in reasons if normalize(reason)]
    if not cleaned:
        raise InvalidInput(_("State at least one reason."), field="reasons")
    return cleaned


@dataclass(frozen=True)
class IntakeCheck:
    """What a dossier presented at the counter lacks (Art. 17.1); `missing` is empty when it is
    complete. The supplement-request slip (form 02) of a dossier not received is printed from it."""

    centre: ServiceCentre
    procedure_name: str
    missing: tuple[str, ...]


def check_intake(
    *, officer: Any, request: IntakeRequest, at: datetime | None = None
) -> IntakeCheck:
    """Check a dossier against its variant's mandatory documents without receiving it.

    Writes nothing. Raises like `receive_dossier` (not DossierIncomplete).
    """
    moment = at or now()
    _check_applicant(request.applicant)
    resolved = _resolve(request, at=moment)
    _require_intake_officer(officer, resolved.centre)
    missing = missing_documents(
        required=resolved.variant.required_documents.all(), submitted=request.documents
    )
    return IntakeCheck(
        centre=resolved.centre,
        procedure_name=resolved.version.name,
        missing=tuple(row.name for row in missing),
    )
