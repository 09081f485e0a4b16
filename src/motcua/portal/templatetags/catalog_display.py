"""Showing catalog values on portal pages: dates dd/mm/yyyy, amounts in VND, time units."""

from datetime import date

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from motcua.catalog.choices import Channel, Subject, TimeUnit
from motcua.catalog.processing_time import ProcessingTime
from motcua.core.clock import format_date

register = template.Library()


@register.filter
def vn_date(value: date | None) -> str:
    return format_date(value) if value else ""


@register.filter
def vnd(amount: int) -> str:
    """100000 -> "100.000 VND" (grouping follows the active language)."""
    if not amount:
        return _("Free")
    # Django's Vietnamese formats set no grouping: group by thousands with the language's mark.
    grouped = numberformat.format(
        amount,
        str(get_format("DECIMAL_SEPARATOR")),
        grouping=3,
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )
    return _("%(amount)s VND") % {"amount": grouped}


@register.filter
def duration(time: ProcessingTime | dict[str, object]) -> str:
    """A processing time such as "20 working days"."""
    if isinstance(time, dict):
        value, unit = time["value"], str(time["unit"])
    else:
        value, unit = time.value, time.unit
    return f"{value} {TimeUnit(unit).label}"


@register.filter
def subject_label(value: str) -> str:
    return str(Subject(value).label) if value in Subject.values else value


@register.filter
def channel_label(value: str) -> str:
    return str(Channel(value).label) if value in Channel.values else value
