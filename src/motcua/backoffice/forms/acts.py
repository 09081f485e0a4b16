"""One small form per act on the dossier page. Each carries the dossier's `revision`, so an act
posted from a page that is no longer current (someone acted meanwhile, or a double click) is
refused before anything is written."""

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms.fields import DayField, LinesField, clean_text
from motcua.core.clock import VIETNAM
from motcua.dossiers.choices import PaymentMethod, ReturnMethod
from motcua.organizations.models import Agency

HOUR_FORMATS = ["%H:%M", "%Hh%M", "%H"]


class ActForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NoteForm(ActForm):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])


class RequiredNoteForm(NoteForm):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 2}))


class StepForm(NoteForm):
    step = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReasonsForm(ActForm):
    reasons = LinesField(label=_("Reasons (one per line)"))


class ItemsForm(ActForm):
    items = LinesField(label=_("What the applicant must supplement (one item per line)"))
    reason = forms.CharField(label=_("Why"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean_reason(self) -> str:
        return clean_text(self.cleaned_data["reason"])


class WithdrawForm(ActForm):
    reason = forms.CharField(
        label=_("The applicant's request (what they asked, when)"),
        widget=forms.Textarea({"rows": 2}),
    )

    def clean_reason(self) -> str:
        return clean_text(self.cleaned_data["reason"])


class AgencyForm(ActForm):
    """A form that names another agency (transfer, consultation); agencies are passed in."""

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in agencies}
        self.fields["agency"] = forms.ChoiceField(
            label=_("Agency"),
            choices=[("", "—")] + [(agency.code, agency.name) for agency in agencies],
        )
        self.order_fields(["agency"])

    def clean_agency(self) -> Agency:
        code = self.cleaned_data["agency"]
        if code not in self.agencies:
            raise forms.ValidationError(_("Choose an agency from the list."))
        return self.agencies[code]


class TransferForm(AgencyForm):
    hours = forms.IntegerField(
        label=_("Working hours given"),
        required=False,
        min_value=1,
        max_value=2000,
        help_text=_("Empty: the step's own budget."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])


class ConsultForm(AgencyForm):
    question = forms.CharField(label=_("Question"), widget=forms.Textarea({"rows": 2}))
    hours = forms.IntegerField(
        label=_("Working hours to answer"), min_value=1, max_value=2000, initial=40
    )

    def clean_question(self) -> str:
        return clean_text(self.cleaned_data["question"])


class AnswerForm(ActForm):
    consultation = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea({"rows": 2}))

    def clean_answer(self) -> str:
        return clean_text(self.cleaned_data["answer"])


class DocumentForm(ActForm):
    file = forms.FileField(label=_("File (PDF, JPEG, PNG, DOCX, XLSX)"))
    title = forms.CharField(label=_("Name of the document"), required=False, max_length=300)

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"])


class OptionalDocumentForm(DocumentForm):
    file = forms.FileField(label=_("File (optional)"), required=False)


class ApproveForm(OptionalDocumentForm):
    summary = forms.CharField(
        label=_("Result (e.g. the number of the permit)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    field_order = ["summary", "file", "title"]

    def clean_summary(self) -> str:
        return clean_text(self.cleaned_data["summary"])


class PaymentRequestForm(ActForm):
    amount_vnd = forms.IntegerField(
        label=_("Amount due (VND)"),
        required=False,
        min_value=1,
        help_text=_("Empty: the fees and charges of the procedure."),
    )


class PaymentForm(ActForm):
    method = forms.ChoiceField(label=_("Paid by"), choices=PaymentMethod.choices)
    amount_vnd = forms.IntegerField(label=_("Amount paid (VND)"), min_value=0)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)


class ExtendForm(ActForm):
    new_due_on = DayField(label=_("New due day"))
    new_due_time = forms.TimeField(
        label=_("at (hh:mm)"),
        input_formats=HOUR_FORMATS,
        initial=time(16, 30),
        widget=forms.TextInput(attrs={"placeholder": "hh:mm", "size": 5}),
    )
    reason = forms.CharField(
        label=_("Reason, with the apology"), widget=forms.Textarea({"rows": 2})
    )

    def clean_reason(self) -> str:
        return clean_text(self.cleaned_data["reason"])

    def new_due_at(self) -> datetime:
        data = self.cleaned_data
        return datetime.combine(data["new_due_on"], data["new_due_time"], tzinfo=VIETNAM)


class ReturnResultForm(ActForm):
    method = forms.ChoiceField(label=_("Returned"), choices=ReturnMethod.choices)
    receiver_name = forms.CharField(
        label=_("Received by (full name)"), required=False, max_length=200
    )
    receiver_id_number = forms.CharField(
        label=_("Receiver's ID number"), required=False, max_length=20
    )
    postal_tracking_code = forms.CharField(
        label=_("Postal tracking code"), required=False, max_length=50
    )

    def clean_receiver_name(self) -> str:
        return clean_text(self.cleaned_data["receiver_name"])

    def clean_receiver_id_number(self) -> str:
        return clean_text(self.cleaned_data["receiver_id_number"])

    def clean_postal_tracking_code(self) -> str:
        return clean_text(self.cleaned_data["postal_tracking_code"])


class ReassignForm(NoteForm):
    """A leader gives the current step to another officer; the candidates are passed in."""

    def __init__(self, *args: Any, officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officers = {str(officer.pk): officer for officer in officers}
        self.fields["handler"] = forms.ChoiceField(
            label=_("Give the step to"),
            choices=[("", "—")] + [(str(officer.pk), str(officer)) for officer in officers],
        )
        self.order_fields(["handler", "note"])

    def clean_handler(self) -> Any:
        key = self.cleaned_data["handler"]
        if key not in self.officers:
            raise forms.ValidationError(_("Choose an officer from the list."))
        return self.officers[key]
