"""The Vietnamese catalogue: complete, translated, placeholders kept, compiled, up to date.

These are the catalogue checks (`make messages-check`, marker `translations`). When one fails
after a new string was added: `make messages-update`, translate the empty and fuzzy entries of
src/motcua/locale/vi/LC_MESSAGES/django.po, then `make messages`.
"""

import ast
import re
import shutil
import unicodedata
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.functional import Promise

pytestmark = pytest.mark.translations

SOURCE_DIR = Path(settings.SOURCE_DIR)
CATALOGUE = SOURCE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# What `make messages-update` leaves out of the catalogue.
NOT_TRANSLATED = {"tests", "migrations"}
# Python's %-placeholders (%(name)s, %s, %d, %%) and str.format's {name} and {}.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{(?:[A-Za-z_][\w.]*)?\}")
# How many leading arguments of each gettext function xgettext reads as literal text.
GETTEXT_LITERALS = {
    "_": 1,
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}

MsgKey = tuple[str | None, str, str]


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def _key(entry: polib.POEntry) -> MsgKey:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _label(key: MsgKey) -> str:
    context, msgid, _plural = key
    return f"[{context}] {msgid}" if context else msgid


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_entry_is_translated(catalogue: polib.POFile) -> None:
    untranslated = [_label(_key(entry)) for entry in catalogue.untranslated_entries()]
    assert untranslated == []


def test_no_entry_is_fuzzy(catalogue: polib.POFile) -> None:
    # a fuzzy entry is a guess by msgmerge and is not compiled: the page would show English
    assert not catalogue.metadata_is_fuzzy
    assert [_label(_key(entry)) for entry in catalogue.fuzzy_entries()] == []


def test_the_catalogue_is_vietnamese_with_a_single_plural_form(catalogue: polib.POFile) -> None:
    assert catalogue.metadata["Language"] == "vi"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    plural_entries = [entry for entry in catalogue if entry.msgid_plural]
    assert plural_entries
    assert all(list(entry.msgstr_plural) == [0] for entry in plural_entries)


def test_every_translation_keeps_the_placeholders_of_its_msgid(catalogue: polib.POFile) -> None:
    changed = []
    for entry in catalogue.translated_entries():
        # Vietnamese has one form: it serves the plural msgid's placeholders.
        expected = _placeholders(entry.msgid_plural or entry.msgid)
        if any(_placeholders(text) != expected for text in _translations(entry)):
            changed.append(_label(_key(entry)))
    assert changed == []


def test_every_translation_is_in_composed_unicode(catalogue: polib.POFile) -> None:
    decomposed = [
        _label(_key(entry))
        for entry in catalogue
        if any(unicodedata.normalize("NFC", text) != text for text in _translations(entry))
    ]
    assert decomposed == []


def test_the_compiled_catalogue_is_the_current_one(catalogue: polib.POFile) -> None:
    # a stale or missing .mo shows old or English text: `make messages` compiles it
    assert COMPILED.exists(), "run `make messages`"
    compiled = {_key(entry): _translations(entry) for entry in polib.mofile(str(COMPILED))}
    current = {_key(entry): _translations(entry) for entry in catalogue.translated_entries()}
    assert compiled == current, "run `make messages`"


def _gettext_calls_xgettext_misses(tree: ast.AST) -> list[int]:
    missed = []
    inside_f_strings = {
        id(node)
        for joined in ast.walk(tree)
        if isinstance(joined, ast.JoinedStr)
        for node in ast.walk(joined)
    }
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        literals = GETTEXT_LITERALS.get(node.func.id)
        if literals is None:
            continue
        arguments = node.args[:literals]
        literal = len(arguments) == literals and all(
            isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            for argument in arguments
        )
        if id(node) in inside_f_strings or not literal:
            missed.append(node.lineno)
    return missed


def test_every_gettext_call_is_one_xgettext_can_read() -> None:
    # xgettext reads neither a call inside an f-string nor a msgid that is not a literal:
    # such a string would stay English forever without anyone noticing
    missed = []
    for path in sorted(SOURCE_DIR.rglob("*.py")):
        relative = path.relative_to(SOURCE_DIR)
        if NOT_TRANSLATED & set(relative.parts):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        missed += [f"{relative}:{line}" for line in _gettext_calls_xgettext_misses(tree)]
    assert missed == []


def test_every_model_app_and_field_of_motcua_has_a_translatable_label() -> None:
    # a label Django derives from a name ("org unit") is English whatever the language
    unlabelled = []
    for model in apps.get_models():
        if not model.__module__.startswith("motcua."):
            continue
        meta = model._meta
        labels = [
            (meta.app_config.verbose_name, meta.app_label),
            (meta.verbose_name, meta.label),
            (meta.verbose_name_plural, f"{meta.label} (plural)"),
            *(
                (field.verbose_name, f"{meta.label}.{field.name}")
                for field in meta.get_fields()
                if field.concrete and not field.auto_created
            ),
        ]
        unlabelled += [where for label, where in labels if not isinstance(label, Promise)]
    assert sorted(set(unlabelled)) == []


def _copy_translatable_sources(target: Path) -> None:
    """The .py, .html and .txt files `makemessages` reads, without tests and migrations."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name in NOT_TRANSLATED | {"locale", "__pycache__"}
            or (Path(folder, name).is_file() and Path(name).suffix not in {".py", ".html", ".txt"})
        }

    shutil.copytree(SOURCE_DIR, target, ignore=ignore)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[MsgKey]:
    """The msgids `makemessages` finds in the code now, extracted in a temporary copy."""
    if shutil.which("xgettext") is None:
        pytest.skip("makemessages needs gettext's xgettext (apt-get install gettext)")
    source = tmp_path_factory.mktemp("messages") / "motcua"
    _copy_translatable_sources(source)
    locale = source / "locale"
    locale.mkdir()
    with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[locale]):
        patch.chdir(source)
        call_command("makemessages", locale=["vi"], verbosity=0)
    fresh = polib.pofile(str(locale / "vi" / "LC_MESSAGES" / "django.po"))
    return {_key(entry) for entry in fresh}


def test_every_msgid_in_the_code_is_in_the_catalogue(
    catalogue: polib.POFile, extracted: set[MsgKey]
) -> None:
    known = {_key(entry) for entry in catalogue}
    assert sorted(map(_label, extracted - known)) == [], "run `make messages-update`"


def test_the_catalogue_holds_no_msgid_the_code_dropped(
    catalogue: polib.POFile, extracted: set[MsgKey]
) -> None:
    stale = {_key(entry) for entry in catalogue if not entry.obsolete} - extracted
    assert sorted(map(_label, stale)) == [], "run `make messages-update`"


def test_the_catalogue_keeps_no_obsolete_entry(catalogue: polib.POFile) -> None:
    assert [_label(_key(entry)) for entry in catalogue.obsolete_entries()] == []
