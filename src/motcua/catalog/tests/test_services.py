import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model

from motcua.audit.models import AuditEntry
from motcua.catalog.events import CatalogImported
from motcua.catalog.exchange_format import CatalogFormatError
from motcua.catalog.models import (
    CatalogAgency,
    CatalogImport,
    Fee,
    Procedure,
    ProcedureVariant,
    ProcedureVersion,
    ProcessStep,
    ProcessTemplate,
    RequiredDocument,
    Sector,
    VersionAgency,
)
from motcua.catalog.services import CHUNK_SIZE, ImportReport, import_catalog
from motcua.catalog.tests.documents import (
    ProcedureData,
    VariantData,
    as_bytes,
    catalog_document,
    small_catalog,
)
from motcua.core import events
from motcua.organizations.choices import AgencyKind
from motcua.organizations.models import AdministrativeLevel, AdministrativeUnit, Agency

pytestmark = pytest.mark.django_db

ImportDocument = Callable[..., ImportReport]
CATALOG_MODELS: list[type[Model]] = [
    Sector,
    CatalogAgency,
    Procedure,
    ProcedureVersion,
    VersionAgency,
    ProcedureVariant,
    RequiredDocument,
    Fee,
    ProcessTemplate,
    ProcessStep,
    CatalogImport,
    AuditEntry,
]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in CATALOG_MODELS}


def test_a_new_catalog_writes_every_part(import_document: ImportDocument) -> None:
    # given the small catalog / when imported
    report = import_document(small_catalog())
    # then every procedure has its first version with its variants, documents, fees and steps
    assert (report.procedures_created, report.versions_created, report.sectors_written) == (5, 0, 3)
    assert ProcedureVersion.objects.filter(number=1, is_latest=True).count() == 5
    land = ProcedureVersion.objects.get(procedure__code="1.012790.H34")
    variant = land.variants.get()
    assert variant.processing_time_for(channel="online").value == 18
    assert variant.processing_time_for(channel="counter").value == 20
    assert [d.code for d in variant.required_documents.order_by("position")] == ["TP01", "TP02"]
    assert variant.fees.get().amount_vnd == 100_000
    steps = variant.process_templates.get(agency__isnull=True).steps.order_by("order")
    assert [step.parallel_group for step in steps] == ["", "", "consult", "", ""]
    assert [link.catalog_agency.name for link in land.versionagency_set.order_by("position")] == [
        "Văn phòng đăng ký đất đai",
        "Ủy ban nhân dân cấp xã",
    ]
    assert sorted(land.competence_levels.values_list("code", flat=True)) == ["commune"]


def test_a_version_stores_its_folded_name_and_best_online_level(
    import_document: ImportDocument,
) -> None:
    # given a procedure with a partial and a full variant
    procedure = ProcedureData(
        name="Đăng ký đất đai",
        variants=[VariantData(code="a", online_level="partial"), VariantData(code="b")],
    )
    # when imported
    import_document(catalog_document(procedure))
    # then the version can be searched and filtered without reading its variants
    version = ProcedureVersion.objects.get()
    assert (version.name_folded, version.online_level) == ("dang ky dat dai", "full")


def test_importing_the_same_catalog_again_changes_nothing(
    import_document: ImportDocument,
) -> None:
    # given the small catalog imported once
    import_document(small_catalog())
    before = row_counts()
    # when imported again
    report = import_document(small_catalog())
    # then nothing is written, not even an import or audit row
    assert (report.procedures_unchanged, report.changed_anything) == (5, False)
    assert report.catalog_import is None
    assert row_counts() == before


def test_a_changed_procedure_gets_a_new_version_and_keeps_the_old_one(
    import_document: ImportDocument,
) -> None:
    # given a procedure imported once
    procedure = ProcedureData(code="1.000001", effective_from="2025-07-01")
    import_document(catalog_document(procedure))
    first = ProcedureVersion.objects.get()
    # when its processing time changes from 2026
    changed = ProcedureData(code="1.000001", effective_from="2026-01-01", name=procedure["name"])
    changed["variants"][0]["processing_time"] = {"value": 8, "unit": "working_hours"}
    report = import_document(catalog_document(changed))
    # then a second version exists and the first is untouched but no longer the latest
    assert (report.procedures_created, report.versions_created) == (0, 1)
    second = ProcedureVersion.objects.get(number=2)
    first.refresh_from_db()
    assert (first.is_latest, second.is_latest) == (False, True)
    assert first.variants.get().processing_time_value == 1
    assert second.variants.get().processing_time.unit == "working_hours"
    assert (first.superseded_on, second.superseded_on) == (date(2026, 1, 1), None)


def test_a_correction_with_the_same_start_replaces_the_version_from_that_day(
    import_document: ImportDocument,
) -> None:
    # given a procedure imported, then corrected with the same effective date
    import_document(catalog_document(ProcedureData(code="1.000001", name="Cấp bản sao")))
    import_document(catalog_document(ProcedureData(code="1.000001", name="Cấp bản sao trích lục")))
    # then the first version's span is empty and the correction is the one in force
    first, second = ProcedureVersion.objects.order_by("number")
    assert first.superseded_on == first.effective_from
    assert second.superseded_on is None


def test_a_dry_run_counts_but_writes_nothing(import_document: ImportDocument) -> None:
    # given an empty catalog / when the small catalog is imported as a dry run
    before = row_counts()
    report = import_document(small_catalog(), dry_run=True)
    # then the report counts what would be written and the database is unchanged
    assert (report.dry_run, report.procedures_created) == (True, 5)
    assert row_counts() == before


def test_a_document_with_a_bad_row_writes_nothing(import_document: ImportDocument) -> None:
    # given a catalog already holding the small catalog
    import_document(small_catalog())
    before = row_counts()
    # and a document where one new procedure among good ones is bad
    document = small_catalog()
    document["procedures"].append(ProcedureData(sector="HT"))
    document["procedures"].append(ProcedureData(sector="HT", subjects=["martian"]))
    document["procedures"][0]["name"] = "Đăng ký đất đai lần đầu (sửa đổi)"
    # when it is imported
    with pytest.raises(CatalogFormatError) as caught:
        import_document(document)
    # then the bad row is named and no row changed
    assert [problem.path for problem in caught.value.problems] == ["procedures[6].subjects[0]"]
    assert row_counts() == before


def test_an_import_writes_one_audit_row_with_its_summary(import_document: ImportDocument) -> None:
    # given an empty catalog / when the small catalog is imported
    report = import_document(small_catalog())
    # then one audit row describes the import
    entry = AuditEntry.objects.get(action="catalog.imported")
    assert report.catalog_import is not None
    assert entry.object_id == str(report.catalog_import.pk)
    assert entry.after is not None
    assert (entry.after["procedures_created"], entry.after["source"]) == (5, "test.json")


def test_an_import_publishes_the_written_codes_after_commit(
    import_document: ImportDocument,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a listener of catalog imports
    heard: list[CatalogImported] = []
    events.subscribe(CatalogImported, heard.append)
    try:
        # when the small catalog is imported and the transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            import_document(small_catalog())
    finally:
        events.unsubscribe(CatalogImported, heard.append)
    # then the listener heard of the five procedures once
    assert len(heard) == 1
    assert sorted(heard[0].procedure_codes) == sorted(
        entry["code"] for entry in small_catalog()["procedures"]
    )


def test_an_agency_name_is_linked_to_the_organisation_agency_of_that_name(
    import_document: ImportDocument, levels: dict[str, AdministrativeLevel]
) -> None:
    # given the organisation has a "Sở Tư pháp" agency
    province = AdministrativeUnit.objects.create(
        code="56", name="Tỉnh Khánh Hòa", division_type="tỉnh", level=levels["province"]
    )
    justice = Agency.objects.create(
        code="000.07.00.H34",
        name="Sở Tư pháp",
        kind=AgencyKind.PROVINCIAL_DEPARTMENT,
        level=levels["province"],
        unit=province,
    )
    # when a procedure names it, and a generic agency
    procedure = ProcedureData(implementing_agencies=["Sở Tư pháp", "Ủy ban nhân dân cấp xã"])
    import_document(catalog_document(procedure))
    # then the first is linked and the generic name stays unlinked
    assert CatalogAgency.objects.get(name="Sở Tư pháp").agency == justice
    assert CatalogAgency.objects.get(name="Ủy ban nhân dân cấp xã").agency is None


def test_a_renamed_sector_is_updated_in_place(import_document: ImportDocument) -> None:
    # given the small catalog imported
    import_document(small_catalog())
    # when a later document renames a sector
    document = small_catalog()
    document["sectors"][2]["name"] = "Hộ tịch và chứng thực"
    report = import_document(document)
    # then the sector keeps its code and takes the new name; no procedure changes
    assert (report.sectors_written, report.versions_created) == (1, 0)
    assert Sector.objects.get(code="HT").name == "Hộ tịch và chứng thực"


def test_publication_gaps_are_recorded_on_the_version(import_document: ImportDocument) -> None:
    # given the small catalog, whose last procedure publishes almost nothing
    import_document(small_catalog())
    # then that version lists the parts it lacks
    bare = ProcedureVersion.objects.get(procedure__code="2.000001")
    assert bare.missing_parts == [
        "steps",
        "dossier_composition",
        "subjects",
        "implementing_agencies",
        "result",
    ]
    assert ProcedureVersion.objects.get(procedure__code="1.001193").is_publication_complete


def test_agency_slugs_stay_unique_when_names_fold_alike(import_document: ImportDocument) -> None:
    # given two agency names differing only by accents
    procedure = ProcedureData(implementing_agencies=["Sở Y tế", "Sở Ý tế"], deciding_agency="")
    # when imported
    import_document(catalog_document(procedure))
    # then each has its own slug
    assert sorted(CatalogAgency.objects.values_list("slug", flat=True)) == ["so-y-te", "so-y-te-2"]


def test_progress_is_reported_chunk_by_chunk(import_document: ImportDocument) -> None:
    # given a document larger than one chunk of writes
    procedures = [ProcedureData() for _ in range(CHUNK_SIZE + 10)]
    seen: list[tuple[int, int]] = []
    # when it is imported with a progress callback
    import_document(
        catalog_document(*procedures), progress=lambda done, total: seen.append((done, total))
    )
    # then each chunk reports how far the import is
    total = CHUNK_SIZE + 10
    assert seen == [(CHUNK_SIZE, total), (total, total)]


def test_the_importing_officer_is_named_on_the_import_and_its_audit_row(
    import_document: ImportDocument, django_user_model: Any
) -> None:
    # given an administrator / when they import the small catalog
    officer = django_user_model.objects.create_user("catalog.admin", full_name="Lê Văn An")
    report = import_document(small_catalog(), actor=officer)
    # then the import and its audit row name them
    assert report.catalog_import is not None
    assert report.catalog_import.actor == officer
    assert AuditEntry.objects.get(action="catalog.imported").actor == officer


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_write_each_procedure_once(
    levels: dict[str, AdministrativeLevel],
) -> None:
    # given two officers importing the same new catalog at the same moment
    raw = as_bytes(small_catalog())
    failures: list[Exception] = []

    def run() -> None:
        try:
            import_catalog(raw=raw, source_name="same.json")
        except Exception as error:  # a collision would surface here
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    # when both run
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one wrote the catalog and the other found it unchanged
    assert failures == []
    assert ProcedureVersion.objects.count() == 5
    assert CatalogImport.objects.count() == 1
