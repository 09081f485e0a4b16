"""Reads of applications and of the applicant's own dossiers, scoped to the asking applicant.

An applicant sees the drafts they own and the dossiers they submitted online (for themselves
or for someone they represent); missing and someone else's look the same. The timeline shows
only what concerns the applicant: acts that change the status or the due moment, never the
internal hand-overs, assignments or consultations, and never officers' names.
"""

from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.applications.application_forms import ApplicationForm
from motcua.applications.definitions import PaymentTiming, get_form_definition
from motcua.applications.errors import DraftNotFound
from motcua.applications.models import ApplicationDraft
from motcua.catalog.models import ProcedureVariant, ProcedureVersion
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.organizations.models import ServiceCentre
from motcua.payments.choices import PaymentStatus

__all__ = ["DraftNotFound"]

# Acts the applicant is told about (the status changes and due-moment changes they live by).
APPLICANT_VISIBLE_ACTS = frozenset(
    {
        "submit",
        "resubmit",
        "receive",
        "refuse-at-intake",
        "return-for-supplement",
        "request-supplement",
        "receive-supplement",
        "request-payment",
        "record-payment",
        "extend",
        "withdraw",
        "refuse",
        "stop",
        "approve-result",
        "return-result",
    }
)
# Acts whose note is addressed to the applicant (what to supplement, why refused or extended).
ACTS_WITH_NOTES_FOR_APPLICANT = frozenset(
    {
        "return-for-supplement",
        "request-supplement",
        "refuse-at-intake",
        "refuse",
        "extend",
        "withdraw",
    }
)


def get_draft_for_applicant(*, applicant: User, public_id: str | UUID) -> ApplicationDraft:
    """The applicant's own draft. Raises DraftNotFound (also for another's draft)."""
    try:
        key = UUID(str(public_id))
    except ValueError:
        raise DraftNotFound() from None
    draft = (
        ApplicationDraft.objects.select_related(
            "variant__version__procedure", "payment_order", "dossier", "representation"
        )
        .prefetch_related("documents__required_document")
        .filter(owner=applicant, public_id=key)
        .first()
    )
    if draft is None:
        raise DraftNotFound()
    return draft


def list_open_drafts(*, applicant: User) -> QuerySet[ApplicationDraft]:
    """The applicant's drafts not submitted yet, most recently changed first."""
    return (
        ApplicationDraft.objects.filter(owner=applicant, dossier__isnull=True)
        .select_related("variant__version")
        .order_by("-updated_at", "-pk")
    )


def list_online_variants(*, version: ProcedureVersion) -> list[ProcedureVariant]:
    """The variants of a procedure version that may be applied for online."""
    return [variant for variant in version.variants.all() if variant.online_level != "none"]


def list_receiving_centres() -> list[tuple[str, str]]:
    """Service centres in service, as (code, name) choices: the province's first."""
    centres = ServiceCentre.objects.filter(is_active=True).select_related("level")
    return [
        (centre.code, centre.name) for centre in centres.order_by("level__rank", "name", "code")
    ]


def application_form(
    *,
    draft: ApplicationDraft,
    data: Any = None,
    centres: list[tuple[str, str]] | None = None,
) -> ApplicationForm:
    """The form of the draft's variant, bound to `data` (unbound when None)."""
    representation = draft.representation
    business = (
        representation.represented_kind != "citizen"
        if representation is not None
        else draft.owner.kind == "business"
    )
    return ApplicationForm(
        data,
        definition=get_form_definition(variant=draft.variant),
        centres=centres if centres is not None else list_receiving_centres(),
        postal=draft.variant.postal,
        business=business,
    )


def payment_due_before_submission(*, draft: ApplicationDraft) -> bool:
    """Whether the procedure asks for its fees before the dossier is submitted."""
    definition = get_form_definition(variant=draft.variant)
    return definition.payment == PaymentTiming.BEFORE_SUBMISSION and any(
        fee.amount_vnd > 0 for fee in draft.variant.fees.all()
    )


def is_draft_paid(*, draft: ApplicationDraft) -> bool:
    order = draft.payment_order
    return order is not None and order.status == PaymentStatus.PAID


def get_draft_for_payment(*, applicant: User, reference: str) -> ApplicationDraft | None:
    """The applicant's draft whose fees an order pays, if any."""
    return (
        ApplicationDraft.objects.filter(owner=applicant, payment_order__reference=reference)
        .select_related("dossier")
        .first()
    )


def _own_dossiers(applicant: User) -> QuerySet[Dossier]:
    if not getattr(applicant, "pk", None):
        return Dossier.objects.none()
    return Dossier.objects.filter(applicant_user=applicant)


def list_dossiers_for_applicant(*, applicant: User) -> QuerySet[Dossier]:
    """The dossiers the applicant submitted online, the most recent first."""
    return (
        _own_dossiers(applicant)
        .select_related("procedure_version")
        .order_by("-submitted_at", "-pk")
    )


def get_dossier_for_applicant(*, applicant: User, code: str) -> Dossier:
    """The applicant's own dossier. Raises DossierNotFound (missing and another's alike)."""
    dossier = (
        _own_dossiers(applicant)
        .filter(code=code)
        .select_related("procedure_version__procedure", "variant", "service_centre")
        .prefetch_related(
            Prefetch("variant__required_documents"),
            Prefetch("documents"),
        )
        .first()
    )
    if dossier is None:
        raise DossierNotFound(_("There is no dossier “%(code)s” of yours.") % {"code": code})
    return dossier


def list_applicant_timeline(*, dossier: Dossier) -> list[dict[str, Any]]:
    """The acts on the dossier the applicant is told about, oldest first (no officer names;
    notes only where they are addressed to the applicant)."""
    entries = dossier.timeline.filter(act__in=APPLICANT_VISIBLE_ACTS).order_by("at", "pk")
    return [
        {
            "at": entry.at,
            "act": entry.act,
            "status": entry.status_after,
            "note": entry.note if entry.act in ACTS_WITH_NOTES_FOR_APPLICANT else "",
        }
        for entry in entries
    ]
