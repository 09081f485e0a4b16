"""Catalog documents for tests, built with factory_boy in the `motcua.catalog/1` shape."""

import json
from pathlib import Path
from typing import Any

import factory

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL_CATALOG = FIXTURES / "small_catalog.json"

SECTORS = [
    {"code": "DDAI", "name": "Đất đai", "managing_body": "Bộ Nông nghiệp và Môi trường"},
    {"code": "HT", "name": "Hộ tịch", "managing_body": "Bộ Tư pháp"},
]


class StepData(factory.DictFactory):
    order = factory.Sequence(lambda n: n + 1)
    name = "Tiếp nhận và giải quyết hồ sơ"
    org_unit = "intake"
    role = "intake_officer"
    hours = 8


class DocumentData(factory.DictFactory):
    code = factory.Sequence(lambda n: f"TP{n:02d}")
    name = "Tờ khai theo mẫu"
    mandatory = True
    originals = 1
    copies = 0
    template_url = ""


class VariantData(factory.DictFactory):
    code = "default"
    name = ""
    processing_time = factory.Dict({"value": 1, "unit": "working_days"})
    online_level = "full"
    boundary_free = True
    postal = True
    supplement_policy = "pause"
    required_documents = factory.List([factory.SubFactory(DocumentData)])
    fees = factory.List([])
    process = factory.List([factory.SubFactory(StepData, order=1)])


class ProcedureData(factory.DictFactory):
    code = factory.Sequence(lambda n: f"1.{n:06d}.H34")
    name = factory.Sequence(lambda n: f"Cấp giấy xác nhận số {n}")
    sector = "HT"
    competence_levels = factory.List(["commune"])
    implementing_agencies = factory.List(["Ủy ban nhân dân cấp xã"])
    deciding_agency = "Ủy ban nhân dân cấp xã"
    subjects = factory.List(["citizen"])
    result = factory.Dict({"name": "Giấy xác nhận", "code": "KQ.HT.01"})
    legal_basis = factory.List(["Luật Hộ tịch số 60/2014/QH13"])
    publication_decision = ""
    effective_from = "2025-07-01"
    effective_to = None
    steps_description = "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công."
    conditions = ""
    variants = factory.List([factory.SubFactory(VariantData)])


def catalog_document(
    *procedures: dict[str, Any], sectors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "format": "motcua.catalog/1",
        "sectors": SECTORS if sectors is None else sectors,
        "procedures": list(procedures),
    }


def as_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def small_catalog() -> dict[str, Any]:
    """Five procedures in three sectors, two of them land registration."""
    return json.loads(SMALL_CATALOG.read_text(encoding="utf-8"))
