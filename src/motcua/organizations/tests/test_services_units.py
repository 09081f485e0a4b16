"""Loading administrative units from the package: idempotent, bulk, audited."""

from datetime import date

import pytest

from motcua.audit.models import AuditEntry
from motcua.core.events import subscribe, unsubscribe
from motcua.organizations.errors import UnknownUnit
from motcua.organizations.events import AdministrativeUnitsLoaded
from motcua.organizations.models import AdministrativeLevel, AdministrativeUnit
from motcua.organizations.services import load_administrative_units

pytestmark = pytest.mark.django_db

THROUGH = AdministrativeUnit.predecessors.through


def snapshot() -> dict[str, object]:
    return {
        "levels": list(
            AdministrativeLevel.objects.values_list("code", "name", "rank", "is_active")
        ),
        "units": list(
            AdministrativeUnit.objects.order_by("pk").values_list(
                "pk",
                "code",
                "name",
                "name_folded",
                "level_id",
                "parent_id",
                "effective_from",
                "effective_to",
                "legal_basis",
            )
        ),
        "links": sorted(
            THROUGH.objects.values_list("from_administrativeunit_id", "to_administrativeunit_id")
        ),
        "audit": AuditEntry.objects.count(),
    }


def test_loading_twice_changes_nothing() -> None:
    # given Khánh Hòa loaded once
    load_administrative_units(province_code=56)
    before = snapshot()

    # when it is loaded again
    report = load_administrative_units(province_code=56)

    # then the second run reports and writes nothing
    assert (report.created, report.updated, report.links_created) == (0, 0, 0)
    assert snapshot() == before


def test_second_load_takes_a_handful_of_queries(django_assert_max_num_queries) -> None:
    # given Khánh Hòa loaded once
    load_administrative_units(province_code=56)

    # when it is loaded again
    # then it reads what exists in a few queries and writes nothing
    with django_assert_max_num_queries(8):
        load_administrative_units(province_code=56)


def test_levels_are_rows_with_the_district_level_inactive() -> None:
    # given nothing loaded
    # when Khánh Hòa is loaded
    load_administrative_units(province_code=56)

    # then the three levels are data, the district level kept but out of use
    assert list(AdministrativeLevel.objects.values_list("code", "rank", "is_active")) == [
        ("province", 1, True),
        ("district", 2, False),
        ("commune", 3, True),
    ]


def test_current_and_former_units_are_loaded_with_their_dates() -> None:
    # when Khánh Hòa is loaded
    load_administrative_units(province_code=56)

    # then the new province and its 65 communes start on 1 Jul 2025
    new = AdministrativeUnit.objects.filter(effective_from=date(2025, 7, 1))
    assert new.filter(level__code="province").get().name == "Tỉnh Khánh Hòa"
    assert new.filter(level__code="commune", parent__code="56").count() == 65
    # and the former provinces, 16 districts and 194 communes end on 30 Jun 2025
    former = AdministrativeUnit.objects.filter(effective_to=date(2025, 6, 30))
    assert former.filter(level__code="province").count() == 2
    assert former.filter(level__code="district").count() == 16
    assert former.filter(level__code="commune").count() == 194


def test_merged_ward_links_to_the_former_wards() -> None:
    # given Khánh Hòa loaded
    load_administrative_units(province_code=56)

    # when the predecessors of Phường Nha Trang are read
    ward = AdministrativeUnit.objects.get(code="22366", effective_from=date(2025, 7, 1))
    names = sorted(ward.predecessors.values_list("name", flat=True))

    # then they are the five former wards it was formed from
    assert names == [
        "Phường Lộc Thọ",
        "Phường Phước Hòa",
        "Phường Tân Tiến",
        "Phường Vĩnh Nguyên",
        "Phường Vạn Thạnh",
    ]


def test_split_former_commune_has_several_successors() -> None:
    # given Khánh Hòa loaded
    load_administrative_units(province_code=56)

    # when the successors of the former Xã Cam Tân (22435) are read
    former = AdministrativeUnit.objects.get(code="22435", effective_from=None)
    successors = sorted(former.successors.values_list("name", flat=True))

    # then the three communes it was divided among are listed
    assert former.name == "Xã Cam Tân"
    assert successors == ["Xã Cam Hiệp", "Xã Cam Lâm", "Xã Suối Dầu"]


def test_new_province_links_to_both_former_provinces() -> None:
    load_administrative_units(province_code=56)
    province = AdministrativeUnit.objects.get(code="56", effective_from=date(2025, 7, 1))
    assert sorted(province.predecessors.values_list("name", flat=True)) == [
        "Tỉnh Khánh Hòa",
        "Tỉnh Ninh Thuận",
    ]


def test_names_are_folded_for_search() -> None:
    load_administrative_units(province_code=56)
    zone = AdministrativeUnit.objects.get(code="22736", effective_from=date(2025, 7, 1))
    assert zone.name_folded == "dac khu truong sa"


def test_a_name_changed_by_hand_is_restored_from_the_package() -> None:
    # given a loaded ward whose name was altered
    load_administrative_units(province_code=56)
    AdministrativeUnit.objects.filter(code="22366", effective_from=date(2025, 7, 1)).update(
        name="Phường Sai Tên"
    )

    # when the units are loaded again
    report = load_administrative_units(province_code=56)

    # then the package's name is back and one update is reported
    assert report.updated == 1
    assert AdministrativeUnit.objects.get(code="22366", effective_from=date(2025, 7, 1)).name == (
        "Phường Nha Trang"
    )


def test_a_legal_basis_typed_by_hand_is_kept() -> None:
    # given a ward whose legal basis was typed in (the package does not know it)
    load_administrative_units(province_code=56)
    ward = AdministrativeUnit.objects.get(code="22366", effective_from=date(2025, 7, 1))
    ward.legal_basis = "Nghị quyết của UBTVQH"
    ward.save()

    # when the units are loaded again
    load_administrative_units(province_code=56)

    # then it is still there
    ward.refresh_from_db()
    assert ward.legal_basis == "Nghị quyết của UBTVQH"


def test_a_load_that_changes_something_writes_one_audit_row() -> None:
    # given an empty database
    # when Khánh Hòa is loaded
    load_administrative_units(province_code=56)

    # then one audit row tells what was loaded, hung on the new province
    entry = AuditEntry.objects.get()
    assert entry.action == "organizations.units_loaded"
    assert entry.object_repr == "Tỉnh Khánh Hòa"
    assert entry.after == {"province": "56", "created": 281, "updated": 0, "links_created": 207}


def test_units_loaded_event_is_published_after_commit(django_capture_on_commit_callbacks) -> None:
    # given a listener
    heard: list[AdministrativeUnitsLoaded] = []
    subscribe(AdministrativeUnitsLoaded, heard.append)
    try:
        # when Khánh Hòa is loaded and the transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            load_administrative_units(province_code=56)
    finally:
        unsubscribe(AdministrativeUnitsLoaded, heard.append)

    # then the listener heard it once
    assert [(e.province_code, e.created) for e in heard] == [("56", 281)]


def test_unknown_province_code_is_refused_without_writing() -> None:
    # given a code that is not a current province
    # when it is loaded
    with pytest.raises(UnknownUnit):
        load_administrative_units(province_code=57)

    # then nothing was written
    assert not AdministrativeUnit.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_former_unit_shows_its_last_day_beside_its_name() -> None:
    # given the former and the new Khánh Hòa, both named "Tỉnh Khánh Hòa"
    load_administrative_units(province_code=56)
    former = AdministrativeUnit.objects.get(code="56", effective_from=None)
    new = AdministrativeUnit.objects.get(code="56", effective_from=date(2025, 7, 1))

    # then they can be told apart wherever they are shown
    assert str(former) == "Tỉnh Khánh Hòa (đến ngày 30/06/2025)"
    assert str(new) == "Tỉnh Khánh Hòa"
