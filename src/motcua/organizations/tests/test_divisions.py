"""Reading the vietnam-provinces package: no database involved."""

from datetime import date

import pytest

from motcua.organizations.divisions import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    ProvinceDivisions,
    bare_name,
    official_code,
    read_communes,
    read_province,
)


@pytest.fixture(scope="module")
def khanh_hoa() -> ProvinceDivisions:
    return read_province(province_code=56)


def test_new_khanh_hoa_has_sixty_five_communes_wards_and_a_special_zone(
    khanh_hoa: ProvinceDivisions,
) -> None:
    # given the package's data for Khánh Hòa
    # when the current communes are counted by division type
    current = [u for u in khanh_hoa.units if u.level == COMMUNE and u.effective_to is None]
    kinds = sorted({u.division_type for u in current})

    # then there are 65 of them: communes, wards and the special zone of Trường Sa
    assert len(current) == 65
    assert kinds == ["phường", "xã", "đặc khu"]
    assert all(u.effective_from == date(2025, 7, 1) for u in current)


def test_former_khanh_hoa_and_ninh_thuan_are_kept_with_their_districts(
    khanh_hoa: ProvinceDivisions,
) -> None:
    # given the package's data for Khánh Hòa
    # when the former units are selected
    former = [u for u in khanh_hoa.units if u.effective_to == date(2025, 6, 30)]

    # then both former provinces, their 16 districts and 194 communes are there
    assert sorted(u.name for u in former if u.level == PROVINCE) == [
        "Tỉnh Khánh Hòa",
        "Tỉnh Ninh Thuận",
    ]
    assert len([u for u in former if u.level == DISTRICT]) == 16
    assert len([u for u in former if u.level == COMMUNE]) == 194


def test_parents_are_listed_before_their_children(khanh_hoa: ProvinceDivisions) -> None:
    # given the rows in the order they are given
    seen = set()
    orphans = []
    # when each row's parent is looked up among the rows before it
    for unit in khanh_hoa.units:
        if unit.parent is not None and unit.parent not in seen:
            orphans.append(unit.key)
        seen.add(unit.key)

    # then every parent came first
    assert orphans == []


def test_new_ward_links_to_the_former_wards_it_was_formed_from(
    khanh_hoa: ProvinceDivisions,
) -> None:
    # given Phường Nha Trang (22366), formed from five former wards
    new_ward = (COMMUNE, "22366", date(2025, 7, 1))

    # when its predecessor links are read
    predecessors = sorted(old[1] for new, old in khanh_hoa.links if new == new_ward)

    # then they name the former wards of Nha Trang city
    assert predecessors == ["22348", "22363", "22366", "22372", "22375"]


@pytest.mark.parametrize(
    ("level", "number", "code"),
    [(PROVINCE, 4, "04"), (PROVINCE, 56, "56"), (DISTRICT, 1, "001"), (COMMUNE, 4, "00004")],
)
def test_official_codes_are_zero_padded(level: str, number: int, code: str) -> None:
    # given a level and a number
    # when the code is written
    # then it has the width of Decision 19/2025/QĐ-TTg
    assert official_code(level, number) == code


def test_unknown_province_code_is_refused() -> None:
    # given a code no current province bears
    # when it is read
    # then a ValueError names it
    with pytest.raises(ValueError, match="57"):
        read_province(province_code=57)


def test_communes_are_read_in_the_order_of_their_codes() -> None:
    # given the communes of Khánh Hòa
    codes = [row.code for row in read_communes(province_code=56)]

    # then they come sorted by code
    assert codes == sorted(codes)
    assert len(codes) == 65


@pytest.mark.parametrize(
    ("name", "division_type", "bare"),
    [
        ("Phường Nha Trang", "phường", "Nha Trang"),
        ("Đặc khu Trường Sa", "đặc khu", "Trường Sa"),
        ("Xã Cam Lâm", "xã", "Cam Lâm"),
        ("Tỉnh Khánh Hòa", "tỉnh", "Khánh Hòa"),
        ("Khánh Hòa", "tỉnh", "Khánh Hòa"),
    ],
)
def test_bare_name_drops_the_division_type(name: str, division_type: str, bare: str) -> None:
    assert bare_name(name, division_type) == bare
