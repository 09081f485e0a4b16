"""The public disclosure page: on-time rates per agency and unit, open to all, cached."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from motcua.core.page_checks import check_page
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import DossierFactory
from motcua.dossiers.tests.world import World
from motcua.reports.tests.conftest import vietnam
from motcua.surveys.choices import Answer, RatingChannel
from motcua.surveys.models import Rating

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()


@pytest.fixture
def resolved(world: World, django_capture_on_commit_callbacks: Any) -> None:
    """One commune dossier resolved early and one still open, received on 16 Sep 2025."""
    with django_capture_on_commit_callbacks(execute=True):
        DossierFactory(world=world, result_ready=True)
        DossierFactory(world=world)


def test_anyone_sees_the_on_time_rate_of_each_agency(
    world: World, resolved: None, client: Client
) -> None:
    # given / when an anonymous visitor opens the page
    response = client.get("/cong-khai/")
    # then the commune's agency and receiving unit show 1 of 1 resolved on time
    assert response.status_code == 200
    agencies = response.context["agencies"]
    assert [(row.name, row.resolved, row.on_time) for row in agencies] == [
        (world.commune.name, 1, 1)
    ]
    assert response.context["units"][0].name == world.commune_centre.unit.name
    assert "100%" in response.text


def test_the_page_is_read_from_the_cache(
    world: World, resolved: None, client: Client, django_assert_max_num_queries: Any
) -> None:
    # given the page computed once
    client.get("/cong-khai/")
    # when it is opened again, then the facts are not read again
    with django_assert_max_num_queries(2):
        response = client.get("/cong-khai/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_the_page_passes_the_basic_accessibility_checks(
    world: World, resolved: None, client: Client
) -> None:
    # given / when the page is rendered
    findings = check_page(client.get("/cong-khai/").text)
    # then no label, language, title or heading problem is found
    assert findings.problems == []


def test_an_empty_year_says_so(world: World, client: Client) -> None:
    # given no dossier resolved; when the page opens
    response = client.get("/cong-khai/")
    # then it says that nothing was resolved yet
    assert response.context["agencies"] == []
    assert response.status_code == 200


def rate(dossier: Dossier, *, lowest: int, at: str = "2025-09-20T10:00:00") -> Rating:
    answers = dict.fromkeys(
        (
            "processing_time",
            "agencies_contacted",
            "published_information",
            "staff_attitude",
            "result_lawfulness",
        ),
        Answer.VERY_SATISFIED,
    )
    answers["staff_attitude"] = lowest
    return Rating.objects.create(
        dossier=dossier,
        agency=dossier.agency,
        service_centre=dossier.service_centre,
        procedure_code="1.000001.H34",
        channel=RatingChannel.KIOSK,
        rated_at=vietnam(at),
        **answers,
    )


def test_satisfaction_counts_ratings_without_a_dissatisfied_answer(
    world: World, resolved: None, client: Client
) -> None:
    # given three ratings of the commune's dossiers this year: satisfied, neutral on one
    # content, dissatisfied on one content; and one of last year (not counted)
    dossiers = list(Dossier.objects.order_by("pk"))
    extra = DossierFactory(world=world)
    older = DossierFactory(world=world)
    rate(dossiers[0], lowest=Answer.SATISFIED)
    rate(dossiers[1], lowest=Answer.NEUTRAL)
    rate(extra, lowest=Answer.DISSATISFIED)
    rate(older, lowest=Answer.VERY_DISSATISFIED, at="2024-12-31T23:00:00")
    # when the page opens
    response = client.get("/cong-khai/")
    # then the agency and the receiving unit show 2 satisfied of 3 ratings
    [agency] = response.context["agencies"]
    assert (agency.rated, agency.satisfied) == (3, 2)
    assert agency.satisfaction == pytest.approx(2 / 3)
    [unit] = response.context["units"]
    assert (unit.rated, unit.satisfied) == (3, 2)
    assert "67%" in response.text
