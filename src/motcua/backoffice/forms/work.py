"""Forms of the hand-over of several dossiers together and of the dossier register (form 07)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms.fields import DayField, clean_text
from motcua.organizations.models import Agency, ServiceCentre

NEXT_STEP = "next"
# A page of the dossier list holds 25; a leader may choose from several pages.
MAX_CHOSEN = 200


class BulkHandOverForm(forms.Form):
    """The dossiers chosen in a list and where they go: their next step or another agency."""

    hours = forms.IntegerField(
        label=_("Working hours given"),
        required=False,
        min_value=1,
        max_value=2000,
        help_text=_("For a transfer; empty: each step's own budget."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    back = forms.CharField(required=False, widget=forms.HiddenInput, max_length=1000)

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in agencies}
        getlist = getattr(self.data, "getlist", None)
        self.posted_codes: list[str] = list(getlist("codes")) if getlist else []
        # Any code may be posted; the scoped read decides which exist for the officer.
        self.fields["codes"] = forms.MultipleChoiceField(
            label=_("Dossiers"),
            choices=[(code, code) for code in self.posted_codes],
            error_messages={"required": _("Choose at least one dossier in the list.")},
        )
        self.fields["destination"] = forms.ChoiceField(
            label=_("Hand over to"),
            choices=[
                (NEXT_STEP, _("Their next step (complete the current one)")),
                *((agency.code, agency.name) for agency in agencies),
            ],
        )
        self.order_fields(["codes", "destination", "hours", "note", "back"])

    def clean_codes(self) -> list[str]:
        if len(self.posted_codes) > MAX_CHOSEN:
            raise forms.ValidationError(
                _("Choose at most %(count)d dossiers at once.") % {"count": MAX_CHOSEN}
            )
        return list(dict.fromkeys(self.cleaned_data["codes"]))

    def clean_destination(self) -> Agency | None:
        value = self.cleaned_data["destination"]
        return None if value == NEXT_STEP else self.agencies[value]

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])

    def clean_back(self) -> str:
        # Only a query string of the dossier list: never an address elsewhere.
        back = clean_text(self.cleaned_data["back"])
        return back if back.startswith("?") or not back else ""


class RegisterForm(forms.Form):
    """The period (dd/mm/yyyy), the centre and optionally the lead agency of form 07."""

    period_from = DayField(label=_("From (dd/mm/yyyy)"))
    period_to = DayField(label=_("To (dd/mm/yyyy)"))

    def __init__(
        self, *args: Any, centres: list[ServiceCentre], agencies: list[Agency], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.centres = {centre.code: centre for centre in centres}
        self.agency_ids = {agency.code: agency.pk for agency in agencies}
        self.fields["centre"] = forms.ChoiceField(
            label=_("Service centre"), choices=[(centre.code, centre.name) for centre in centres]
        )
        self.fields["agency"] = forms.ChoiceField(
            label=_("Lead agency"),
            required=False,
            choices=[("", _("All")), *((agency.code, agency.name) for agency in agencies)],
        )

    def clean_centre(self) -> ServiceCentre:
        return self.centres[self.cleaned_data["centre"]]

    def clean_agency(self) -> int | None:
        code = self.cleaned_data["agency"]
        return self.agency_ids.get(code) if code else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period ends before it starts."))
        return data
