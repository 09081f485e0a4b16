"""Applicants, variants and a form file for the application tests (on the dossiers' world)."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.applications import definitions
from motcua.catalog.models import ProcedureVariant
from motcua.dossiers.tests.world import ONLINE_PROCEDURE, PROVINCIAL_PROCEDURE, World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n0\n%%EOF\n"

CONSTRUCTION_FORM: dict[str, Any] = {
    "format": "motcua.application-form/1",
    "procedures": [PROVINCIAL_PROCEDURE],
    "payment": "before_submission",
    "sections": [
        {
            "title": {"vi": "Công trình", "en": "The building"},
            "fields": [
                {
                    "name": "land_lot_number",
                    "type": "text",
                    "required": True,
                    "pattern": "^[0-9]{1,6}$",
                    "pattern_message": {"vi": "Số thửa gồm chữ số.", "en": "Digits only."},
                    "label": {"vi": "Thửa đất số", "en": "Land lot number"},
                },
                {
                    "name": "floors",
                    "type": "integer",
                    "required": True,
                    "min": 1,
                    "max": 7,
                    "label": {"vi": "Số tầng", "en": "Floors"},
                },
                {
                    "name": "ground_area_m2",
                    "type": "decimal",
                    "required": True,
                    "min": 1,
                    "label": {"vi": "Diện tích (m²)", "en": "Area (m²)"},
                },
                {
                    "name": "expected_start_on",
                    "type": "date",
                    "label": {"vi": "Ngày khởi công", "en": "Start of works"},
                },
            ],
        }
    ],
}


def pdf(name: str = "don.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def applicant_answers(world: World, **extra: str) -> dict[str, str]:
    return {
        "applicant_name": "Nguyễn Văn An",
        "applicant_id_number": "056090000123",
        "applicant_phone": "0912345678",
        "applicant_email": "an@example.vn",
        "applicant_address": "12 Trần Phú, Nha Trang",
        "service_centre": world.province_centre.code,
        "return_method": "online",
        # the generic form's one required answer (other forms drop it)
        "request_summary": "Xin cấp giấy phép kinh doanh vận tải hành khách",
        **extra,
    }


@pytest.fixture
def construction_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The form files: the shipped ones plus a building-permit form for the test catalog."""
    for shipped in definitions.FORM_DATA.glob("*.json"):
        (tmp_path / shipped.name).write_bytes(shipped.read_bytes())
    (tmp_path / "test-construction.json").write_text(
        json.dumps(CONSTRUCTION_FORM, ensure_ascii=False), encoding="utf-8"
    )
    monkeypatch.setattr(definitions, "FORM_DATA", tmp_path)
    definitions.forget_definitions()
    yield tmp_path
    definitions.forget_definitions()


@pytest.fixture
def applicant(world: World) -> User:
    return UserFactory(
        username="056090000123",
        full_name="Nguyễn Văn An",
        national_id="056090000123",
        phone="0912345678",
        phone_verified_at=None,
        address="12 Trần Phú, Nha Trang",
    )


def variant_of(code: str) -> ProcedureVariant:
    return ProcedureVariant.objects.select_related("version__procedure").get(
        version__procedure__code=code, version__is_latest=True
    )


@pytest.fixture
def online_variant(world: World) -> ProcedureVariant:
    return variant_of(ONLINE_PROCEDURE)


@pytest.fixture
def construction_variant(world: World, construction_form: Path) -> ProcedureVariant:
    return variant_of(PROVINCIAL_PROCEDURE)
