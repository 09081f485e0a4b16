"""The counter's intake form: procedure search, then applicant, checklist, channel, outcome.

The fields follow the receipt (form 01) so the tab order follows the paper: applicant, the
documents handed in with their originals and copies (pre-filled from the catalog), sets,
channel, how the result is returned. "Receive" is the form's first button, so Enter receives.
"""

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms.fields import LinesField, clean_text
from motcua.catalog.models import ProcedureVariant, RequiredDocument
from motcua.dossiers.choices import ApplicantKind, Channel, ReturnMethod
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.services import ApplicantDetails, IntakeRequest
from motcua.organizations.models import Agency, ServiceCentre

MAX_QUERY_LENGTH = 100
PHONE = re.compile(r"^\+?\d{9,15}$")
ID_NUMBER = re.compile(r"^\d{9,13}(-\d{3})?$")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
COUNTER_CHANNELS = [
    (Channel.COUNTER.value, Channel.COUNTER.label),
    (Channel.POSTAL.value, Channel.POSTAL.label),
]


class ProcedureSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Procedure"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Words of the name, accents optional (e.g. giay phep xay dung), or the code."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
    )

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data["q"])


@dataclass(frozen=True)
class ChecklistRow:
    """A required document with its four fields, as the template lays them out."""

    document: RequiredDocument
    given: forms.BoundField
    originals: forms.BoundField
    copies: forms.BoundField
    file: forms.BoundField

    @property
    def errors(self) -> list[str]:
        return [
            f"{field.label}: {error}"
            for field in (self.originals, self.copies, self.file)
            for error in field.errors
        ]


class IntakeForm(forms.Form):
    """What the officer types at the counter; `intake_request()` turns it into the service's
    request. The checklist fields are made from the variant's required documents."""

    service_centre = forms.ChoiceField(label=_("Receiving centre"))
    applicant_kind = forms.ChoiceField(
        label=_("Applicant is"), choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN
    )
    applicant_name = forms.CharField(
        label=_("Full name of the applicant"),
        max_length=300,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    applicant_id_number = forms.CharField(
        label=_("ID number or tax code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    applicant_address = forms.CharField(label=_("Address"), required=False, max_length=500)
    applicant_phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)
    sets = forms.IntegerField(label=_("Number of sets"), min_value=1, max_value=99, initial=1)
    channel = forms.TypedChoiceField(
        label=_("Received"),
        coerce=int,
        choices=COUNTER_CHANNELS,
        initial=Channel.COUNTER,
        widget=forms.RadioSelect,
    )
    return_method = forms.ChoiceField(
        label=_("Result returned"), choices=ReturnMethod.choices, initial=ReturnMethod.COUNTER
    )
    delivery_address = forms.CharField(
        label=_("Delivery address (by post)"), required=False, max_length=500
    )
    postal_tracking_code = forms.CharField(
        label=_("Postal tracking code (received by post)"), required=False, max_length=50
    )
    supplement_items = LinesField(
        label=_("What else the applicant must supplement (one item per line)"),
        required=False,
    )
    reasons = LinesField(label=_("Reasons for refusing (one per line)"), required=False)

    def __init__(
        self,
        *args: Any,
        variant: ProcedureVariant,
        documents: list[RequiredDocument],
        centres: list[ServiceCentre],
        agencies: list[Agency] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.variant = variant
        self.required_documents = documents
        self.centres = {centre.code: centre for centre in centres}
        field = self.fields["service_centre"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(centre.code, centre.name) for centre in centres]
        if len(centres) == 1:
            # The officer's one centre: nothing to choose (and nothing the browser must send).
            field.initial = centres[0].code
            field.required = False
            field.widget = forms.HiddenInput()
        if not variant.postal:
            self.fields["channel"].widget = forms.HiddenInput()
        self.agencies = {agency.code: agency for agency in agencies or []}
        if agencies:
            self.fields["agency"] = forms.ChoiceField(
                label=_("Competent agency"),
                required=False,
                help_text=_("The catalog names no single agency: choose the one that decides."),
                choices=[("", _("The receiving centre's agency"))]
                + [(agency.code, agency.name) for agency in agencies],
            )
        for document in documents:
            prefix = f"doc_{document.pk}"
            self.fields[f"{prefix}_given"] = forms.BooleanField(label=document.name, required=False)
            self.fields[f"{prefix}_originals"] = forms.IntegerField(
                label=_("Originals"), min_value=0, max_value=99, initial=document.originals
            )
            self.fields[f"{prefix}_copies"] = forms.IntegerField(
                label=_("Copies"), min_value=0, max_value=99, initial=document.copies
            )
            self.fields[f"{prefix}_file"] = forms.FileField(
                label=_("Scan (optional)"), required=False
            )

    # --- the checklist ---------------------------------------------------------------------

    def checklist(self) -> list[ChecklistRow]:
        rows = []
        for document in self.required_documents:
            prefix = f"doc_{document.pk}"
            rows.append(
                ChecklistRow(
                    document=document,
                    given=self[f"{prefix}_given"],
                    originals=self[f"{prefix}_originals"],
                    copies=self[f"{prefix}_copies"],
                    file=self[f"{prefix}_file"],
                )
            )
        return rows

    def documents(self) -> list[DocumentInput]:
        """The documents ticked as handed in, with their counts and scans."""
        data = self.cleaned_data
        handed_in = []
        for document in self.required_documents:
            prefix = f"doc_{document.pk}"
            if not data.get(f"{prefix}_given"):
                continue
            upload = data.get(f"{prefix}_file")
            handed_in.append(
                DocumentInput(
                    code=document.code,
                    title=document.name,
                    originals=data.get(f"{prefix}_originals") or 0,
                    copies=data.get(f"{prefix}_copies") or 0,
                    file=upload or None,
                    digitised_at_intake=bool(upload),
                )
            )
        return handed_in

    def missing_documents(self) -> list[RequiredDocument]:
        """Mandatory documents not ticked (Decree 118/2025 Art. 17.1: the dossier is incomplete)."""
        return [
            document
            for document in self.required_documents
            if document.mandatory and not self.cleaned_data.get(f"doc_{document.pk}_given")
        ]

    # --- cleaning ---------------------------------------------------------------------------

    def clean_service_centre(self) -> str:
        code = str(self.cleaned_data["service_centre"] or "")
        if not code and len(self.centres) == 1:
            return next(iter(self.centres))
        return code

    def clean_applicant_name(self) -> str:
        name = clean_text(self.cleaned_data["applicant_name"])
        if not name:
            raise forms.ValidationError(_("The applicant's name is required."))
        return name

    def clean_applicant_id_number(self) -> str:
        value = re.sub(r"\s", "", clean_text(self.cleaned_data["applicant_id_number"]))
        if value and not ID_NUMBER.match(value):
            raise forms.ValidationError(
                _("An ID number has 12 digits (9 for an old card); a tax code 10 or 13.")
            )
        return value

    def clean_applicant_phone(self) -> str:
        value = PHONE_SEPARATORS.sub("", clean_text(self.cleaned_data["applicant_phone"]))
        if value and not PHONE.match(value):
            raise forms.ValidationError(_("Enter the phone number as digits, e.g. 0912345678."))
        return value

    def clean_applicant_address(self) -> str:
        return clean_text(self.cleaned_data["applicant_address"])

    def clean_delivery_address(self) -> str:
        return clean_text(self.cleaned_data["delivery_address"])

    def clean_postal_tracking_code(self) -> str:
        return clean_text(self.cleaned_data["postal_tracking_code"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("return_method") == ReturnMethod.POSTAL and not (
            data.get("delivery_address") or data.get("applicant_address")
        ):
            self.add_error("delivery_address", _("Give the address the result is posted to."))
        return data

    def intake_request(self) -> IntakeRequest:
        """The dossier service's request (call after `is_valid()`)."""
        data = self.cleaned_data
        return IntakeRequest(
            service_centre_code=data["service_centre"],
            procedure_code=self.variant.version.procedure.code,
            variant_code=self.variant.code,
            channel=data["channel"],
            applicant=ApplicantDetails(
                name=data["applicant_name"],
                kind=data["applicant_kind"],
                id_number=data["applicant_id_number"],
                address=data["applicant_address"],
                phone=data["applicant_phone"],
                email=data["applicant_email"],
            ),
            documents=self.documents(),
            agency_code=data.get("agency", ""),
            return_method=data["return_method"],
            # By post, to the address typed for it, else the applicant's own.
            delivery_address=data["delivery_address"] or data["applicant_address"]
            if data["return_method"] == ReturnMethod.POSTAL
            else "",
            postal_tracking_code=data["postal_tracking_code"]
            if data["channel"] == Channel.POSTAL
            else "",
            sets=data["sets"],
        )
