"""Queued refreshes: events only queue the dossier, the follower brings the facts up to date."""

from collections.abc import Callable
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import World
from motcua.reports.models import MEASURES, DailyFact, DossierContribution, QueuedRefresh
from motcua.reports.refresh_queue import drain, follow, queue_refresh, refresh_queued
from motcua.reports.rollups import check, rebuild, refresh_dossiers

pytestmark = pytest.mark.django_db

Make = Callable[..., Dossier]


def totals() -> dict[str, int]:
    sums = DailyFact.objects.aggregate(**{measure: Sum(measure) for measure in MEASURES})
    return {measure: value or 0 for measure, value in sums.items()}


@pytest.fixture
def queued(settings: Any) -> None:
    settings.REPORTS_REFRESH = "queued"


def test_a_queued_event_leaves_the_facts_alone_until_the_follower_runs(
    world: World, acted: Make, queued: None
) -> None:
    # given a dossier received and resolved while refreshes are queued
    dossier = acted(world, result_ready=True)
    # then its events queued it once, and no fact counts it yet
    assert list(QueuedRefresh.objects.values_list("dossier_id", flat=True)) == [dossier.pk]
    assert totals()["received"] == 0
    # when the follower drains the queue
    assert drain() == 1
    # then the facts count it, equal to a full recompute, and the queue is empty
    assert totals()["received"] == 1
    assert totals()["resolved_early"] == 1
    assert check() == []
    assert QueuedRefresh.objects.count() == 0


def test_a_batch_refreshes_many_dossiers_and_writes_what_one_by_one_would(
    world: World, acted: Make, queued: None
) -> None:
    # given five dossiers, two of them resolved, queued by their events
    made = [acted(world) for _ in range(3)] + [acted(world, result_ready=True) for _ in range(2)]
    assert QueuedRefresh.objects.count() == 5
    # when one batch of two, then the rest
    assert refresh_queued(batch_size=2) == 2
    assert QueuedRefresh.objects.count() == 3
    assert refresh_queued(batch_size=10) == 3
    # then the facts equal the rebuild's, cell by cell
    kept = set(DailyFact.objects.values_list("day", "agency_id", *MEASURES))
    rebuild()
    assert set(DailyFact.objects.values_list("day", "agency_id", *MEASURES)) == kept
    assert DossierContribution.objects.count() == len(made)
    assert totals()["received"] == 5
    assert totals()["resolved_early"] + totals()["resolved_on_time"] == 2


def test_a_dossier_changed_after_its_refresh_is_refreshed_again(
    world: World, acted: Make, queued: None
) -> None:
    # given a dossier counted as received on its day
    dossier = acted(world)
    drain()
    assert totals()["received"] == 1
    # when it is moved to another day (as a later event would change it) and queued again
    Dossier.objects.filter(pk=dossier.pk).update(
        received_at=dossier.received_at.replace(day=dossier.received_at.day - 1)
    )
    queue_refresh(dossier_id=dossier.pk)
    queue_refresh(dossier_id=dossier.pk)  # queued twice: kept once
    assert QueuedRefresh.objects.count() == 1
    assert refresh_queued() == 1
    # then the old day lost it and the new day has it
    days = set(DailyFact.objects.filter(received=1).values_list("day", flat=True))
    assert days == {dossier.received_at.date().replace(day=dossier.received_at.day - 1)}
    assert check() == []


def test_a_deleted_dossier_loses_its_contribution(world: World, acted: Make) -> None:
    # given a dossier counted in the facts
    dossier = acted(world)
    assert totals()["received"] == 1
    # when its contribution is recomputed after the dossier stopped counting (never received)
    Dossier.objects.filter(pk=dossier.pk).update(received_at=None)
    assert refresh_dossiers(dossier_ids=[dossier.pk, 999_999]) == 1
    # then nothing counts it any more; an unknown id is ignored
    assert totals()["received"] == 0
    assert DossierContribution.objects.count() == 0
    assert refresh_dossiers(dossier_ids=[dossier.pk]) == 0


def test_after_commit_mode_refreshes_without_queueing(world: World, acted: Make) -> None:
    # given the default mode, when a dossier is received
    acted(world)
    # then its facts are there at once and nothing is queued
    assert totals()["received"] == 1
    assert QueuedRefresh.objects.count() == 0


def test_follow_drains_then_waits_until_told_to_stop(
    world: World, acted: Make, queued: None
) -> None:
    # given three queued dossiers
    for _ in range(3):
        acted(world)
    looks: list[int] = []

    def keep_going() -> bool:
        looks.append(1)
        return len(looks) <= 3

    # when the follower runs three rounds with batches of two
    refreshed = follow(interval_seconds=0, batch_size=2, keep_going=keep_going)
    # then it refreshed all three and stopped when told
    assert refreshed == 3
    assert totals()["received"] == 3
    assert QueuedRefresh.objects.count() == 0


def test_follow_command_once_and_check_warns_of_a_backlog(
    world: World, acted: Make, queued: None
) -> None:
    # given a queued dossier, the check warns that facts lag behind (and finds the difference)
    acted(world)
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("reports", "check", stderr=errors)
    assert "1 dossiers are queued" in errors.getvalue()
    # when the follower drains it once
    out = StringIO()
    call_command("reports", "follow", "--once", stdout=out)
    # then it says so and the check passes
    assert "refreshed 1 queued dossiers" in out.getvalue()
    call_command("reports", "check", stdout=StringIO())
    with pytest.raises(CommandError, match="--batch"):
        call_command("reports", "follow", "--once", "--batch", "0")


def test_the_day_of_a_queued_dossier_is_its_receipt_day(
    world: World, acted: Make, queued: None
) -> None:
    dossier = acted(world)
    drain()
    assert DailyFact.objects.get(received=1).day == date(2025, 9, 16)
    assert DossierContribution.objects.get().dossier_id == dossier.pk
