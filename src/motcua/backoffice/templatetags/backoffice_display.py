"""Showing dossier values on back-office pages: amounts, act names, labels of choices."""

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.catalog.choices import TimeUnit
from motcua.dossiers.choices import DossierStatus

register = template.Library()

ACT_LABELS: dict[str, str | Promise] = {
    "submit": _("Submitted online"),
    "receive": _("Received"),
    "refuse-at-intake": _("Refused at intake"),
    "return-for-supplement": _("Returned for completion"),
    "resubmit": _("Resubmitted"),
    "assign": _("Step taken or given"),
    "complete-step": _("Step completed"),
    "transfer": _("Transferred"),
    "return-step": _("Sent back"),
    "recall": _("Recalled"),
    "consult": _("Consultation sent"),
    "answer-consultation": _("Consultation answered"),
    "request-supplement": _("Supplement requested"),
    "receive-supplement": _("Supplement received"),
    "request-payment": _("Payment requested"),
    "record-payment": _("Payment recorded"),
    "withdraw": _("Withdrawn"),
    "refuse": _("Refused"),
    "extend": _("Extended, with apology"),
    "approve-result": _("Result approved"),
    "return-result": _("Result returned"),
    "attach-documents": _("Documents added"),
    "stop": _("Stopped: no supplement"),
}


@register.filter
def amount_vnd(amount: int | None) -> str:
    """150000 → "150.000 VND" (Vietnamese groups thousands with a dot)."""
    return f"{amount or 0:,} VND".replace(",", ".")


@register.filter
def act_label(act: str) -> str:
    return str(ACT_LABELS.get(act, act))


@register.filter
def status_label(status: str) -> str:
    return str(DossierStatus(status).label) if status in DossierStatus.values else status or "—"


@register.filter
def time_unit(unit: str) -> str:
    """ "working_days" → "working days" (the catalog's words for its units)."""
    return str(TimeUnit(unit).label) if unit in TimeUnit.values else unit
