"""Django's strings listed for motcua's catalogue are still Django's own."""

import ast
from pathlib import Path

import django
import polib
import pytest

from motcua.core import framework_messages

pytestmark = pytest.mark.translations

DJANGO_DIR = Path(django.__file__).parent
ENGLISH_CATALOGUES = ["conf", "contrib/admin", "contrib/auth"]


def _listed() -> list[tuple[str, ...]]:
    """The (msgid,) or (msgid, msgid_plural) of every call in the module."""
    tree = ast.parse(Path(framework_messages.__file__).read_text("utf-8"))
    return [
        tuple(argument.value for argument in node.args if isinstance(argument.value, str))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"gettext_noop", "ngettext_lazy"}
        and all(isinstance(argument, ast.Constant) for argument in node.args)
    ]


def test_every_listed_string_is_a_msgid_of_django() -> None:
    # given Django's English catalogues, which hold every msgid of this Django version
    known: set[tuple[str, ...]] = set()
    for name in ENGLISH_CATALOGUES:
        for entry in polib.pofile(str(DJANGO_DIR / name / "locale/en/LC_MESSAGES/django.po")):
            known.add((entry.msgid, entry.msgid_plural) if entry.msgid_plural else (entry.msgid,))
    # then nothing listed was reworded or dropped by an upgrade (it would stay English)
    listed = _listed()
    assert len(listed) > 90
    assert [entry for entry in listed if entry not in known] == []
