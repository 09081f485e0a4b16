"""`{% load identity_providers %}{% identity_choices "sign_in" %}`: buttons for each provider."""

from typing import Any

from django import template

from motcua.integrations.identity.registry import list_provider_choices

register = template.Library()


@register.inclusion_tag("identity/choices.html")
def identity_choices(intent: str = "sign_in") -> dict[str, Any]:
    return {"providers": list_provider_choices(), "intent": intent}
