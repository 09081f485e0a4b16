"""State changes of online applications: start a draft, save it, upload to its checklist, pay
its fees, submit it as a dossier; and what the applicant does to a submitted dossier.

Drafts are the applicant's private working copies with no legal effect: saving one (which
the page does on every change) writes no audit row, so autosave never queues behind the
audit chain's lock. Everything else is audited. Submission hands over to
`dossiers.services.submit_application` (status 1, the 8-working-hour intake clock).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Representation, User
from motcua.accounts.queries import list_represented, profile_prefill
from motcua.applications import queries
from motcua.applications.application_forms import APPLICANT_FIELDS, plain_value
from motcua.applications.definitions import get_form_definition
from motcua.applications.errors import (
    ApplicationInvalid,
    DocumentRefused,
    DocumentsMissing,
    DraftNotFound,
    DraftSubmitted,
    NothingToPay,
    NotOnline,
    PaymentRequired,
    SubmissionRefused,
)
from motcua.applications.models import ApplicationDraft, DraftDocument
from motcua.audit.services import record_audit
from motcua.catalog.choices import OnlineLevel
from motcua.catalog.models import ProcedureVariant
from motcua.core.clock import now
from motcua.core.uploads import UploadRefused, inspect_upload, store_upload
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import ApplicantKind, Channel, DossierStatus
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.payments.choices import PaymentStatus
from motcua.payments.models import PaymentOrder
from motcua.payments.services import FeeLine, assign_order_to_dossier, create_payment_order


def start_draft(
    *, applicant: User, variant: ProcedureVariant, representation: Representation | None = None
) -> ApplicationDraft:
    """Open a draft for `variant`, prefilled from the applicant's proved profile (or from the
    represented person's details). Raises NotOnline for a variant not offered online, and
    NotOnline too for a representation that is not the applicant's current one."""
    if variant.online_level == OnlineLevel.NONE:
        raise NotOnline(_("This procedure cannot be applied for online."))
    if (
        representation is not None
        and not list_represented(user=applicant).filter(pk=representation.pk).exists()
    ):
        raise NotOnline(_("You may not apply on behalf of this person or organisation."))
    profile = profile_prefill(user=applicant)
    values = {
        "applicant_name": profile["organization_name"] or profile["full_name"],
        "applicant_id_number": profile["tax_code"] or profile["national_id"],
        "applicant_phone": profile["phone"],
        "applicant_email": profile["email"],
        "applicant_address": profile["address"],
        "return_method": "online",
    }
    if representation is not None:
        values["applicant_name"] = representation.represented_name
        values["applicant_id_number"] = (
            representation.represented_tax_code or representation.represented_national_id
        )
        values["applicant_address"] = ""
    with transaction.atomic():
        draft = ApplicationDraft.objects.create(
            owner=applicant,
            representation=representation,
            variant=variant,
            values={key: value or "" for key, value in values.items()},
        )
        record_audit(
            actor=applicant,
            action="application.draft_started",
            target=draft,
            after={"variant": variant.pk, "on_behalf": representation is not None},
        )
    return draft


def save_draft(
    *, applicant: User, draft: ApplicationDraft, values: Mapping[str, str]
) -> ApplicationDraft:
    """Keep the answers as typed (valid or not: a draft may be unfinished). Only the form's
    own fields are kept. Raises DraftSubmitted."""
    _check_open(applicant, draft)
    names = set(APPLICANT_FIELDS) | {
        item.name for item in get_form_definition(variant=draft.variant).fields
    }
    draft.values = {
        **draft.values,
        **{key: str(value)[:5000] for key, value in values.items() if key in names},
    }
    draft.updated_at = now()
    draft.save(update_fields=["values", "updated_at"])
    return draft


def attach_draft_document(
    *, applicant: User, draft: ApplicationDraft, required_document_code: str, file: File
) -> DraftDocument:
    """Upload a file for one checklist item, replacing the item's previous file.

    The file is checked by its content first (`core.uploads`): a refused upload changes
    nothing and the draft keeps its answers and other files. Raises DraftSubmitted,
    DocumentRefused (with `upload_code`: kind_not_allowed, file_too_large, content_mismatch,
    damaged_file, …), DocumentsMissing for an item that is not on the checklist.
    """
    _check_open(applicant, draft)
    requirement = draft.variant.required_documents.filter(code=required_document_code).first()
    if requirement is None:
        raise DocumentsMissing(_("This document is not on the checklist of this procedure."))
    try:
        inspected = inspect_upload(file=file, max_bytes=settings.DOSSIERS_UPLOAD_MAX_BYTES)
    except UploadRefused as refusal:
        raise DocumentRefused(
            refusal.message, upload_code=refusal.code, item=required_document_code
        ) from refusal
    stored = store_upload(file=file, inspected=inspected, folder=f"drafts/{draft.public_id}")
    with transaction.atomic():
        document, _created = DraftDocument.objects.update_or_create(
            draft=draft,
            required_document=requirement,
            defaults={
                "file": stored,
                "original_name": inspected.original_name_nfc[:255],
                "kind": str(inspected.kind),
                "mime_type": inspected.mime,
                "size_bytes": inspected.size,
                "sha256": inspected.sha256,
                "uploaded_at": now(),
            },
        )
        draft.updated_at = now()
        draft.save(update_fields=["updated_at"])
        record_audit(
            actor=applicant,
            action="application.document_uploaded",
            target=draft,
            after={"item": required_document_code, "sha256": inspected.sha256},
        )
    return document


def remove_draft_document(
    *, applicant: User, draft: ApplicationDraft, required_document_code: str
) -> None:
    """Take a file off a checklist item. Raises DraftSubmitted."""
    _check_open(applicant, draft)
    with transaction.atomic():
        removed, _kinds = draft.documents.filter(
            required_document__code=required_document_code
        ).delete()
        if removed:
            record_audit(
                actor=applicant,
                action="application.document_removed",
                target=draft,
                after={"item": required_document_code},
            )


def start_draft_payment(*, applicant: User, draft: ApplicationDraft, gateway: str) -> PaymentOrder:
    """Open a payment order for the variant's fees before submission (Art. 24), or return the
    pending one. Raises DraftSubmitted, NothingToPay (no fee, or already paid)."""
    _check_open(applicant, draft)
    fees = list(draft.variant.fees.all())
    if not fees:
        raise NothingToPay(_("This procedure has no fee to pay."))
    order = draft.payment_order
    if order is not None and order.status == PaymentStatus.PAID:
        raise NothingToPay(_("The fees of this application are already paid."))
    if order is not None and order.status == PaymentStatus.PENDING:
        return order
    with transaction.atomic():
        order = create_payment_order(
            payer=applicant,
            purpose=_fee_purpose(draft.variant),
            fee_lines=[
                FeeLine(label=fee.name, amount_vnd=fee.amount_vnd, fee_code=str(fee.pk))
                for fee in fees
            ],
            gateway=gateway,
        )
        draft.payment_order = order
        draft.save(update_fields=["payment_order"])
    return order


def start_dossier_payment(*, applicant: User, dossier: Dossier, gateway: str) -> PaymentOrder:
    """Open a payment order for what a dossier awaiting payment (status 6) asks; when the
    gateway confirms it, `dossiers.payment_listeners` records it on the dossier.
    Raises NothingToPay when the dossier awaits no payment."""
    if dossier.status != DossierStatus.AWAITING_PAYMENT or dossier.fee_amount_vnd <= 0:
        raise NothingToPay(_("This dossier awaits no payment."))
    return create_payment_order(
        payer=applicant,
        purpose=_("Fees of dossier %(code)s") % {"code": dossier.code},
        fee_lines=[FeeLine(label=_fee_purpose(dossier.variant), amount_vnd=dossier.fee_amount_vnd)],
        gateway=gateway,
        dossier_code=dossier.code,
    )


def _fee_purpose(variant: ProcedureVariant) -> str:
    return (_("Fees: %(name)s") % {"name": variant.version.name})[:300]


@dataclass(frozen=True)
class _Checked:
    values: dict[str, Any]
    documents: list[DraftDocument]


def check_draft(*, draft: ApplicationDraft) -> _Checked:
    """Validate the whole draft as submission would. Raises ApplicationInvalid (field
    errors), DocumentsMissing (mandatory checklist items without a file), PaymentRequired."""
    form = queries.application_form(draft=draft, data=draft.values)
    if not form.is_valid():
        raise ApplicationInvalid(
            {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        )
    documents = list(draft.documents.select_related("required_document"))
    given = {document.required_document.code for document in documents}
    missing = [
        row
        for row in draft.variant.required_documents.all()
        if row.mandatory and row.code not in given
    ]
    if missing:
        raise DocumentsMissing(
            _("Upload the mandatory documents: %(names)s.")
            % {"names": "; ".join(row.name for row in missing)},
            missing=[row.code for row in missing],
        )
    if queries.payment_due_before_submission(draft=draft) and not queries.is_draft_paid(
        draft=draft
    ):
        raise PaymentRequired(_("Pay the fees before submitting this application."))
    return _Checked(
        values={name: plain_value(value) for name, value in form.cleaned_data.items()},
        documents=documents,
    )


def submit_draft(
    *, applicant: User, draft: ApplicationDraft, at: datetime | None = None
) -> Dossier:
    """Submit the draft as an online dossier (status 1; Decree 118/2025 Art. 17.2).

    Fees paid before submission are recorded on the dossier as paid online (indicator 3.6).
    Raises DraftSubmitted, ApplicationInvalid, DocumentsMissing, PaymentRequired,
    SubmissionRefused (the dossier services' refusal, with its message).
    """
    moment = at or now()
    _check_open(applicant, draft)
    checked = check_draft(draft=draft)
    values = checked.values
    kind = _applicant_kind(applicant, draft.representation)
    request = dossier_services.IntakeRequest(
        service_centre_code=values["service_centre"],
        procedure_code=draft.variant.version.procedure.code,
        variant_code=draft.variant.code,
        channel=Channel.ONLINE,
        applicant=dossier_services.ApplicantDetails(
            name=values["applicant_name"],
            kind=kind,
            id_number=values["applicant_id_number"],
            address=values["applicant_address"],
            phone=values["applicant_phone"],
            email=values.get("applicant_email") or "",
        ),
        documents=[],
        return_method=values["return_method"],
        delivery_address=values.get("delivery_address") or "",
    )
    order = draft.payment_order if queries.is_draft_paid(draft=draft) else None
    files = [(document, document.file.open("rb")) for document in checked.documents]
    try:
        request = _with_documents(request, files)
        with transaction.atomic():
            try:
                dossier = dossier_services.submit_application(
                    request=request,
                    applicant_user=applicant,
                    prepaid=dossier_services.Prepayment(
                        amount_vnd=order.amount_vnd, reference=order.reference
                    )
                    if order is not None
                    else None,
                    at=moment,
                )
            except DossierError as error:
                raise SubmissionRefused(error.message, dossier_code=error.code) from error
            if order is not None:
                assign_order_to_dossier(order=order, dossier_code=dossier.code, actor=applicant)
            draft.dossier = dossier
            draft.values = {**draft.values, **{k: str(v) for k, v in values.items()}}
            draft.submitted_at = moment
            draft.updated_at = moment
            draft.save(update_fields=["dossier", "values", "submitted_at", "updated_at"])
            record_audit(
                actor=applicant,
                action="application.submitted",
                target=draft,
                after={"dossier": dossier.code, "prepaid": order is not None},
            )
    finally:
        for _document, handle in files:
            handle.close()
    return dossier


def _with_documents(
    request: dossier_services.IntakeRequest, files: Sequence[tuple[DraftDocument, Any]]
) -> dossier_services.IntakeRequest:
    documents = [
        DocumentInput(
            code=document.required_document.code,
            title=document.required_document.name,
            originals=document.required_document.originals,
            copies=document.required_document.copies,
            file=File(handle, name=document.original_name),
        )
        for document, handle in files
    ]
    return dossier_services.IntakeRequest(**{**request.__dict__, "documents": documents})


def _applicant_kind(applicant: User, representation: Representation | None) -> str:
    if representation is not None:
        return (
            ApplicantKind.CITIZEN
            if representation.represented_kind == "citizen"
            else ApplicantKind.BUSINESS
        )
    return ApplicantKind.BUSINESS if applicant.kind == "business" else ApplicantKind.CITIZEN


def _check_open(applicant: User, draft: ApplicationDraft) -> None:
    if draft.owner_id != applicant.pk:
        raise DraftNotFound()
    if draft.is_submitted:
        raise DraftSubmitted()


def supplement_dossier(
    *,
    applicant: User,
    dossier: Dossier,
    files: Mapping[str, File],
    at: datetime | None = None,
) -> Dossier:
    """The applicant answers a supplement request online with the asked-for files.

    After receipt (Art. 11.2.c) the dossier goes back to processing through
    `receive_supplement`; an online dossier returned before receipt is submitted again
    through `resubmit_application` (a new 8-working-hour window). Raises DocumentsMissing (no
    file), SubmissionRefused (the dossier's refusal: status, a refused file).
    """
    if not files:
        raise DocumentsMissing(_("Upload at least one file that was asked for."))
    required = {row.code: row for row in dossier.variant.required_documents.all()}
    documents = [
        DocumentInput(
            code=code if code in required else "",
            title=required[code].name if code in required else _other_title(dossier, required),
            file=file,
        )
        for code, file in files.items()
    ]
    try:
        if dossier.received_at is None:
            return dossier_services.resubmit_application(
                dossier=dossier, documents=documents, at=at
            )
        return dossier_services.receive_supplement(
            officer=applicant, dossier=dossier, documents=documents, at=at
        )
    except DossierError as error:
        raise SubmissionRefused(error.message, dossier_code=error.code) from error


def _other_title(dossier: Dossier, required: Mapping[str, Any]) -> str:
    """The title of a file given for no required document: what the request asked for besides
    the required documents, as the officer wrote it, or "Supplement" when it asked for none."""
    names = {row.name for row in required.values()}
    asked = [str(item) for item in dossier.supplement_items if str(item) not in names]
    return "; ".join(asked)[:300] if asked else str(_("Supplement"))


def withdraw_application(
    *, applicant: User, dossier: Dossier, reason: str, at: datetime | None = None
) -> Dossier:
    """The applicant withdraws the dossier (status 7).

    Decree 118/2025 Art. 21 makes stopping before the decision the applicant's own right, not
    a request an officer grants: the applicant's request performs `withdraw_dossier` at once
    (the stop notice 05 follows). Raises SubmissionRefused after the decision or for an empty
    reason.
    """
    try:
        return dossier_services.withdraw_dossier(
            officer=applicant, dossier=dossier, reason=reason, at=at
        )
    except DossierError as error:
        raise SubmissionRefused(error.message, dossier_code=error.code) from error
