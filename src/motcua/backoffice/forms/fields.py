"""Fields the back-office forms share: days typed as dd/mm/yyyy, lines of text."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.text import normalize

# dd/mm/yyyy as people type it; yyyy-mm-dd as a browser's date picker sends it.
DAY_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


class DayField(forms.DateField):
    """A day typed as dd/mm/yyyy (also accepted: yyyy-mm-dd)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10}
            ),
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Enter the day as dd/mm/yyyy, e.g. 05/02/2026.")}
        )
        super().__init__(input_formats=DAY_FORMATS, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return value


class LinesField(forms.CharField):
    """A text area read as one item per line; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        return [normalize(line) for line in str(text or "").splitlines() if normalize(line)]


def clean_text(value: Any) -> str:
    """NFC text without NUL bytes (PostgreSQL refuses them; they carry no meaning here)."""
    return normalize(str(value or "").replace("\x00", ""))
