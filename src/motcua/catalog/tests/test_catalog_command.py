import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from motcua.catalog.models import CatalogImport, Procedure, ProcedureVersion
from motcua.catalog.services import ImportReport
from motcua.catalog.tests.documents import ProcedureData, as_bytes, small_catalog
from motcua.organizations.models import AdministrativeLevel

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("catalog", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_of_a_file_with_three_bad_rows_names_them_and_writes_nothing(
    levels: dict[str, AdministrativeLevel], tmp_path: Path
) -> None:
    # given a file of twenty procedures, three of them bad
    procedures = [ProcedureData() for _ in range(20)]
    procedures[3]["variants"][0]["processing_time"]["unit"] = "weeks"
    procedures[11]["competence_levels"] = ["district-x"]
    procedures[17]["variants"][0]["fees"] = [{"kind": "fee", "name": "Phí", "amount_vnd": -1}]
    document = small_catalog() | {"procedures": procedures}
    path = tmp_path / "catalog.json"
    path.write_bytes(as_bytes(document))
    # when it is imported
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 problem"):
        call_command("catalog", "import", str(path), stdout=io.StringIO(), stderr=err)
    # then each bad row is named by position and code, and nothing was written
    lines = err.getvalue().splitlines()
    assert [line.split(" ")[0] for line in lines] == [
        "procedures[3].variants[0].processing_time.unit",
        "procedures[11].competence_levels[0]",
        "procedures[17].variants[0].fees[0].amount_vnd",
    ]
    assert procedures[11]["code"] in lines[1]
    assert (Procedure.objects.count(), CatalogImport.objects.count()) == (0, 0)


def test_import_reports_what_it_wrote(
    levels: dict[str, AdministrativeLevel], tmp_path: Path
) -> None:
    path = tmp_path / "catalog.json"
    path.write_bytes(as_bytes(small_catalog()))
    out, _ = run("import", str(path))
    assert "wrote 5 new procedures" in out
    assert ProcedureVersion.objects.count() == 5


def test_a_dry_run_writes_nothing(levels: dict[str, AdministrativeLevel], tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_bytes(as_bytes(small_catalog()))
    out, _ = run("import", str(path), "--dry-run")
    assert "would write 5 new procedures" in out
    assert Procedure.objects.count() == 0


def test_a_missing_file_is_a_clear_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run("import", str(tmp_path / "absent.json"))


def test_export_writes_json_to_a_file(small_catalog_imported: ImportReport, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    out, _ = run("export", "--output", str(path))
    assert "5 procedures written" in out
    assert len(json.loads(path.read_text(encoding="utf-8"))["procedures"]) == 5


def test_export_prints_json_without_an_output(small_catalog_imported: ImportReport) -> None:
    out, _ = run("export")
    assert json.loads(out)["sectors"][0]["code"] == "DDAI"


def test_export_as_xlsx_needs_a_file(small_catalog_imported: ImportReport) -> None:
    with pytest.raises(CommandError, match="--output"):
        run("export", "--format", "xlsx")


def test_export_as_xlsx_writes_a_workbook(
    small_catalog_imported: ImportReport, tmp_path: Path
) -> None:
    path = tmp_path / "catalog.xlsx"
    run("export", "--format", "xlsx", "--output", str(path))
    assert path.read_bytes()[:2] == b"PK"


def test_the_export_of_an_import_imports_as_unchanged(
    small_catalog_imported: ImportReport,
    tmp_path: Path,
    import_document: Callable[..., ImportReport],
) -> None:
    path = tmp_path / "out.json"
    run("export", "--output", str(path))
    out, _ = run("import", str(path))
    assert out.startswith("nothing to change")
