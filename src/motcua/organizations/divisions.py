"""Administrative divisions read from the `vietnam-provinces` package (docs/adr/0003).

The package holds the units in force since the 1 Jul 2025 reorganisation (provinces and
communes, wards, special zones), the divisions before it (provinces, districts, communes) and
the conversion tables between them. This module turns one current province into plain rows:
the province and its communes, the former provinces it was formed from with their districts and
communes, and the predecessor links (new unit → old unit). Nothing here touches the database.

Codes are the official ones of Decision 19/2025/QĐ-TTg, zero-padded: 2 digits for a province,
3 for a (former) district, 5 for a commune.
"""

from dataclasses import dataclass
from datetime import date

from vietnam_provinces import Province, ProvinceCode, Ward, legacy

# Resolution 202/2025/QH15 and the commune resolutions of the National Assembly Standing
# Committee took effect on 1 Jul 2025; the former units ended the day before.
REORGANISED_ON = date(2025, 7, 1)
FORMER_UNITS_END_ON = date(2025, 6, 30)
PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15"

PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"


@dataclass(frozen=True, kw_only=True)
class LevelRow:
    code: str
    name: str
    rank: int
    is_active: bool


# Levels are data; the district level is kept (inactive) so that old dossiers keep their units.
LEVELS = (
    LevelRow(code=PROVINCE, name="Tỉnh, thành phố", rank=1, is_active=True),
    LevelRow(
        code=DISTRICT, name="Huyện, quận, thị xã, thành phố thuộc tỉnh", rank=2, is_active=False
    ),
    LevelRow(code=COMMUNE, name="Xã, phường, đặc khu", rank=3, is_active=True),
)

CODE_WIDTH = {PROVINCE: 2, DISTRICT: 3, COMMUNE: 5}

# A unit is identified by its level, its code and the day it took effect: the new province of
# Khánh Hòa keeps the code 56 of the former one, and many new communes keep a former code.
UnitKey = tuple[str, str, date | None]


@dataclass(frozen=True, kw_only=True)
class UnitRow:
    level: str
    code: str
    name: str
    division_type: str
    parent: UnitKey | None
    effective_from: date | None
    effective_to: date | None
    legal_basis: str = ""

    @property
    def key(self) -> UnitKey:
        return (self.level, self.code, self.effective_from)


@dataclass(frozen=True, kw_only=True)
class ProvinceDivisions:
    """One current province with everything it came from, parents listed before children."""

    units: tuple[UnitRow, ...]
    # (successor, predecessor) pairs
    links: tuple[tuple[UnitKey, UnitKey], ...]

    @property
    def province(self) -> UnitRow:
        return self.units[0]


def official_code(level: str, number: int) -> str:
    """Return the zero-padded official code of a unit: official_code("commune", 4) == "00004"."""
    return str(number).zfill(CODE_WIDTH[level])


def bare_name(name: str, division_type: str) -> str:
    """Return the name without its division type: ("Phường Nha Trang", "phường") -> "Nha Trang"."""
    prefix = f"{division_type} "
    return name[len(prefix) :] if name.lower().startswith(prefix.lower()) else name


def read_province(*, province_code: int) -> ProvinceDivisions:
    """Read a current province, its former provinces, districts and communes from the package.

    Raises ValueError for a code that is not a current province.
    """
    province = _current_province(province_code)

    new_province = UnitRow(
        level=PROVINCE,
        code=official_code(PROVINCE, province.code.value),
        name=province.name,
        division_type=str(province.division_type),
        parent=None,
        effective_from=REORGANISED_ON,
        effective_to=None,
        legal_basis=PROVINCE_LEGAL_BASIS,
    )
    units: list[UnitRow] = [new_province]
    links: list[tuple[UnitKey, UnitKey]] = []

    former_units = _read_former_provinces(province.get_legacy_sources())
    for former in former_units:
        if former.level == PROVINCE:
            links.append((new_province.key, former.key))

    for ward in Ward.iter_by_province(province.code):
        commune = _commune_row(ward, parent=new_province.key)
        units.append(commune)
        for source in ward.get_legacy_sources():
            links.append((commune.key, _former_key(COMMUNE, source.code.value)))

    units.extend(former_units)
    return ProvinceDivisions(units=tuple(_parents_first(units)), links=tuple(links))


def read_communes(*, province_code: int) -> tuple[UnitRow, ...]:
    """Read the communes, wards and special zones of a current province, by official code.

    Cheaper than read_province: the former divisions are not read. Raises ValueError.
    """
    province = _current_province(province_code)
    parent: UnitKey = (PROVINCE, official_code(PROVINCE, province.code.value), REORGANISED_ON)
    rows = (_commune_row(ward, parent=parent) for ward in Ward.iter_by_province(province.code))
    return tuple(sorted(rows, key=lambda row: row.code))


def _current_province(province_code: int) -> Province:
    try:
        return Province.from_code(ProvinceCode(province_code))
    except (ValueError, KeyError) as error:
        raise ValueError(f"{province_code} is not the code of a current province") from error


def _commune_row(ward: Ward, *, parent: UnitKey) -> UnitRow:
    return UnitRow(
        level=COMMUNE,
        code=official_code(COMMUNE, ward.code.value),
        name=ward.name,
        division_type=str(ward.division_type),
        parent=parent,
        effective_from=REORGANISED_ON,
        effective_to=None,
    )


def _former_key(level: str, number: int) -> UnitKey:
    return (level, official_code(level, number), None)


def _read_former_provinces(sources: tuple[legacy.Province, ...]) -> list[UnitRow]:
    rows: list[UnitRow] = []
    for source in sources:
        province_row = UnitRow(
            level=PROVINCE,
            code=official_code(PROVINCE, source.code.value),
            name=source.name,
            division_type=str(source.division_type),
            parent=None,
            effective_from=None,
            effective_to=FORMER_UNITS_END_ON,
        )
        rows.append(province_row)
        for district in legacy.District.iter_by_province(source.code):
            rows.append(
                UnitRow(
                    level=DISTRICT,
                    code=official_code(DISTRICT, district.code.value),
                    name=district.name,
                    division_type=str(district.division_type),
                    parent=province_row.key,
                    effective_from=None,
                    effective_to=FORMER_UNITS_END_ON,
                )
            )
        for ward in legacy.Ward.iter_by_province(source.code):
            rows.append(
                UnitRow(
                    level=COMMUNE,
                    code=official_code(COMMUNE, ward.code.value),
                    name=ward.name,
                    division_type=str(ward.division_type),
                    parent=_former_key(DISTRICT, ward.district_code.value),
                    effective_from=None,
                    effective_to=FORMER_UNITS_END_ON,
                )
            )
    return rows


def _parents_first(units: list[UnitRow]) -> list[UnitRow]:
    ranks = {level.code: level.rank for level in LEVELS}
    # A stable sort keeps the package's order within a level.
    return sorted(units, key=lambda row: ranks[row.level])
