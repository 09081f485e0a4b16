from pathlib import Path

import pytest

from motcua.catalog import demo
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.queries import search_procedures
from motcua.catalog.tests.documents import SMALL_CATALOG
from motcua.organizations.models import AdministrativeLevel

pytestmark = pytest.mark.django_db


def test_without_the_data_file_the_demo_notes_it_and_does_nothing(tmp_path: Path) -> None:
    # given no demo catalog file
    said: list[str] = []
    # when the demo step runs
    demo.load(out=said.append, path=tmp_path / "demo_catalog.json")
    # then it says so and writes nothing
    assert "skipped" in said[0]
    assert ProcedureVersion.objects.count() == 0


def test_the_demo_catalog_loads_once_and_a_second_run_changes_nothing() -> None:
    # given the demo step run once on an empty database
    said: list[str] = []
    demo.load(out=said.append, path=SMALL_CATALOG)
    rows = (ProcedureVersion.objects.count(), AdministrativeLevel.objects.count())
    # when it runs again
    demo.load(out=said.append, path=SMALL_CATALOG)
    # then nothing was added
    assert rows == (5, 3)
    assert (ProcedureVersion.objects.count(), AdministrativeLevel.objects.count()) == rows
    assert said[-1] == "catalog: 5 demo procedures (0 new, 0 changed)"


def test_the_demo_keeps_administrative_levels_the_organisation_created() -> None:
    # given the organisation's own province level
    AdministrativeLevel.objects.create(code="province", name="Tỉnh", rank=1)
    # when the demo catalog loads
    demo.load(out=lambda line: None, path=SMALL_CATALOG)
    # then that level is untouched
    assert AdministrativeLevel.objects.get(code="province").name == "Tỉnh"


@pytest.mark.skipif(not demo.DEMO_CATALOG.exists(), reason="the demo catalog file is not there")
def test_the_demo_catalog_file_imports_and_finds_land_registration_first() -> None:
    # given the demo catalog file of the project / when the demo step loads it
    demo.load(out=lambda line: None)
    # then it imported whole and "dang ky dat dai" finds a land registration first
    assert ProcedureVersion.objects.count() >= 40
    first = search_procedures(q="dang ky dat dai")[0]
    assert first.name.startswith("Đăng ký đất đai")
