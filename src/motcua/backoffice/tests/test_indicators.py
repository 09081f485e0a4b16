"""The leaders' dashboard and form II.06a: scoped, drilled down, exported, with few queries."""

from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import World

pytestmark = pytest.mark.django_db

SignIn = Callable[[Any], Client]


@pytest.fixture
def dossiers(world: World, django_capture_on_commit_callbacks: Any) -> list[Dossier]:
    """Two commune dossiers (one resolved early) and one provincial building permit."""
    with django_capture_on_commit_callbacks(execute=True):
        return [
            DossierFactory(world=world),
            DossierFactory(world=world, result_ready=True),
            DossierFactory(world=world, procedure="1.000002.H34", processing=True),
        ]


def test_the_province_admin_sees_every_agency(
    world: World, dossiers: list[Dossier], sign_in: SignIn, django_assert_max_num_queries: Any
) -> None:
    # given the province administrator
    client = sign_in(world.admin)
    # when the dashboard opens, in a bounded number of queries
    with django_assert_max_num_queries(25):
        response = client.get("/backoffice/chi-so/?year=2025")
    # then both agencies' rows are there with the province's totals
    assert response.status_code == 200
    assert world.commune.name in response.text
    assert world.construction.name in response.text
    total = response.context["total"]
    assert (total.total, total.resolved, total.in_progress) == (3, 1, 2)
    assert response.context["on_time"] == "100.0%"


def test_a_unit_leader_sees_only_their_agency(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given the construction department's leader
    client = sign_in(world.construction_leader)
    # when the dashboard opens
    response = client.get("/backoffice/chi-so/?year=2025")
    # then only the construction department's dossier counts
    assert response.status_code == 200
    assert response.context["total"].total == 1
    assert world.commune.name not in response.text


def test_a_handler_may_not_read_the_dashboard(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given a handler (no leader, auditor or administrator role)
    client = sign_in(world.commune_handler)
    # when / then the dashboard is refused
    assert client.get("/backoffice/chi-so/").status_code == 403


def test_an_agency_drills_down_to_its_sectors_then_procedures(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given the administrator on the commune's slice
    client = sign_in(world.admin)
    by_sector = client.get(f"/backoffice/chi-so/?year=2025&agency={world.commune.pk}")
    sector_row = by_sector.context["rows"][0]
    # when one sector is opened
    by_procedure = client.get("/backoffice/chi-so/" + sector_row["drill_url"])
    # then its rows are the procedures, and the breadcrumbs lead back to the province
    assert by_sector.context["grouping_label"] == "Lĩnh vực"
    assert "1.000001.H34" in by_procedure.context["rows"][0]["row"].name
    assert [crumb.label for crumb in by_procedure.context["crumbs"]][:2] == [
        "Toàn tỉnh",
        world.commune.name,
    ]


def test_the_monthly_trend_is_an_svg_with_its_numbers_in_a_table(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given / when the administrator opens the dashboard
    response = sign_in(world.admin).get("/backoffice/chi-so/?year=2025")
    # then September shows three received dossiers, drawn and tabulated
    september = response.context["trend"][8]
    assert (september.received, september.resolved) == (3, 1)
    assert '<svg viewBox="0 0 720 260"' in response.text
    assert 'role="img"' in response.text


def test_the_overdue_list_is_one_click_away(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given / when the dashboard of the commune
    response = sign_in(world.admin).get(f"/backoffice/chi-so/?agency={world.commune.pk}")
    # then it links to the commune's overdue dossiers in the dossier list
    assert f"/backoffice/ho-so/?progress=overdue&amp;agency={world.commune.code}" in response.text


def test_a_bad_drill_parameter_is_ignored(world: World, sign_in: SignIn) -> None:
    # given / when nonsense in the address
    response = sign_in(world.admin).get("/backoffice/chi-so/?year=abc&agency=%00x&sector=-1")
    # then the province's page answers
    assert response.status_code == 200
    assert response.context["chosen"] == {}


def test_form_ii06a_is_shown_for_any_period(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given / when the form for September 2025 by agency
    response = sign_in(world.admin).get(
        "/backoffice/chi-so/bieu-ii06a/?first_day=01/09/2025&last_day=30/09/2025&grouping=agency"
    )
    # then the total row counts three received, one resolved early
    total = response.context["report"].total
    assert (total.received_in_period, total.resolved_early, total.in_progress) == (3, 1, 2)


def test_form_ii06a_refuses_a_period_ending_before_it_starts(world: World, sign_in: SignIn) -> None:
    # given / when the period is reversed
    response = sign_in(world.admin).get(
        "/backoffice/chi-so/bieu-ii06a/?first_day=30/09/2025&last_day=01/09/2025&grouping=agency"
    )
    # then the page says so in Vietnamese, without a 500
    assert response.status_code == 400
    assert "Ngày kết thúc" in response.text or "trước ngày bắt đầu" in response.text


def test_form_ii06a_exports_to_excel(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given / when the form is downloaded as xlsx
    response = sign_in(world.admin).get(
        "/backoffice/chi-so/bieu-ii06a.xlsx?first_day=01/09/2025&last_day=30/09/2025"
        "&grouping=agency"
    )
    # then the workbook's total row holds the same figures
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2][0] == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert rows[-1][1:5] == ["Tổng cộng", 3, 0, 3]  # total, online, in person or post


def test_form_ii06a_prints_on_a_landscape_page_with_the_national_motto(
    world: World, dossiers: list[Dossier], sign_in: SignIn, pdf_text: Callable[[bytes], str]
) -> None:
    # given / when the form is printed as PDF
    response = sign_in(world.admin).get(
        "/backoffice/chi-so/bieu-ii06a.pdf?first_day=01/09/2025&last_day=30/09/2025&grouping=agency"
    )
    # then it carries the motto and the title
    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Mẫu số II.06a" in text


def test_targets_stand_beside_the_actuals_with_their_sources(
    world: World, dossiers: list[Dossier], sign_in: SignIn
) -> None:
    # given the province administrator's dashboard of 2025 (1 of 3 dossiers online: 33%)
    response = sign_in(world.admin).get("/backoffice/chi-so/?year=2025")
    targets = response.context["targets"]
    # then the online share is judged against the action program's 50% and falls short
    online = targets["online"]
    assert (online.at_least, online.met) == (0.5, False)
    assert "≥ 50%" in response.text
    # and the on-time rate (100%) against the rate of full marks of indicator 2.1
    on_time = targets["on_time"]
    assert on_time.met is True
    assert "2.1" in on_time.source
    # a year after every program still carries the last one forward; none before the first
    assert (
        sign_in(world.admin).get("/backoffice/chi-so/?year=2019").context["targets"]["online"]
        is None
    )
