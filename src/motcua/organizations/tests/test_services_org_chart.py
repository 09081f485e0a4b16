"""Loading an organisation chart: Khánh Hòa's agencies, centres, departments, positions."""

from datetime import date

import pytest

from motcua.audit.models import AuditEntry
from motcua.organizations import khanh_hoa
from motcua.organizations.choices import AgencyKind
from motcua.organizations.errors import InvalidOrgChart
from motcua.organizations.models import Agency, OrgUnit, Position, ServiceCentre
from motcua.organizations.org_chart import AgencyRow, OrgChart
from motcua.organizations.services import load_org_chart

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int, int]:
    return (
        Agency.objects.count(),
        ServiceCentre.objects.count(),
        OrgUnit.objects.count(),
        Position.objects.count(),
        AuditEntry.objects.count(),
    )


def test_loading_the_chart_twice_changes_nothing(khanh_hoa_units: None) -> None:
    # given Khánh Hòa's chart loaded once
    load_org_chart(chart=khanh_hoa.org_chart())
    before = counts(), list(Agency.objects.order_by("pk").values())

    # when it is loaded again
    report = load_org_chart(chart=khanh_hoa.org_chart())

    # then nothing is created, updated or audited
    assert (report.created, report.updated) == (0, 0)
    assert (counts(), list(Agency.objects.order_by("pk").values())) == before


def test_every_commune_has_a_peoples_committee_and_a_service_centre(khanh_hoa_chart: None) -> None:
    # given the chart loaded
    # when the commune-level bodies are counted
    committees = Agency.objects.filter(level__code="commune", kind=AgencyKind.PEOPLES_COMMITTEE)
    centres = ServiceCentre.objects.filter(level__code="commune")

    # then each of the 65 communes has one of each, serving that commune
    assert committees.count() == 65
    assert centres.count() == 65
    assert set(committees.values_list("unit__code", flat=True)) == set(
        centres.values_list("unit__code", flat=True)
    )


def test_provincial_bodies_carry_identifier_codes_with_the_province_suffix(
    khanh_hoa_chart: None,
) -> None:
    # given the chart loaded
    provincial = Agency.objects.filter(level__code="province")

    # then the People's Committee, 11 departments, the land registration office and two
    # vertical agencies are there, each with a code ending in the province's suffix
    assert provincial.get(code="000.00.00.H34").name == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert provincial.filter(kind=AgencyKind.PROVINCIAL_DEPARTMENT).count() == 11
    assert provincial.filter(kind=AgencyKind.VERTICAL_AGENCY).count() == 2
    office = provincial.get(kind=AgencyKind.PUBLIC_SERVICE_UNIT)
    assert office.parent is not None
    assert office.parent.name == "Sở Nông nghiệp và Môi trường"
    assert all(code.endswith(".H34") for code in Agency.objects.values_list("code", flat=True))


def test_agencies_of_the_merged_province_start_on_the_day_of_the_merger(
    khanh_hoa_chart: None,
) -> None:
    assert set(Agency.objects.values_list("effective_from", flat=True)) == {date(2025, 7, 1)}


def test_a_ward_committee_is_named_after_its_ward(khanh_hoa_chart: None) -> None:
    # given the People's Committee of Phường Nha Trang
    agency = Agency.objects.get(code=khanh_hoa.commune_agency_code(khanh_hoa.NHA_TRANG_WARD))

    # then its names follow the ward's and it has departments
    assert agency.name == "Ủy ban nhân dân phường Nha Trang"
    assert agency.short_name == "UBND phường Nha Trang"
    assert agency.name_folded == "uy ban nhan dan phuong nha trang"
    assert set(agency.org_units.values_list("code", flat=True)) == {
        "leadership",
        "office",
        "economy",
        "culture_society",
    }


def test_a_chart_naming_a_missing_unit_is_refused_without_writing(khanh_hoa_units: None) -> None:
    # given a chart whose agency serves a unit that is not loaded
    chart = OrgChart(
        agencies=(
            AgencyRow(
                code="000.00.00.H99",
                name="Ủy ban nhân dân tỉnh Không Có",
                short_name="",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                level="province",
                unit="99",
            ),
        )
    )

    # when it is loaded
    with pytest.raises(InvalidOrgChart):
        load_org_chart(chart=chart)

    # then nothing was written
    assert not Agency.objects.exists()


def test_a_chart_naming_a_missing_parent_is_refused(khanh_hoa_units: None) -> None:
    chart = OrgChart(
        agencies=(
            AgencyRow(
                code="000.01.00.H99",
                name="Sở Mồ Côi",
                short_name="",
                kind=AgencyKind.PROVINCIAL_DEPARTMENT,
                level="province",
                unit="56",
                parent="000.00.00.H99",
            ),
        )
    )
    with pytest.raises(InvalidOrgChart):
        load_org_chart(chart=chart)
    assert not Agency.objects.exists()
