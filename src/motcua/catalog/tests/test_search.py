from collections.abc import Callable

import pytest
from django.db import connection

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.queries import list_procedures, search_procedures
from motcua.catalog.search_text import fold_for_search, search_words
from motcua.catalog.services import ImportReport
from motcua.catalog.tests.documents import ProcedureData, small_catalog

pytestmark = pytest.mark.django_db

NEIGHBOURS = [
    ("2.000010", "Đăng ký kết hôn", "HT"),
    ("2.000011", "Đăng ký khai tử", "HT"),
    ("2.000012", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "HT"),
    ("2.000013", "Cung cấp dữ liệu đất đai", "DDAI"),
    ("2.000014", "Đính chính Giấy chứng nhận đã cấp lần đầu do đăng ký sai sót đất đai", "DDAI"),
    ("2.000015", "Xác nhận tình trạng hôn nhân", "HT"),
]


@pytest.fixture
def catalog(import_document: Callable[..., ImportReport]) -> None:
    """The small catalog plus neighbours sharing words with it."""
    document = small_catalog()
    document["procedures"] += [
        ProcedureData(code=code, name=name, sector=sector) for code, name, sector in NEIGHBOURS
    ]
    import_document(document)


def codes(q: str) -> list[str]:
    return [version.procedure.code for version in search_procedures(q=q)]


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("dang ky dat dai", "1.012790.H34"),
        ("đăng ký đất đai", "1.012790.H34"),
        ("ĐĂNG KÝ ĐẤT ĐAI", "1.012790.H34"),
        ("Dang Ky dat dai", "1.012790.H34"),
        ("đất đai, tài sản gắn liền", "1.012790.H34"),
        ("giay phep xay dung", "1.009994"),
        ("khai sinh", "1.001193"),
        ("dang ky ket hon", "2.000010"),
        ("1.012791", "1.012791.H34"),
        ("1.012791.h34", "1.012791.H34"),
        ("xac nhan tinh trang hon nhan", "2.000015"),
    ],
)
def test_search_finds_the_best_match_first_whatever_the_accents(
    catalog: None, q: str, first: str
) -> None:
    assert codes(q)[0] == first


def test_land_registration_procedures_come_before_other_matches(catalog: None) -> None:
    # given land registration procedures and others holding the same words apart
    # when "dang ky dat dai" is searched
    found = codes("dang ky dat dai")
    # then both land registration procedures lead, the scattered match follows
    assert found[:2] == ["1.012790.H34", "1.012791.H34"]
    assert found[2:] == ["2.000014"]


def test_dang_ky_finds_every_registration(catalog: None) -> None:
    found = codes("Dang Ky")
    assert {"1.012790.H34", "1.012791.H34", "1.001193", "2.000010", "2.000011"} <= set(found)
    assert "2.000015" not in found


def test_d_with_stroke_folds_to_d(catalog: None) -> None:
    # "đ" has no Unicode decomposition: it must still match a plain "d"
    assert codes("dinh chinh") == codes("đính chính") == ["2.000014"]


def test_a_query_without_words_lists_everything_by_name(catalog: None) -> None:
    assert list_procedures(q=" %_ ").count() == 11


def test_like_wildcards_in_a_query_match_nothing_special(catalog: None) -> None:
    assert codes("dang%ky") == codes("dang ky")


def test_no_match_gives_no_result(catalog: None) -> None:
    assert codes("thu tuc khong ton tai") == []


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký đất đai, tài sản gắn liền với đất", "dang ky dat dai tai san gan lien voi dat"),
        ("Cấp Giấy phép xây dựng (nhà ở riêng lẻ)", "cap giay phep xay dung nha o rieng le"),
        ("  Hộ   tịch – chứng thực ", "ho tich chung thuc"),
    ],
)
def test_names_fold_to_lower_case_ascii_words(text: str, folded: str) -> None:
    assert fold_for_search(text) == folded


def test_query_words_are_distinct_and_in_typed_order() -> None:
    assert search_words("Đăng ký, đăng KÝ đất") == ["dang", "ky", "dat"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_serves_word_conditions_from_the_trigram_index(catalog: None) -> None:
    # given the condition search puts on each query word
    versions = (
        ProcedureVersion.objects.filter(name_folded__contains="dang ky").order_by().values("pk")
    )
    sql, params = versions.query.sql_with_params()
    # when PostgreSQL plans it, sequential scans disfavoured as on a large catalog
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # then it reads the GIN trigram index on the folded name
    assert "catalog_version_name_trigram" in plan
