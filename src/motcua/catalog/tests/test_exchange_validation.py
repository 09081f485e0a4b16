import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from motcua.catalog.exchange_format import CatalogFormatError, FormatProblem
from motcua.catalog.exchange_validation import parse_json, read_catalog
from motcua.catalog.tests.documents import (
    DocumentData,
    ProcedureData,
    StepData,
    VariantData,
    catalog_document,
    small_catalog,
)

LEVELS = ["province", "district", "commune"]


def problems_of(document: Any, *, known_sectors: set[str] | None = None) -> list[FormatProblem]:
    with pytest.raises(CatalogFormatError) as caught:
        read_catalog(document, known_sectors=known_sectors or set(), known_levels=LEVELS)
    return caught.value.problems


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(procedure: dict[str, Any]) -> None:
        target = procedure
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def mutate(procedure: dict[str, Any]) -> None:
        target = procedure
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BAD_VALUES = [
    ("code missing", _delete(["code"]), "procedures[0].code"),
    ("code with a space", _set(["code"], "1.000 948"), "procedures[0].code"),
    ("name empty", _set(["name"], "   "), "procedures[0].name"),
    ("name not a string", _set(["name"], 12), "procedures[0].name"),
    ("name too long", _set(["name"], "a" * 501), "procedures[0].name"),
    ("sector not declared", _set(["sector"], "XX"), "procedures[0].sector"),
    (
        "level unknown",
        _set(["competence_levels"], ["hamlet"]),
        "procedures[0].competence_levels[0]",
    ),
    ("no level", _set(["competence_levels"], []), "procedures[0].competence_levels"),
    (
        "level repeated",
        _set(["competence_levels"], ["commune", "commune"]),
        "procedures[0].competence_levels[1]",
    ),
    ("subject unknown", _set(["subjects"], ["alien"]), "procedures[0].subjects[0]"),
    (
        "agencies not a list",
        _set(["implementing_agencies"], "UBND"),
        "procedures[0].implementing_agencies",
    ),
    ("result not an object", _set(["result"], "Giấy"), "procedures[0].result"),
    ("effective_from missing", _delete(["effective_from"]), "procedures[0].effective_from"),
    (
        "effective_from not ISO",
        _set(["effective_from"], "01/07/2025"),
        "procedures[0].effective_from",
    ),
    (
        "effective_from impossible",
        _set(["effective_from"], "2025-02-30"),
        "procedures[0].effective_from",
    ),
    (
        "effective_to before from",
        _set(["effective_to"], "2025-06-30"),
        "procedures[0].effective_to",
    ),
    ("unknown field", _set(["procesing_time"], 3), "procedures[0].procesing_time"),
    ("no variant", _set(["variants"], []), "procedures[0].variants"),
    (
        "variant code not a slug",
        _set(["variants", 0, "code"], "Mặc định"),
        "procedures[0].variants[0].code",
    ),
    (
        "time unit unknown",
        _set(["variants", 0, "processing_time", "unit"], "weeks"),
        "procedures[0].variants[0].processing_time.unit",
    ),
    (
        "time value zero",
        _set(["variants", 0, "processing_time", "value"], 0),
        "procedures[0].variants[0].processing_time.value",
    ),
    (
        "time value fractional",
        _set(["variants", 0, "processing_time", "value"], 1.5),
        "procedures[0].variants[0].processing_time.value",
    ),
    (
        "time missing",
        _delete(["variants", 0, "processing_time"]),
        "procedures[0].variants[0].processing_time",
    ),
    (
        "channel unknown",
        _set(
            ["variants", 0, "processing_time_by_channel"],
            {"fax": {"value": 1, "unit": "working_days"}},
        ),
        "procedures[0].variants[0].processing_time_by_channel.fax",
    ),
    (
        "online level unknown",
        _set(["variants", 0, "online_level"], "level4"),
        "procedures[0].variants[0].online_level",
    ),
    (
        "boundary_free as a number",
        _set(["variants", 0, "boundary_free"], 1),
        "procedures[0].variants[0].boundary_free",
    ),
    ("postal missing", _delete(["variants", 0, "postal"]), "procedures[0].variants[0].postal"),
    (
        "supplement policy unknown",
        _set(["variants", 0, "supplement_policy"], "cancel"),
        "procedures[0].variants[0].supplement_policy",
    ),
    (
        "document name missing",
        _delete(["variants", 0, "required_documents", 0, "name"]),
        "procedures[0].variants[0].required_documents[0].name",
    ),
    (
        "copies negative",
        _set(["variants", 0, "required_documents", 0, "copies"], -1),
        "procedures[0].variants[0].required_documents[0].copies",
    ),
    (
        "template link to a script",
        _set(["variants", 0, "required_documents", 0, "template_url"], "javascript:alert(1)"),
        "procedures[0].variants[0].required_documents[0].template_url",
    ),
    (
        "fee kind unknown",
        _set(["variants", 0, "fees"], [{"kind": "tax", "name": "Thuế", "amount_vnd": 1}]),
        "procedures[0].variants[0].fees[0].kind",
    ),
    (
        "fee amount negative",
        _set(["variants", 0, "fees"], [{"kind": "fee", "name": "Phí", "amount_vnd": -5}]),
        "procedures[0].variants[0].fees[0].amount_vnd",
    ),
    (
        "fee amount as text",
        _set(["variants", 0, "fees"], [{"kind": "fee", "name": "Phí", "amount_vnd": "50.000"}]),
        "procedures[0].variants[0].fees[0].amount_vnd",
    ),
    (
        "step role unknown",
        _set(["variants", 0, "process", 0, "role"], "janitor"),
        "procedures[0].variants[0].process[0].role",
    ),
    (
        "step hours zero",
        _set(["variants", 0, "process", 0, "hours"], 0),
        "procedures[0].variants[0].process[0].hours",
    ),
    (
        "step budgets short of the time",
        _set(["variants", 0, "process", 0, "hours"], 7),
        "procedures[0].variants[0].process",
    ),
    ("name with a NUL byte", _set(["name"], "Cấp\x00"), "procedures[0].name"),
]


@pytest.mark.parametrize(
    ("mutate", "path"),
    [pytest.param(mutate, path, id=label) for label, mutate, path in BAD_VALUES],
)
def test_a_bad_value_is_reported_at_its_json_path(
    mutate: Callable[[dict[str, Any]], None], path: str
) -> None:
    # given a valid procedure with one bad value
    procedure = ProcedureData(code="1.000001.H34")
    mutate(procedure)
    # when the document is read
    problems = problems_of(catalog_document(procedure))
    # then the problem names the value's path and the procedure
    assert [problem.path for problem in problems] == [path]
    assert problems[0].procedure_code == "1.000001.H34" or path == "procedures[0].code"
    assert "(" in problems[0].reason


def test_every_bad_row_is_reported_not_only_the_first() -> None:
    # given a document of ten procedures, three of them bad
    procedures = [ProcedureData() for _ in range(10)]
    procedures[2]["sector"] = "NOPE"
    procedures[5]["variants"][0]["processing_time"]["unit"] = "weeks"
    procedures[9]["effective_from"] = "yesterday"
    # when it is read
    problems = problems_of(catalog_document(*procedures))
    # then the three rows are named with their positions and codes
    assert [problem.path for problem in problems] == [
        "procedures[2].sector",
        "procedures[5].variants[0].processing_time.unit",
        "procedures[9].effective_from",
    ]
    assert [problem.procedure_code for problem in problems] == [
        procedures[2]["code"],
        procedures[5]["code"],
        procedures[9]["code"],
    ]


def test_a_repeated_procedure_code_is_reported_at_the_second_row() -> None:
    first, second = ProcedureData(code="1.000001"), ProcedureData(code="1.000001")
    problems = problems_of(catalog_document(first, second))
    assert [problem.path for problem in problems] == ["procedures[1].code"]
    assert "procedures[0]" in problems[0].reason


def test_the_format_name_is_required() -> None:
    document = catalog_document(ProcedureData())
    document["format"] = "motcua.catalog/2"
    assert [problem.path for problem in problems_of(document)] == ["format"]


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert [problem.path for problem in problems_of([1, 2])] == ["$"]


def test_a_sector_already_in_the_database_may_be_referred_to_without_being_declared() -> None:
    # given a document without sectors referring to a sector the database knows
    document = catalog_document(ProcedureData(sector="XD"), sectors=[])
    # when it is read with that sector known
    catalog = read_catalog(document, known_sectors={"XD"}, known_levels=LEVELS)
    # then it is accepted
    assert catalog.procedures[0].sector == "XD"


def test_parallel_steps_count_their_longest_step_in_the_budget() -> None:
    # given 3 working days (24 hours): 4 + max(16, 12) + 4
    variant = VariantData(
        processing_time={"value": 3, "unit": "working_days"},
        process=[
            StepData(order=1, hours=4),
            StepData(order=2, hours=16, parallel_group="consult", role="handler"),
            StepData(order=3, hours=12, parallel_group="consult", role="handler"),
            StepData(order=4, hours=4),
        ],
    )
    # when read / then the budget holds
    catalog = read_catalog(
        catalog_document(ProcedureData(variants=[variant])),
        known_sectors=set(),
        known_levels=LEVELS,
    )
    assert [step.order for step in catalog.procedures[0].variants[0].process] == [1, 2, 3, 4]


def test_text_comes_back_in_nfc_with_spaces_tidied() -> None:
    # given a name typed in decomposed form with doubled spaces
    decomposed = unicodedata.normalize("NFD", "Đăng  ký   khai sinh ")
    procedure = ProcedureData(name=decomposed)
    # when read
    catalog = read_catalog(catalog_document(procedure), known_sectors=set(), known_levels=LEVELS)
    # then the name is NFC with single spaces
    assert catalog.procedures[0].name == "Đăng ký khai sinh"


def test_competence_levels_come_back_top_tier_first() -> None:
    procedure = ProcedureData(competence_levels=["commune", "province"])
    catalog = read_catalog(catalog_document(procedure), known_sectors=set(), known_levels=LEVELS)
    assert catalog.procedures[0].competence_levels == ["province", "commune"]


def test_optional_fields_take_their_defaults() -> None:
    # given a document item without its optional fields
    procedure = ProcedureData()
    for key in ("deciding_agency", "publication_decision", "conditions", "effective_to"):
        del procedure[key]
    document = DocumentData()
    for key in ("mandatory", "originals", "copies", "template_url"):
        del document[key]
    procedure["variants"][0]["required_documents"] = [document]
    # when read
    catalog = read_catalog(catalog_document(procedure), known_sectors=set(), known_levels=LEVELS)
    # then the defaults of the format apply
    entry = catalog.procedures[0]
    assert (entry.deciding_agency, entry.effective_to) == ("", None)
    read_document = entry.variants[0].required_documents[0]
    assert (read_document.mandatory, read_document.originals, read_document.copies) == (True, 0, 0)


def test_the_small_fixture_catalog_is_valid() -> None:
    catalog = read_catalog(small_catalog(), known_sectors=set(), known_levels=LEVELS)
    assert len(catalog.procedures) == 5


def test_the_content_hash_ignores_layout_and_spacing() -> None:
    # given the same procedure twice, once with extra spaces
    tidy = ProcedureData(code="1.000001")
    messy = {**tidy, "name": f"  {tidy['name']}  "}
    # when both are read
    first = read_catalog(catalog_document(tidy), known_sectors=set(), known_levels=LEVELS)
    second = read_catalog(catalog_document(messy), known_sectors=set(), known_levels=LEVELS)
    # then their hashes are equal
    assert first.procedures[0].content_hash() == second.procedures[0].content_hash()


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b'{"format": "motcua.catalog/1",\n "procedures": [,]}', "dòng 2"),
        ("{}".encode("utf-16"), "UTF-8"),
    ],
)
def test_a_file_that_is_not_utf8_json_is_refused_with_its_position(
    raw: bytes, fragment: str
) -> None:
    with pytest.raises(CatalogFormatError) as caught:
        parse_json(raw)
    assert fragment in caught.value.problems[0].reason
