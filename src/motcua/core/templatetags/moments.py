"""Template filters for moments and dates as people in Vietnam read them.

`{% load moments %}` then `{{ dossier.received_at|moment }}` → "08:30 05/02/2025" and
`{{ some_date|day }}` → "05/02/2025", `{{ moment|hour_minute }}` → "08:30".
An empty value renders as an empty string.
"""

from datetime import date, datetime

from django import template

from motcua.core.clock import format_date, format_moment, to_local

register = template.Library()


@register.filter
def moment(value: datetime | None) -> str:
    """hh:mm dd/mm/yyyy in Vietnam's time zone."""
    return format_moment(value) if value is not None else ""


@register.filter
def hour_minute(value: datetime | None) -> str:
    """hh:mm in Vietnam's time zone."""
    return to_local(value).strftime("%H:%M") if value is not None else ""


@register.filter
def day(value: date | datetime | None) -> str:
    """dd/mm/yyyy; a datetime is first expressed in Vietnam's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(to_local(value).date())
    return format_date(value)
