"""Application forms as data: JSON files in `form_data/` (docs/application-forms.md).

A file (`motcua.application-form/1`) names the procedures and, optionally, the variants it
serves, whether fees are paid before or after submission, and its sections of fields. A
variant without a file gets a generic form derived from the catalog (`generic_definition`).
Every text shown to the applicant is given in Vietnamese and English (`Text`). Files are read
and checked once per process; a bad file fails loudly with its path and the fault.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation

from motcua.catalog.models import ProcedureVariant

FORMAT = "motcua.application-form/1"
FORM_DATA = Path(__file__).resolve().parent / "form_data"
FIELD_TYPES = frozenset({"text", "textarea", "integer", "decimal", "date", "choice", "boolean"})
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# The applicant block's field names; a file may not reuse them.
RESERVED_NAMES = frozenset(
    {
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
        "service_centre",
        "return_method",
        "delivery_address",
        "action",
    }
)


class PaymentTiming:
    """When the applicant pays the variant's fees (the procedure's published steps say)."""

    BEFORE_SUBMISSION = "before_submission"
    AFTER_SUBMISSION = "after_submission"
    VALUES = frozenset({BEFORE_SUBMISSION, AFTER_SUBMISSION})


class DefinitionError(ValueError):
    """A form file that does not follow the format; the message names the file and the path."""


@dataclass(frozen=True)
class Text:
    """A text in Vietnamese (the source) and English; `str()` gives the active language's."""

    vi: str
    en: str

    def __str__(self) -> str:
        language = translation.get_language() or "vi"
        return self.vi if language.startswith("vi") else self.en


@dataclass(frozen=True, kw_only=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True, kw_only=True)
class FieldDefinition:
    name: str
    type: str
    label: Text
    help: Text | None = None
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: Text | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Section:
    title: Text
    fields: tuple[FieldDefinition, ...]


@dataclass(frozen=True, kw_only=True)
class FormDefinition:
    """What an application for a variant asks, beyond the shared applicant block."""

    source: str
    payment: str
    sections: tuple[Section, ...]
    generic: bool = False

    @property
    def fields(self) -> tuple[FieldDefinition, ...]:
        return tuple(item for section in self.sections for item in section.fields)


@dataclass(frozen=True)
class _Entry:
    variants: frozenset[str] | None
    definition: FormDefinition


@dataclass
class _Reader:
    path: str
    faults: list[str] = field(default_factory=list)

    def fail(self, where: str, message: str) -> None:
        raise DefinitionError(f"{self.path}: {where}: {message}")

    def text(self, raw: Any, where: str) -> Text:
        if (
            not isinstance(raw, dict)
            or set(raw) != {"vi", "en"}
            or not all(isinstance(value, str) and value.strip() for value in raw.values())
        ):
            self.fail(where, 'expected {"vi": "…", "en": "…"}, both non-empty')
        return Text(vi=raw["vi"].strip(), en=raw["en"].strip())

    def number(self, raw: Any, where: str) -> Decimal | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            self.fail(where, "expected a number")
        return Decimal(str(raw))

    def length(self, raw: Any, where: str) -> int | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            self.fail(where, "expected a whole number ≥ 0")
        return int(raw)

    def field_definition(self, raw: Any, where: str) -> FieldDefinition:
        if not isinstance(raw, dict):
            self.fail(where, "expected an object")
        known = {
            "name",
            "type",
            "label",
            "help",
            "required",
            "min_length",
            "max_length",
            "pattern",
            "pattern_message",
            "min",
            "max",
            "choices",
        }
        unknown = set(raw) - known
        if unknown:
            self.fail(where, f"unknown keys {sorted(unknown)}")
        name = raw.get("name")
        if not isinstance(name, str) or not NAME.match(name) or name in RESERVED_NAMES:
            self.fail(f"{where}.name", "expected a snake_case name not used by the applicant block")
        kind = raw.get("type")
        if kind not in FIELD_TYPES:
            self.fail(f"{where}.type", f"expected one of {sorted(FIELD_TYPES)}")
        pattern = raw.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError):
                self.fail(f"{where}.pattern", "not a regular expression")
            if "pattern_message" not in raw:
                self.fail(where, "a pattern needs a pattern_message")
        choices: list[Choice] = []
        if kind == "choice":
            raw_choices = raw.get("choices")
            if not isinstance(raw_choices, list) or not raw_choices:
                self.fail(f"{where}.choices", "a choice field needs choices")
            for position, item in enumerate(raw_choices):
                spot = f"{where}.choices[{position}]"
                if not isinstance(item, dict) or not isinstance(item.get("value"), str):
                    self.fail(spot, 'expected {"value": "…", "label": {…}}')
                choices.append(
                    Choice(value=item["value"], label=self.text(item.get("label"), spot))
                )
        elif "choices" in raw:
            self.fail(f"{where}.choices", "only choice fields have choices")
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self.fail(f"{where}.required", "expected true or false")
        return FieldDefinition(
            name=name,
            type=kind,
            label=self.text(raw.get("label"), f"{where}.label"),
            help=self.text(raw["help"], f"{where}.help") if "help" in raw else None,
            required=required,
            min_length=self.length(raw.get("min_length"), f"{where}.min_length"),
            max_length=self.length(raw.get("max_length"), f"{where}.max_length"),
            pattern=pattern,
            pattern_message=self.text(raw["pattern_message"], f"{where}.pattern_message")
            if "pattern_message" in raw
            else None,
            minimum=self.number(raw.get("min"), f"{where}.min"),
            maximum=self.number(raw.get("max"), f"{where}.max"),
            choices=tuple(choices),
        )

    def document(self, raw: Any) -> tuple[list[str], _Entry]:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            self.fail("format", f"expected {FORMAT!r}")
        procedures = raw.get("procedures")
        if not isinstance(procedures, list) or not procedures:
            self.fail("procedures", "expected a list of procedure codes")
        variants = raw.get("variants")
        if variants is not None and not isinstance(variants, list):
            self.fail("variants", "expected a list of variant codes")
        payment = raw.get("payment", PaymentTiming.AFTER_SUBMISSION)
        if payment not in PaymentTiming.VALUES:
            self.fail("payment", f"expected one of {sorted(PaymentTiming.VALUES)}")
        sections = []
        seen: set[str] = set()
        raw_sections = raw.get("sections")
        if not isinstance(raw_sections, list) or not raw_sections:
            self.fail("sections", "expected at least one section")
        for position, section in enumerate(raw_sections):
            where = f"sections[{position}]"
            if not isinstance(section, dict) or not isinstance(section.get("fields"), list):
                self.fail(where, 'expected {"title": {…}, "fields": […]}')
            fields = []
            for index, item in enumerate(section["fields"]):
                definition = self.field_definition(item, f"{where}.fields[{index}]")
                if definition.name in seen:
                    self.fail(f"{where}.fields[{index}].name", "used twice")
                seen.add(definition.name)
                fields.append(definition)
            sections.append(
                Section(
                    title=self.text(section.get("title"), f"{where}.title"), fields=tuple(fields)
                )
            )
        form = FormDefinition(source=self.path, payment=payment, sections=tuple(sections))
        return [str(code) for code in procedures], _Entry(
            frozenset(variants) if variants is not None else None, form
        )


def read_definition_file(path: Path) -> tuple[list[str], frozenset[str] | None, FormDefinition]:
    """Read one form file: its procedure codes, variant codes (None: all) and form.

    Raises DefinitionError naming the file and the faulty place.
    """
    reader = _Reader(path.name)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DefinitionError(f"{path.name}: not readable JSON ({error})") from error
    codes, entry = reader.document(raw)
    return codes, entry.variants, entry.definition


@cache
def _registry() -> dict[str, list[_Entry]]:
    registry: dict[str, list[_Entry]] = {}
    for path in sorted(FORM_DATA.glob("*.json")):
        codes, variants, definition = read_definition_file(path)
        for code in codes:
            registry.setdefault(code, []).append(_Entry(variants, definition))
    return registry


def get_form_definition(*, variant: ProcedureVariant) -> FormDefinition:
    """The form of `variant`: its procedure's file (the entry naming the variant first, then
    one for all variants), else the generic form."""
    entries = _registry().get(variant.version.procedure.code, [])
    for entry in entries:
        if entry.variants is not None and variant.code in entry.variants:
            return entry.definition
    for entry in entries:
        if entry.variants is None:
            return entry.definition
    return generic_definition(variant=variant)


def generic_definition(*, variant: ProcedureVariant) -> FormDefinition:
    """A form for a variant without a file: what is asked, and what for.

    Fees are paid after submission, when intake has checked the dossier.
    """
    result = variant.version.result_name or variant.version.name
    return FormDefinition(
        source="generic",
        payment=PaymentTiming.AFTER_SUBMISSION,
        generic=True,
        sections=(
            Section(
                title=Text(vi="Nội dung đề nghị", en="Your request"),
                fields=(
                    FieldDefinition(
                        name="request_summary",
                        type="textarea",
                        required=True,
                        min_length=10,
                        max_length=2000,
                        label=Text(vi="Nội dung đề nghị giải quyết", en="What you ask for"),
                        help=Text(
                            vi=f"Nêu rõ yêu cầu của ông/bà để được cấp: {result}.",
                            en=f"Say clearly what you request in order to obtain: {result}.",
                        ),
                    ),
                    FieldDefinition(
                        name="copies_requested",
                        type="integer",
                        minimum=Decimal(1),
                        maximum=Decimal(20),
                        label=Text(vi="Số bản kết quả đề nghị cấp", en="Copies of the result"),
                        help=Text(vi="Để trống nếu chỉ cần 1 bản.", en="Leave empty for one."),
                    ),
                ),
            ),
        ),
    )


def forget_definitions() -> None:
    """Read the files again at the next use (tests that add a file)."""
    _registry.cache_clear()
