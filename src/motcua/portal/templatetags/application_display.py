"""Template filters of the applicant's pages: status labels, acts, due moments."""

from datetime import datetime

from django import template
from django.utils.translation import gettext_lazy as _

from motcua.core.clock import to_local
from motcua.dossiers.choices import DossierStatus

register = template.Library()

ACT_LABELS = {
    "submit": _("Submitted online"),
    "resubmit": _("Submitted again, completed"),
    "receive": _("Received; processing time starts"),
    "refuse-at-intake": _("Not received"),
    "return-for-supplement": _("Returned to you to complete"),
    "request-supplement": _("Supplement requested"),
    "receive-supplement": _("Supplement received"),
    "request-payment": _("Fees to pay"),
    "record-payment": _("Fees paid"),
    "extend": _("Apology and new appointment"),
    "withdraw": _("Withdrawn"),
    "refuse": _("Refused"),
    "stop": _("Processing stopped"),
    "approve-result": _("Result ready"),
    "return-result": _("Result returned"),
}


@register.filter
def status_label(value: str) -> str:
    """The status's label in the active language (Vietnamese first)."""
    try:
        return str(DossierStatus(value).label)
    except ValueError:
        return value


@register.filter
def act_label(value: str) -> str:
    return str(ACT_LABELS.get(value, value))


@register.filter
def due_moment(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Vietnam's time zone."""
    return to_local(value).strftime("%d/%m/%Y %H:%M") if value is not None else ""
