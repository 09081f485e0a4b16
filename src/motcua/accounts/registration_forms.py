"""Forms of the citizen and business pages: registration, codes, profile, representations.

They check what can be checked from the typed text alone; the services decide the rest.
"""

import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.choices import AccountKind, ContactChannel, RepresentedKind
from motcua.accounts.citizen_services import normalize_phone
from motcua.accounts.models import national_id_validator, phone_validator, tax_code_validator

APPLICANT_KINDS = [
    (AccountKind.CITIZEN.value, _("A person (citizen)")),
    (AccountKind.BUSINESS.value, _("A business or organisation")),
]


def _compact(value: str) -> str:
    """An ID number or tax code as typed: full-width digits made ASCII, spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", value).split())


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I register as"),
        choices=APPLICANT_KINDS,
        widget=forms.RadioSelect,
        initial=AccountKind.CITIZEN,
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As written on your ID card. For a business: the person who files."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    national_id = forms.CharField(
        label=_("ID number (CCCD)"),
        required=False,
        max_length=20,
        help_text=_("12 digits. Citizens only; you will sign in with it."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tax_code = forms.CharField(
        label=_("Tax code"),
        required=False,
        max_length=20,
        help_text=_("Businesses only; you will sign in with it."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    organization_name = forms.CharField(
        label=_("Name of the business or organisation"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    channel = forms.ChoiceField(
        label=_("Send the verification code by"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        initial=ContactChannel.PHONE,
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=20,
        help_text=_("For example 0912345678."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters, not only digits, not like your name."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_national_id(self) -> str:
        value = _compact(self.cleaned_data["national_id"])
        if value:
            national_id_validator(value)
        return value

    def clean_tax_code(self) -> str:
        value = _compact(self.cleaned_data["tax_code"])
        if value:
            tax_code_validator(value)
        return value

    def clean_phone(self) -> str:
        value = normalize_phone(self.cleaned_data["phone"])
        if value:
            phone_validator(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == AccountKind.CITIZEN and not cleaned.get("national_id"):
            self.add_error("national_id", _("Enter your 12-digit ID number."))
        if kind == AccountKind.BUSINESS:
            if not cleaned.get("tax_code"):
                self.add_error("tax_code", _("Enter the tax code of the business."))
            if not cleaned.get("organization_name"):
                self.add_error("organization_name", _("Enter the name of the business."))
        channel = cleaned.get("channel")
        if (
            channel == ContactChannel.EMAIL
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("Enter the e-mail address the code should be sent to."))
        if (
            channel == ContactChannel.PHONE
            and not cleaned.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error("phone", _("Enter the phone number the code should be sent to."))
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class VerificationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=12,
        help_text=_("The 6 digits we sent to you."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class ContactDetailsForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("House number, street, commune or ward, province."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def clean_phone(self) -> str:
        value = normalize_phone(self.cleaned_data["phone"])
        if value:
            phone_validator(value)
        return value


class RepresentationForm(forms.Form):
    represented_kind = forms.ChoiceField(
        label=_("I act for"),
        choices=RepresentedKind.choices,
        widget=forms.RadioSelect,
        initial=RepresentedKind.PERSON,
    )
    represented_name = forms.CharField(
        label=_("Name of the person or organisation"), max_length=300
    )
    represented_national_id = forms.CharField(
        label=_("Their ID number (CCCD)"),
        required=False,
        max_length=20,
        help_text=_("For a person: 12 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    represented_tax_code = forms.CharField(
        label=_("Their tax code"),
        required=False,
        max_length=20,
        help_text=_("For an organisation."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    scope_note = forms.CharField(
        label=_("What you may do for them"),
        max_length=500,
        help_text=_("As the authorisation letter says, e.g. file and collect land dossiers."),
    )
    valid_from = forms.DateField(
        label=_("From"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"}),
    )
    valid_to = forms.DateField(
        label=_("Until"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy; leave empty if the authorisation has no end date."),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"}),
    )
    evidence = forms.FileField(
        label=_("Authorisation letter (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )

    def clean_represented_national_id(self) -> str:
        value = _compact(self.cleaned_data["represented_national_id"])
        if value:
            national_id_validator(value)
        return value

    def clean_represented_tax_code(self) -> str:
        value = _compact(self.cleaned_data["represented_tax_code"])
        if value:
            tax_code_validator(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = str(cleaned.get("represented_kind", ""))
        missing = {
            RepresentedKind.PERSON.value: (
                "represented_national_id",
                _("Enter the person's ID number."),
            ),
            RepresentedKind.ORGANISATION.value: (
                "represented_tax_code",
                _("Enter the organisation's tax code."),
            ),
        }.get(kind)
        if missing and not cleaned.get(missing[0]) and missing[0] not in self.errors:
            self.add_error(missing[0], missing[1])
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not be before the start date."))
        return cleaned
