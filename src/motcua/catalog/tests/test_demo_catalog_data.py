"""Invariants of the demo procedure catalog (docs/catalog-format.md, `motcua.catalog/1`).

The file is data, so these tests read it as plain JSON: no database is touched.
"""

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from motcua.core.text import fold

CATALOG_PATH = Path(__file__).resolve().parents[1] / "data" / "demo_catalog.json"
CATALOG_TEXT = CATALOG_PATH.read_text(encoding="utf-8")
CATALOG: dict[str, Any] = json.loads(CATALOG_TEXT)
PROCEDURES: list[dict[str, Any]] = CATALOG["procedures"]
VARIANTS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (procedure, variant) for procedure in PROCEDURES for variant in procedure["variants"]
]
VARIANT_IDS = [f"{procedure['code']}/{variant['code']}" for procedure, variant in VARIANTS]

# docs/catalog-format.md: a working day is 8 hours; for budgeting a calendar day counts 8 hours
# and a month 30 x 8 = 240 hours.
HOURS_PER_UNIT = {"working_hours": 1, "working_days": 8, "calendar_days": 8, "months": 240}
LEVELS = {"province", "commune"}
SUBJECTS = {"citizen", "business", "organization"}
ONLINE_LEVELS = {"none", "partial", "full"}
SUPPLEMENT_POLICIES = {"restart", "pause"}
FEE_KINDS = {"fee", "charge"}
CHANNELS = {"counter", "online", "postal"}
# Post-2025 names of the demo province's bodies, as the organisation app creates them.
AGENCIES = {
    "Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân cấp xã",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nội vụ",
    "Sở Công Thương",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Công an tỉnh",
    "Văn phòng đăng ký đất đai",
}
NATIONAL_CODE = re.compile(r"^[1-9]\.\d{6}$")
SECTOR_CODE = re.compile(r"^[A-Z]{2,8}$")
DOCUMENT_CODE = re.compile(r"^TP\d{2}$")
RESULT_CODE = re.compile(r"^KQ(\.[A-Z0-9]+)+$")
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)


def _budget_hours(process: list[dict[str, Any]]) -> int:
    """Sequential steps plus the longest step of each parallel group."""
    sequential = sum(step["hours"] for step in process if not step.get("parallel_group"))
    groups: dict[str, int] = {}
    for step in process:
        group = step.get("parallel_group")
        if group:
            groups[group] = max(groups.get(group, 0), step["hours"])
    return sequential + sum(groups.values())


def test_document_declares_the_exchange_format() -> None:
    # given / when
    declared = CATALOG["format"]

    # then
    assert declared == "motcua.catalog/1"


def test_file_is_written_with_two_space_indentation_and_unescaped_text() -> None:
    # given
    written = CATALOG_TEXT

    # when
    canonical = json.dumps(CATALOG, ensure_ascii=False, indent=2) + "\n"

    # then
    assert written == canonical


def test_every_text_is_nfc() -> None:
    # given / when
    not_nfc = [text for text in _strings(CATALOG) if unicodedata.normalize("NFC", text) != text]

    # then
    assert not_nfc == []


def test_catalog_has_at_least_forty_procedures() -> None:
    assert len(PROCEDURES) >= 40


def test_catalog_has_at_least_eight_sectors() -> None:
    assert len(CATALOG["sectors"]) >= 8


def test_sector_codes_are_unique_short_uppercase_ascii() -> None:
    # given
    codes = [sector["code"] for sector in CATALOG["sectors"]]

    # when
    malformed = [code for code in codes if not SECTOR_CODE.match(code)]

    # then
    assert malformed == []
    assert len(codes) == len(set(codes))


def test_every_procedure_sector_is_declared() -> None:
    # given
    declared = {sector["code"] for sector in CATALOG["sectors"]}

    # when
    undeclared = {p["code"]: p["sector"] for p in PROCEDURES if p["sector"] not in declared}

    # then
    assert undeclared == {}


def test_every_declared_sector_has_a_procedure() -> None:
    # given
    used = {procedure["sector"] for procedure in PROCEDURES}

    # when
    empty = [sector["code"] for sector in CATALOG["sectors"] if sector["code"] not in used]

    # then
    assert empty == []


def test_procedure_codes_are_unique() -> None:
    # given / when
    duplicates = [code for code, n in Counter(p["code"] for p in PROCEDURES).items() if n > 1]

    # then
    assert duplicates == []


def test_procedure_codes_are_bare_national_codes() -> None:
    # given / when
    malformed = [p["code"] for p in PROCEDURES if not NATIONAL_CODE.match(p["code"])]

    # then
    assert malformed == []


def test_procedure_names_are_unique() -> None:
    # given / when
    names = Counter(fold(p["name"]) for p in PROCEDURES)

    # then
    assert [name for name, n in names.items() if n > 1] == []


def test_result_type_codes_are_unique_and_well_formed() -> None:
    # given
    codes = [p["result"]["code"] for p in PROCEDURES]

    # when
    malformed = [code for code in codes if not RESULT_CODE.match(code)]

    # then
    assert malformed == []
    assert len(codes) == len(set(codes))


def test_competence_levels_are_province_or_commune() -> None:
    # given / when
    wrong = {p["code"]: p["competence_levels"] for p in PROCEDURES if not p["competence_levels"]}
    wrong |= {
        p["code"]: p["competence_levels"]
        for p in PROCEDURES
        if not set(p["competence_levels"]) <= LEVELS
    }

    # then
    assert wrong == {}


def test_subjects_are_from_the_allowed_set() -> None:
    # given / when
    wrong = {p["code"]: p["subjects"] for p in PROCEDURES if not p["subjects"]}
    wrong |= {p["code"]: p["subjects"] for p in PROCEDURES if not set(p["subjects"]) <= SUBJECTS}

    # then
    assert wrong == {}


def test_agencies_are_the_demo_province_bodies() -> None:
    # given / when
    unknown = {
        p["code"]: name
        for p in PROCEDURES
        for name in [*p["implementing_agencies"], p["deciding_agency"]]
        if name not in AGENCIES
    }

    # then
    assert unknown == {}


def test_procedures_cite_a_legal_basis_and_a_publication_decision() -> None:
    # given / when
    missing = [
        p["code"]
        for p in PROCEDURES
        if not p["legal_basis"] or not p["publication_decision"].startswith("Quyết định số ")
    ]

    # then
    assert missing == []


def test_effective_dates_are_iso_dates_with_an_open_end() -> None:
    # given / when
    starts = [date.fromisoformat(p["effective_from"]) for p in PROCEDURES]
    ends = [p["effective_to"] for p in PROCEDURES]

    # then
    assert min(starts) >= date(2025, 1, 1)
    assert set(ends) == {None}


@pytest.mark.parametrize(("procedure", "variant"), VARIANTS, ids=VARIANT_IDS)
def test_variant_fields_use_the_allowed_values(
    procedure: dict[str, Any], variant: dict[str, Any]
) -> None:
    # given
    time = variant["processing_time"]

    # when / then
    assert SLUG.match(variant["code"])
    assert time["unit"] in HOURS_PER_UNIT
    assert isinstance(time["value"], int)
    assert time["value"] >= 1
    assert set(variant.get("processing_time_by_channel", {})) <= CHANNELS
    assert variant["online_level"] in ONLINE_LEVELS
    assert variant["supplement_policy"] in SUPPLEMENT_POLICIES
    assert isinstance(variant["boundary_free"], bool)
    assert isinstance(variant["postal"], bool)


@pytest.mark.parametrize(("procedure", "variant"), VARIANTS, ids=VARIANT_IDS)
def test_step_budgets_sum_to_the_processing_time(
    procedure: dict[str, Any], variant: dict[str, Any]
) -> None:
    # given
    time = variant["processing_time"]
    statutory_hours = time["value"] * HOURS_PER_UNIT[time["unit"]]

    # when
    budgeted = _budget_hours(variant["process"])

    # then
    assert budgeted == statutory_hours


@pytest.mark.parametrize(("procedure", "variant"), VARIANTS, ids=VARIANT_IDS)
def test_process_steps_are_ordered_and_budgeted(
    procedure: dict[str, Any], variant: dict[str, Any]
) -> None:
    # given
    process = variant["process"]

    # when
    orders = [step["order"] for step in process]

    # then
    assert orders == list(range(1, len(process) + 1))
    assert all(isinstance(step["hours"], int) and step["hours"] >= 1 for step in process)
    assert all(SLUG.match(step["org_unit"]) and step["role"] for step in process)


@pytest.mark.parametrize(("procedure", "variant"), VARIANTS, ids=VARIANT_IDS)
def test_parallel_groups_are_runs_of_at_least_two_steps(
    procedure: dict[str, Any], variant: dict[str, Any]
) -> None:
    # given
    members = Counter(s["parallel_group"] for s in variant["process"] if s.get("parallel_group"))

    # when / then
    assert all(count >= 2 for count in members.values())


@pytest.mark.parametrize(("procedure", "variant"), VARIANTS, ids=VARIANT_IDS)
def test_required_documents_are_coded_and_counted(
    procedure: dict[str, Any], variant: dict[str, Any]
) -> None:
    # given
    documents = variant["required_documents"]
    codes = [document["code"] for document in documents]

    # when / then
    assert documents
    assert all(DOCUMENT_CODE.match(code) for code in codes)
    assert len(codes) == len(set(codes))
    assert any(document["mandatory"] for document in documents)
    assert all(document["originals"] >= 0 and document["copies"] >= 0 for document in documents)


@pytest.mark.parametrize(("procedure", "variant"), VARIANTS, ids=VARIANT_IDS)
def test_fees_have_a_kind_a_positive_amount_and_a_legal_basis(
    procedure: dict[str, Any], variant: dict[str, Any]
) -> None:
    # given
    fees = variant["fees"]

    # when / then
    assert all(fee["kind"] in FEE_KINDS for fee in fees)
    assert all(isinstance(fee["amount_vnd"], int) and fee["amount_vnd"] > 0 for fee in fees)
    assert all(fee["name"] and fee["legal_basis"] for fee in fees)


def test_variant_codes_are_unique_within_a_procedure() -> None:
    # given / when
    repeated = [
        p["code"]
        for p in PROCEDURES
        if len({v["code"] for v in p["variants"]}) != len(p["variants"])
    ]

    # then
    assert repeated == []


def test_every_time_unit_is_used() -> None:
    # given / when
    units = {variant["processing_time"]["unit"] for _, variant in VARIANTS}

    # then
    assert units == set(HOURS_PER_UNIT)


def test_both_supplement_policies_are_used() -> None:
    # given / when
    policies = {variant["supplement_policy"] for _, variant in VARIANTS}

    # then
    assert policies == SUPPLEMENT_POLICIES


def test_every_online_level_is_used_with_several_offline_procedures() -> None:
    # given / when
    levels = Counter(variant["online_level"] for _, variant in VARIANTS)

    # then
    assert set(levels) == ONLINE_LEVELS
    assert levels["none"] >= 3


def test_some_variant_runs_a_parallel_consultation() -> None:
    # given / when
    parallel = [
        variant_id
        for variant_id, (_, variant) in zip(VARIANT_IDS, VARIANTS, strict=True)
        if any(step.get("parallel_group") for step in variant["process"])
    ]

    # then
    assert len(parallel) >= 1


def test_an_inter_agency_procedure_spans_two_agencies() -> None:
    # given / when
    inter_agency = [
        p["code"]
        for p in PROCEDURES
        if fold(p["name"]).startswith("lien thong") and len(p["implementing_agencies"]) >= 2
    ]

    # then
    assert inter_agency


def test_land_registration_procedures_match_a_folded_search_first() -> None:
    # given
    query = fold("dang ky dat dai")

    # when
    prefixed = [p["code"] for p in PROCEDURES if fold(p["name"]).startswith(query)]
    containing = [p["code"] for p in PROCEDURES if query in fold(p["name"])]

    # then
    assert len(prefixed) >= 2
    assert set(prefixed) <= set(containing)
    assert all(p["sector"] == "DDAI" for p in PROCEDURES if p["code"] in containing)


def test_land_change_registration_is_present() -> None:
    # given / when
    changes = [p for p in PROCEDURES if fold(p["name"]).startswith("dang ky bien dong")]

    # then
    assert changes
    assert all(p["sector"] == "DDAI" for p in changes)


def test_individual_house_construction_permit_is_online_and_fee_bearing() -> None:
    # given
    permits = [p for p in PROCEDURES if fold(p["name"]).startswith("cap giay phep xay dung")]

    # when
    house_variants = [
        variant
        for permit in permits
        for variant in permit["variants"]
        if "nha o rieng le" in fold(variant["name"])
    ]

    # then
    assert house_variants
    assert all(v["online_level"] in {"partial", "full"} for v in house_variants)
    assert all(v["fees"] for v in house_variants)
