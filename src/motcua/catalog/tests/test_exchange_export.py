import io
import json
from collections.abc import Callable
from datetime import date

import pytest
from openpyxl import load_workbook

from motcua.catalog.exchange_export import build_catalog_document, export_json, export_xlsx
from motcua.catalog.exchange_validation import read_catalog
from motcua.catalog.services import ImportReport
from motcua.catalog.tests.documents import ProcedureData, catalog_document, small_catalog

pytestmark = pytest.mark.django_db

LEVELS = ["province", "district", "commune"]


def test_the_json_export_is_the_imported_document(small_catalog_imported: ImportReport) -> None:
    # given the small catalog imported / when exported as JSON
    exported = json.loads(export_json(build_catalog_document()))
    # then it equals the imported document, read the same way
    expected = read_catalog(small_catalog(), known_sectors=set(), known_levels=LEVELS)
    assert exported["procedures"] == [
        entry.as_dict() for entry in sorted(expected.procedures, key=lambda entry: entry.code)
    ]
    assert exported["format"] == "motcua.catalog/1"


def test_importing_an_export_changes_nothing(
    small_catalog_imported: ImportReport, import_document: Callable[..., ImportReport]
) -> None:
    # given an export of the catalog
    exported = json.loads(export_json(build_catalog_document()))
    # when it is imported back
    report = import_document(exported)
    # then every procedure is unchanged
    assert (report.procedures_unchanged, report.changed_anything) == (5, False)


def test_the_export_holds_the_latest_version(import_document: Callable[..., ImportReport]) -> None:
    # given a procedure whose second version starts in the future
    import_document(catalog_document(ProcedureData(code="1.000001", name="Cấp bản sao")))
    later = ProcedureData(code="1.000001", name="Cấp bản sao (mới)", effective_from="2099-01-01")
    import_document(catalog_document(later))
    # when exported / then the future version is written, so a re-import is a no-op
    exported = json.loads(export_json(build_catalog_document()))
    assert exported["procedures"][0]["name"] == "Cấp bản sao (mới)"


def test_the_xlsx_export_has_a_sheet_per_level_with_readable_dates(
    small_catalog_imported: ImportReport,
) -> None:
    # given the small catalog / when exported as a workbook
    workbook = load_workbook(io.BytesIO(export_xlsx(build_catalog_document())))
    # then each level of the format has its sheet and rows
    assert workbook.sheetnames == [
        "sectors",
        "procedures",
        "variants",
        "required_documents",
        "fees",
        "process",
    ]
    procedures = workbook["procedures"]
    assert procedures.max_row == 1 + 5
    header = [cell.value for cell in procedures[1]]
    land = next(row for row in procedures.iter_rows(min_row=2) if row[0].value == "1.012790.H34")
    started = land[header.index("effective_from")]
    assert started.value.date() == date(2025, 7, 1)
    assert started.number_format == "DD/MM/YYYY"
    assert land[header.index("implementing_agencies")].value == (
        "Văn phòng đăng ký đất đai; Ủy ban nhân dân cấp xã"
    )
    assert workbook["process"].max_row == 1 + 5 + 3 + 3 + 3
