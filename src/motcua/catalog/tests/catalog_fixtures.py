"""Fixtures shared by the catalog, API and portal tests (imported by their conftest.py)."""

from collections.abc import Callable
from typing import Any

import pytest

from motcua.catalog.services import ImportReport, import_catalog
from motcua.catalog.tests.documents import as_bytes, small_catalog
from motcua.organizations.models import AdministrativeLevel


@pytest.fixture
def levels(db: None) -> dict[str, AdministrativeLevel]:
    """The administrative levels after 1 Jul 2025 (district kept for history)."""
    return {
        code: AdministrativeLevel.objects.create(code=code, name=name, rank=rank, is_active=active)
        for code, name, rank, active in [
            ("province", "Cấp tỉnh", 1, True),
            ("district", "Cấp huyện", 2, False),
            ("commune", "Cấp xã", 3, True),
        ]
    }


@pytest.fixture
def import_document(levels: dict[str, AdministrativeLevel]) -> Callable[..., ImportReport]:
    """Import a document given as a dict, as the command would."""

    def run(document: Any, **options: Any) -> ImportReport:
        return import_catalog(raw=as_bytes(document), source_name="test.json", **options)

    return run


@pytest.fixture
def small_catalog_imported(import_document: Callable[..., ImportReport]) -> ImportReport:
    return import_document(small_catalog())
