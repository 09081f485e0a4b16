"""The filters and search of the dossier list."""

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms.fields import DayField, clean_text
from motcua.backoffice.time_classes import PROGRESS_CHOICES
from motcua.core.clock import VIETNAM
from motcua.core.text import fold
from motcua.dossiers.choices import Channel, DossierStatus
from motcua.organizations.models import Agency

MAX_QUERY_LENGTH = 100
QUEUE_LABELS = {
    "awaiting": _("Awaiting me"),
    "mine": _("Mine"),
    "unit": _("My unit's"),
    "intake": _("Online, awaiting intake"),
}


def _all(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("All")), *choices]


class DossierFilterForm(forms.Form):
    """Search words and filters; a bad filter is ignored and said so, never a 500."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Code, applicant's name (accents optional), phone or ID number."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    queue = forms.ChoiceField(
        label=_("Queue"), required=False, choices=_all(list(QUEUE_LABELS.items()))
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(list(DossierStatus.choices))
    )
    progress = forms.ChoiceField(
        label=_("Timeliness"), required=False, choices=_all(PROGRESS_CHOICES)
    )
    channel = forms.TypedChoiceField(
        label=_("Channel"), required=False, coerce=int, choices=_all(list(Channel.choices))
    )
    procedure = forms.CharField(
        label=_("Procedure"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Code or words of the name."),
    )
    received_from = DayField(label=_("Received from"), required=False)
    received_to = DayField(label=_("Received until"), required=False)

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in agencies}
        self.fields["agency"] = forms.ChoiceField(
            label=_("Agency"),
            required=False,
            choices=_all([(agency.code, agency.name) for agency in agencies]),
        )
        self.order_fields(["q", "queue", "status", "progress", "channel", "procedure", "agency"])

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data["q"])

    def clean_procedure(self) -> str:
        return clean_text(self.cleaned_data["procedure"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            message = _("The end of the period comes before its start.")
            self.add_error("received_from", message)
            self.add_error("received_to", message)
        return data

    def value(self, name: str) -> Any:
        """The cleaned value of a filter, or None when it is empty or was refused."""
        if not self.is_bound or (not self.is_valid() and name in self.errors):
            return None
        return self.cleaned_data.get(name) or None

    def condition(self) -> Q:
        """The SQL condition of every valid filter but `queue`, `progress` and `q`."""
        condition = Q()
        if status := self.value("status"):
            condition &= Q(status=status)
        if channel := self.value("channel"):
            condition &= Q(channel=channel)
        if procedure := self.value("procedure"):
            words = Q()
            for word in fold(procedure).split():
                words &= Q(procedure_version__name_folded__contains=word)
            condition &= Q(procedure_version__procedure__code=procedure) | words
        if (code := self.value("agency")) and code in self.agencies:
            agency = self.agencies[code]
            condition &= Q(agency=agency) | Q(current_agency=agency)
        if start := self.value("received_from"):
            condition &= Q(received_at__gte=datetime.combine(start, time.min, tzinfo=VIETNAM))
        if end := self.value("received_to"):
            next_day = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VIETNAM)
            condition &= Q(received_at__lt=next_day)
        return condition
