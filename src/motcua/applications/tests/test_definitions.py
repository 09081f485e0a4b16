"""The form files: every shipped one is valid and names real demo procedures; faults are named."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from motcua.applications import definitions
from motcua.applications.definitions import DefinitionError, read_definition_file

DEMO_CATALOG = Path(definitions.__file__).resolve().parents[1] / "catalog/data/demo_catalog.json"


def _demo_online_procedures() -> dict[str, set[str]]:
    catalog = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    return {
        procedure["code"]: {v["code"] for v in procedure["variants"] if v["online_level"] != "none"}
        for procedure in catalog["procedures"]
    }


@pytest.mark.parametrize("path", sorted(definitions.FORM_DATA.glob("*.json")), ids=lambda p: p.name)
def test_every_shipped_form_reads_and_serves_online_demo_procedures(path):
    # when
    codes, variants, definition = read_definition_file(path)
    # then
    online = _demo_online_procedures()
    for code in codes:
        assert online.get(code), f"{code} is not an online procedure of the demo catalog"
        if variants is not None:
            assert variants <= online[code]
    assert definition.fields


def _write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "form.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


GOOD_FIELD = {"name": "floors", "type": "integer", "label": {"vi": "Số tầng", "en": "Floors"}}


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        ({"format": "other/1"}, "format"),
        ({"payment": "whenever"}, "payment"),
        ({"sections": []}, "sections"),
        (
            {
                "sections": [
                    {"title": {"vi": "A", "en": "A"}, "fields": [{**GOOD_FIELD, "type": "blob"}]}
                ]
            },
            "type",
        ),
        (
            {
                "sections": [
                    {
                        "title": {"vi": "A", "en": "A"},
                        "fields": [{**GOOD_FIELD, "label": {"vi": "Số tầng"}}],
                    }
                ]
            },
            "label",
        ),
        (
            {
                "sections": [
                    {
                        "title": {"vi": "A", "en": "A"},
                        "fields": [{**GOOD_FIELD, "name": "applicant_name"}],
                    }
                ]
            },
            "name",
        ),
        (
            {
                "sections": [
                    {
                        "title": {"vi": "A", "en": "A"},
                        "fields": [{**GOOD_FIELD, "type": "text", "pattern": "^[0-9]+$"}],
                    }
                ]
            },
            "pattern_message",
        ),
        (
            {"sections": [{"title": {"vi": "A", "en": "A"}, "fields": [GOOD_FIELD, GOOD_FIELD]}]},
            "used twice",
        ),
    ],
)
def test_a_bad_form_file_is_refused_naming_the_fault(tmp_path, change, fault):
    # given
    document = {
        "format": definitions.FORMAT,
        "procedures": ["1.000001.H34"],
        "sections": [{"title": {"vi": "A", "en": "A"}, "fields": [GOOD_FIELD]}],
        **change,
    }
    # when / then
    with pytest.raises(DefinitionError, match=fault):
        read_definition_file(_write(tmp_path, document))


@pytest.mark.django_db
def test_a_variant_without_a_file_gets_the_generic_form(world, online_variant):
    # when
    definition = definitions.get_form_definition(variant=online_variant)
    # then
    assert definition.generic
    assert [item.name for item in definition.fields] == ["request_summary", "copies_requested"]


@pytest.mark.django_db
def test_a_variant_with_a_file_gets_its_form(construction_variant):
    definition = definitions.get_form_definition(variant=construction_variant)
    assert not definition.generic
    assert definition.payment == "before_submission"


def test_texts_follow_the_active_language():
    text = definitions.Text(vi="Số tầng", en="Floors")
    with translation.override("vi"):
        assert str(text) == "Số tầng"
    with translation.override("en"):
        assert str(text) == "Floors"


def test_the_building_permit_form_asks_for_lot_address_floors_and_area():
    _codes, _variants, definition = read_definition_file(
        definitions.FORM_DATA / "construction-permit.json"
    )
    names = {item.name for item in definition.fields}
    assert {"land_lot_number", "site_address", "floors", "ground_area_m2"} <= names
