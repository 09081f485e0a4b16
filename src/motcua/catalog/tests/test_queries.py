from collections.abc import Callable
from datetime import date

import pytest

from motcua.catalog import queries
from motcua.catalog.choices import OnlineLevel
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import ImportReport
from motcua.catalog.tests.documents import ProcedureData, catalog_document

pytestmark = pytest.mark.django_db

ImportDocument = Callable[..., ImportReport]


@pytest.fixture
def two_versions(import_document: ImportDocument) -> None:
    """Procedure 1.000001: version 1 from 1 Jul 2025, version 2 from 1 Jan 2026."""
    import_document(catalog_document(ProcedureData(code="1.000001", name="Cấp bản sao")))
    import_document(
        catalog_document(
            ProcedureData(code="1.000001", name="Cấp bản sao", effective_from="2026-01-01")
            | {"conditions": "Có giấy tờ tùy thân."}
        )
    )


@pytest.mark.parametrize(
    ("on", "number"),
    [
        (date(2025, 7, 1), 1),
        (date(2025, 12, 31), 1),
        (date(2026, 1, 1), 2),
        (date(2030, 1, 1), 2),
    ],
)
def test_the_current_version_is_the_one_in_force_on_the_day(
    two_versions: None, on: date, number: int
) -> None:
    assert queries.get_current_version(code="1.000001", on=on).number == number


def test_nothing_is_in_force_before_the_first_version(two_versions: None) -> None:
    with pytest.raises(ProcedureVersion.DoesNotExist):
        queries.get_current_version(code="1.000001", on=date(2025, 6, 30))


def test_an_expired_procedure_has_no_current_version(import_document: ImportDocument) -> None:
    # given a procedure abolished after 31 Dec 2025
    import_document(catalog_document(ProcedureData(code="1.000002", effective_to="2025-12-31")))
    # then it is in force on its last day and not the day after
    assert queries.get_current_version(code="1.000002", on=date(2025, 12, 31)).number == 1
    with pytest.raises(ProcedureVersion.DoesNotExist):
        queries.get_current_version(code="1.000002", on=date(2026, 1, 1))


def test_a_received_dossier_can_reread_its_version(two_versions: None) -> None:
    # given the version a dossier was received under in 2025
    received_under = queries.get_current_version(code="1.000001", on=date(2025, 9, 1))
    # when it is read back by number after the catalog moved on
    again = queries.get_version(code="1.000001", number=received_under.number)
    # then it is the same, unchanged content
    assert (again.pk, again.conditions) == (received_under.pk, "")


def test_the_list_holds_one_version_per_procedure_in_force(two_versions: None) -> None:
    listed = queries.list_procedures(on=date(2026, 2, 1))
    assert [(v.procedure.code, v.number) for v in listed] == [("1.000001", 2)]


@pytest.mark.parametrize(
    ("filter_name", "expected"),
    [
        ("sector", ["1.012790.H34", "1.012791.H34"]),
        ("level", ["1.012791.H34"]),
        ("agency", ["1.012790.H34", "1.012791.H34"]),
        ("online_level", ["1.001193", "1.012790.H34"]),
    ],
)
def test_each_filter_narrows_the_list(
    small_catalog_imported: ImportReport, filter_name: str, expected: list[str]
) -> None:
    # given the small catalog and one value per filter
    value = {
        "sector": queries.get_sector(code="DDAI"),
        "level": queries.get_level(code="province"),
        "agency": queries.get_catalog_agency(slug="van-phong-dang-ky-dat-dai"),
        "online_level": OnlineLevel.FULL,
    }[filter_name]
    # when listed with it
    listed = queries.list_procedures(**{filter_name: value})  # type: ignore[arg-type]
    # then only the matching procedures remain
    assert sorted(version.procedure.code for version in listed) == expected


def test_filters_combine_with_a_search(small_catalog_imported: ImportReport) -> None:
    listed = queries.list_procedures(q="dang ky", sector=queries.get_sector(code="HT"))
    assert [version.procedure.code for version in listed] == ["1.001193"]


def test_sectors_count_their_procedures_in_force(small_catalog_imported: ImportReport) -> None:
    counted = {sector.code: sector.procedure_count for sector in queries.list_sectors()}
    assert counted == {"DDAI": 2, "HT": 2, "XD": 1}


def test_sectors_list_in_vietnamese_alphabetical_order(
    small_catalog_imported: ImportReport,
) -> None:
    # "Đất đai" sorts with the d's, not after "Xây dựng"
    assert [sector.name for sector in queries.list_sectors()] == ["Đất đai", "Hộ tịch", "Xây dựng"]


def test_levels_and_agencies_offered_are_those_in_use(small_catalog_imported: ImportReport) -> None:
    assert [level.code for level in queries.list_levels()] == ["province", "commune"]
    assert [agency.slug for agency in queries.list_catalog_agencies()] == [
        "uy-ban-nhan-dan-cap-xa",
        "van-phong-dang-ky-dat-dai",
    ]


def test_publication_completeness_counts_complete_and_published(
    small_catalog_imported: ImportReport,
) -> None:
    # one of the five small-catalog procedures publishes almost nothing
    assert queries.count_publication_completeness() == (4, 5)


def test_the_procedure_page_is_read_in_a_fixed_number_of_queries(
    small_catalog_imported: ImportReport, django_assert_num_queries: Callable[..., object]
) -> None:
    # version, levels, agencies, variants, documents, fees, templates, steps
    with django_assert_num_queries(8):  # type: ignore[attr-defined]
        version = queries.get_procedure_page(code="1.012790.H34")
        variant = version.variants.all()[0]
        assert [step.order for step in variant.published_templates[0].steps.all()] == [
            1,
            2,
            3,
            4,
            5,
        ]
        assert len(variant.required_documents.all()) == 2
        assert version.ordered_agencies[0].catalog_agency.name == "Văn phòng đăng ký đất đai"
