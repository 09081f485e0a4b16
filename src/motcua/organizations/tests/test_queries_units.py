"""Reading units and agencies: as of a date, by level, parent and accent-free name."""

from datetime import date

import pytest

from motcua.organizations.errors import UnknownAgency, UnknownLevel, UnknownUnit
from motcua.organizations.queries import (
    get_agency,
    get_unit_as_of,
    list_agencies,
    list_predecessors,
    list_successors,
    list_units,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "on", "name"),
    [
        ("22366", date(2025, 6, 30), "Phường Tân Tiến"),
        ("22366", date(2025, 7, 1), "Phường Nha Trang"),
        ("56", date(2024, 1, 1), "Tỉnh Khánh Hòa"),
        ("58", date(2025, 6, 30), "Tỉnh Ninh Thuận"),
        ("568", date(2025, 6, 30), "Thành phố Nha Trang"),
    ],
)
def test_a_code_names_the_unit_in_force_on_the_day(
    khanh_hoa_units: None, code: str, on: date, name: str
) -> None:
    # given Khánh Hòa's units, where new wards kept some former codes
    # when a code is looked up on a day
    unit = get_unit_as_of(code=code, on=on)

    # then the unit that bore it that day is returned
    assert unit.name == name


def test_the_former_province_is_not_the_new_one(khanh_hoa_units: None) -> None:
    before = get_unit_as_of(code="56", on=date(2025, 6, 30))
    after = get_unit_as_of(code="56", on=date(2025, 7, 1))
    assert before.pk != after.pk
    assert list(list_successors(unit=before)) == [after]


def test_a_former_district_is_gone_after_the_merger(khanh_hoa_units: None) -> None:
    with pytest.raises(UnknownUnit, match="568"):
        get_unit_as_of(code="568", on=date(2025, 7, 1))


def test_an_old_dossier_finds_its_ward_and_where_it_went(khanh_hoa_units: None) -> None:
    # given a dossier received in 2024 in the former Phường Vạn Thạnh (22348)
    old = get_unit_as_of(code="22348", on=date(2024, 5, 2))

    # when its successors are read
    # then the ward and its district are the former ones, and it now lies in Phường Nha Trang
    assert old.name == "Phường Vạn Thạnh"
    assert old.parent is not None
    assert old.parent.name == "Thành phố Nha Trang"
    assert [unit.name for unit in list_successors(unit=old)] == ["Phường Nha Trang"]


def test_predecessors_are_listed_by_code(khanh_hoa_units: None) -> None:
    ward = get_unit_as_of(code="22366", on=date(2025, 7, 1))
    assert [u.code for u in list_predecessors(unit=ward)] == [
        "22348",
        "22363",
        "22366",
        "22372",
        "22375",
    ]


def test_units_today_are_the_new_province_and_its_communes(khanh_hoa_units: None) -> None:
    units = list_units()
    assert units.count() == 66
    assert not units.filter(level__code="district").exists()


def test_units_before_the_merger_include_the_districts(khanh_hoa_units: None) -> None:
    units = list_units(level="district", on=date(2025, 6, 30))
    assert units.count() == 16


def test_children_of_a_unit_depend_on_the_day(khanh_hoa_units: None) -> None:
    # given the code 56, borne by the former and the new Khánh Hòa
    # when its children are listed today and before the merger
    today = list_units(parent="56")
    before = list_units(parent="56", on=date(2025, 6, 30))

    # then today they are the 65 communes, before it the 9 districts of the former province
    assert today.count() == 65
    assert before.count() == 9
    assert set(before.values_list("level__code", flat=True)) == {"district"}


@pytest.mark.parametrize(
    ("q", "names"),
    [
        (
            "nha trang",
            [
                "Phường Bắc Nha Trang",
                "Phường Nha Trang",
                "Phường Tây Nha Trang",
                "Phường Nam Nha Trang",
            ],
        ),
        ("NHA TRANG nam", ["Phường Nam Nha Trang"]),
        ("đặc khu", ["Đặc khu Trường Sa"]),
        ("dac khu", ["Đặc khu Trường Sa"]),
        ("Truong Sa", ["Đặc khu Trường Sa"]),
        ("  ", None),
        ("không có đâu", []),
    ],
)
def test_names_match_without_accents_or_case(
    khanh_hoa_units: None, q: str, names: list[str] | None
) -> None:
    # given Khánh Hòa's current units
    # when they are searched
    found = [unit.name for unit in list_units(level="commune", q=q)]

    # then accents, case and đ are ignored; blank text filters nothing
    if names is None:
        assert len(found) == 65
    else:
        assert sorted(found) == sorted(names)


def test_unknown_level_is_refused(khanh_hoa_units: None) -> None:
    with pytest.raises(UnknownLevel):
        list_units(level="hamlet")


def test_unknown_parent_is_refused(khanh_hoa_units: None) -> None:
    with pytest.raises(UnknownUnit):
        list_units(parent="99999")


def test_agencies_are_filtered_by_unit_and_name(khanh_hoa_chart: None) -> None:
    assert [a.name for a in list_agencies(unit="22366")] == ["Ủy ban nhân dân phường Nha Trang"]
    assert [a.name for a in list_agencies(q="xay dung")] == ["Sở Xây dựng"]
    assert list_agencies(level="commune").count() == 65


def test_agencies_did_not_exist_before_the_merger(khanh_hoa_chart: None) -> None:
    assert not list_agencies(on=date(2025, 6, 30)).exists()


def test_an_agency_is_found_by_its_identifier_code(khanh_hoa_chart: None) -> None:
    assert get_agency(code="000.02.00.H34").name == "Sở Xây dựng"
    with pytest.raises(UnknownAgency):
        get_agency(code="000.99.00.H34")
