"""The Django form of an application: the shared applicant block, then the variant's fields.

Built from the data (`definitions`) so that the page and the submission validate alike, all on
the server. Messages are English msgids translated by gettext, or the file's own Vietnamese and
English texts for its patterns.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from motcua.accounts.citizen_services import normalize_phone
from motcua.accounts.models import national_id_validator, phone_validator, tax_code_validator
from motcua.applications.definitions import FieldDefinition, FormDefinition
from motcua.dossiers.choices import ReturnMethod

DATE_FORMAT = "%d/%m/%Y"
APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "service_centre",
    "return_method",
    "delivery_address",
)


class CommaDecimalField(forms.DecimalField):
    """A decimal typed the Vietnamese way (12,5) or the English way (12.5)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        try:
            return super().to_python(value)
        except (InvalidOperation, forms.ValidationError):
            raise forms.ValidationError(_("Enter a number, e.g. 12,5."), code="invalid") from None


class PhoneField(forms.CharField):
    """A phone as people type it ("0935 246 810", "+84 935.246.810"), kept as its digits, the
    way registration and the counter take it."""

    def to_python(self, value: Any) -> str:
        typed = super().to_python(value) or ""
        # Text without a digit stays as typed, so that the validator says what is wrong.
        return normalize_phone(typed) or typed


class PlainSelect(forms.Select):
    """A select whose options are written in Python, not one template include per option: the
    list of service centres has some seventy, and the page must stay under 100 ms."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) == chosen else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


def _field(definition: FieldDefinition) -> forms.Field:
    common: dict[str, Any] = {
        "label": str(definition.label),
        "required": definition.required,
        "help_text": str(definition.help) if definition.help else "",
    }
    if definition.type in {"text", "textarea"}:
        validators = []
        if definition.pattern:
            message = str(definition.pattern_message) if definition.pattern_message else None
            validators.append(RegexValidator(definition.pattern, message, code="invalid_pattern"))
        return forms.CharField(
            min_length=definition.min_length,
            max_length=definition.max_length or (5000 if definition.type == "textarea" else 500),
            validators=validators,
            widget=forms.Textarea(attrs={"rows": 4})
            if definition.type == "textarea"
            else forms.TextInput,
            **common,
        )
    if definition.type == "integer":
        return forms.IntegerField(
            min_value=int(definition.minimum) if definition.minimum is not None else None,
            max_value=int(definition.maximum) if definition.maximum is not None else None,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    if definition.type == "decimal":
        return CommaDecimalField(
            min_value=definition.minimum,
            max_value=definition.maximum,
            max_digits=14,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if definition.type == "date":
        return forms.DateField(
            input_formats=[DATE_FORMAT],
            widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}),
            error_messages={"invalid": _("Enter the date as day/month/year, e.g. 15/01/2027.")},
            **common,
        )
    if definition.type == "choice":
        choices: list[tuple[str, Any]] = [("", "—" if not definition.required else _("Choose…"))]
        choices += [(choice.value, str(choice.label)) for choice in definition.choices]
        return forms.ChoiceField(choices=choices, widget=PlainSelect, **common)
    return forms.BooleanField(**common)


class ApplicationForm(forms.Form):
    """The applicant block plus the variant's sections (`sections` for the template)."""

    applicant_name = forms.CharField(label=_("Full name of the applicant"), max_length=300)
    applicant_id_number = forms.CharField(label=_("ID number"), max_length=20)
    applicant_phone = PhoneField(
        label=_("Phone"),
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    applicant_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We write to this address at every change of your dossier."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    applicant_address = forms.CharField(label=_("Address"), max_length=500)
    service_centre = forms.ChoiceField(
        widget=PlainSelect,
        label=_("Service centre that receives the dossier"),
        help_text=_("Any centre of the province receives this procedure unless it says otherwise."),
    )
    return_method = forms.ChoiceField(label=_("How you receive the result"), widget=PlainSelect)
    delivery_address = forms.CharField(
        label=_("Delivery address for the result"),
        required=False,
        max_length=500,
        help_text=_("Only when the result is sent by post."),
    )

    def __init__(
        self,
        *args: Any,
        definition: FormDefinition,
        centres: list[tuple[str, str]],
        postal: bool,
        business: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.business = business
        centre_field = self.fields["service_centre"]
        assert isinstance(centre_field, forms.ChoiceField)
        centre_field.choices = [("", _("Choose…")), *centres]
        methods = [ReturnMethod.ONLINE, ReturnMethod.COUNTER]
        if postal:
            methods.append(ReturnMethod.POSTAL)
        method_field = self.fields["return_method"]
        assert isinstance(method_field, forms.ChoiceField)
        method_field.choices = [(m.value, m.label) for m in methods]
        id_field = self.fields["applicant_id_number"]
        if business:
            id_field.label = _("Tax code")
            id_field.validators.append(tax_code_validator)
        else:
            id_field.label = _("ID number (CCCD)")
            id_field.validators.append(national_id_validator)
            id_field.widget.attrs["inputmode"] = "numeric"
        for item in definition.fields:
            self.fields[item.name] = _field(item)

    @property
    def applicant_block(self) -> list[forms.BoundField]:
        return [self[name] for name in APPLICANT_FIELDS]

    @property
    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (str(section.title), [self[item.name] for item in section.fields])
            for section in self.definition.sections
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("return_method") == ReturnMethod.POSTAL
            and not cleaned.get("delivery_address", "").strip()
        ):
            self.add_error(
                "delivery_address", _("Give the address the post delivers the result to.")
            )
        return cleaned


def stored_values(form: forms.Form, data: Any) -> dict[str, str]:
    """The raw answers worth keeping in a draft: every known field's text as typed."""
    values: dict[str, str] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.BooleanField):
            raw = data.get(name)
            values[name] = "on" if raw not in (None, "", "off", "false", "0") else ""
            continue
        raw = data.get(name)
        if raw is not None:
            values[name] = str(raw).strip()[:5000]
    return values


def plain_value(value: Any) -> Any:
    """A cleaned answer as JSON: dates as dd/mm/yyyy, decimals as text."""
    if hasattr(value, "strftime"):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
