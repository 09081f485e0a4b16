"""`{% load money %}` then `{{ order.amount_vnd|vnd }}` → "1.250.000 ₫" (dots group thousands)."""

from django import template

register = template.Library()


@register.filter
def vnd(value: int | None) -> str:
    if value is None or isinstance(value, bool):
        return ""
    return f"{int(value):,}".replace(",", ".") + " ₫"
