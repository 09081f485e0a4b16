"""Roll-up facts follow the dossiers' events and always equal a full recompute."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Sum

from motcua.dossiers.models import Dossier, DossierDocument, Payment
from motcua.dossiers.tests.world import World
from motcua.reports.models import MEASURES, DailyFact, DossierContribution
from motcua.reports.outcomes import DossierTimes, classify_dossier
from motcua.reports.queries import build_form_ii06a
from motcua.reports.rollups import check, rebuild, refresh_dossier

pytestmark = pytest.mark.django_db

Make = Callable[..., Dossier]


def totals() -> dict[str, int]:
    sums = DailyFact.objects.aggregate(**{measure: Sum(measure) for measure in MEASURES})
    return {measure: value or 0 for measure, value in sums.items()}


def facts_snapshot() -> set[tuple[Any, ...]]:
    columns = ("day", "level_id", "unit_id", "agency_id", "procedure_id", "sector_id", "channel")
    return set(DailyFact.objects.values_list(*columns, *MEASURES))


def test_a_received_dossier_is_counted_on_its_receipt_day(world: World, acted: Make) -> None:
    # given / when a dossier received at the commune centre on Tue 16 Sep 2025
    dossier = acted(world)
    # then the day's fact of that slice counts one received dossier, due on its due day
    fact = DailyFact.objects.get(day=date(2025, 9, 16), received=1)
    assert (fact.agency_id, fact.unit_id, fact.channel) == (
        dossier.agency_id,
        world.commune_centre.unit_id,
        dossier.channel,
    )
    assert totals()["due"] == 1
    assert totals()["resolved_early"] + totals()["resolved_on_time"] == 0


def test_a_resolved_dossier_moves_from_in_progress_to_resolved(world: World, acted: Make) -> None:
    # given / when a dossier received and resolved the same morning
    acted(world, result_ready=True)
    # then it is received once and resolved early, with its working time summed
    sums = totals()
    assert sums["received"] == 1
    assert sums["resolved_early"] == 1
    assert sums["settled"] == 1
    assert sums["resolution_working_seconds"] == 0  # the clock did not move: frozen time
    assert check() == []


def test_an_outcome_change_subtracts_the_old_contribution(
    world: World, acted: Make, rewritten: Callable[..., Dossier]
) -> None:
    # given a dossier resolved early
    dossier = acted(world, result_ready=True)
    # when its history changes to a late resolution a month later
    rewritten(dossier, decided_at="2025-10-20 10:00")
    # then the early count is gone and the late one is on the new day
    assert totals()["resolved_early"] == 0
    assert DailyFact.objects.get(day=date(2025, 10, 20)).resolved_late == 1
    assert check() == []


def test_a_repeated_event_changes_nothing(world: World, acted: Make) -> None:
    # given a dossier whose facts are up to date
    dossier = acted(world, processing=True)
    before = facts_snapshot()
    # when its event is delivered again
    changed = refresh_dossier(dossier_id=dossier.pk)
    # then nothing changes
    assert changed is False
    assert facts_snapshot() == before


def test_rebuild_gives_the_facts_kept_from_events(
    world: World, acted: Make, rewritten: Callable[..., Dossier]
) -> None:
    # given dossiers in several states, one with a long past
    acted(world)
    acted(world, result_ready=True)
    acted(world, awaiting_supplement=True)
    acted(world, procedure="1.000002.H34", processing=True)
    late = acted(world, result_ready=True)
    rewritten(late, received_at="2025-06-02 08:00", supplement_requests=2)
    kept = facts_snapshot()
    # when the facts are rebuilt from the dossiers
    result = rebuild()
    # then they are the same rows
    assert facts_snapshot() == kept
    assert result.contributions == 5


def test_rebuild_counts_the_766_flags_as_the_events_do(world: World, acted: Make) -> None:
    # given a dossier paid online, with a document digitised at intake and one reused, and a
    # dossier with neither
    flagged = acted(world)
    acted(world)
    Payment.objects.create(
        dossier=flagged, amount_vnd=50_000, method="online", paid_at=flagged.received_at
    )
    for digitised, reused in ((True, False), (False, True)):
        DossierDocument.objects.create(
            dossier=flagged,
            file="scans/giay-to.pdf",
            original_name="giay-to.pdf",
            kind="pdf",
            mime_type="application/pdf",
            size_bytes=1,
            sha256="0" * 64,
            title="Giấy tờ",
            digitised_at_intake=digitised,
            reused=reused,
            uploaded_at=flagged.received_at,
        )
    refresh_dossier(dossier_id=flagged.pk)
    kept = facts_snapshot()
    # when the facts are rebuilt (flags joined per dossier instead of probed one by one)
    rebuild()
    # then they equal the facts kept dossier by dossier, one dossier with each flag
    assert facts_snapshot() == kept
    flags = totals()
    assert (flags["online_paid"], flags["digitised"], flags["reused"]) == (1, 1, 1)
    assert flags["received"] == 2


def _fact_indexes() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename IN ('reports_dailyfact', 'reports_monthlyfact')"
        )
        return set(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's catalogue")
def test_rebuild_leaves_the_facts_indexes_for_the_dashboards(world: World, acted: Make) -> None:
    # given the facts' indexes and unique cells as the migrations made them
    before = _fact_indexes()
    dossier = acted(world)
    # when the facts are rebuilt
    rebuild()
    # then every index is as it was (none dropped, which would lock the dashboards out), and a
    # refresh adds to a cell again
    assert _fact_indexes() == before
    Dossier.objects.filter(pk=dossier.pk).update(channel=3 if dossier.channel != 3 else 1)
    assert refresh_dossier(dossier_id=dossier.pk)
    assert check() == []


def test_rebuilt_resolution_time_is_the_calendars_working_time(
    world: World, acted: Make, rewritten: Callable[..., Dossier]
) -> None:
    # given a dossier received on Friday 12 Sep 2025 at 16:00, resolved Tuesday at 08:00
    dossier = acted(world, result_ready=True)
    rewritten(dossier, received_at="2025-09-12 16:00", decided_at="2025-09-16 08:00")
    # when rebuilt in SQL
    rebuild()
    # then Friday's last hour + Monday's 8 hours + Tuesday's first hour count: 10 hours
    assert totals()["resolution_working_seconds"] == 10 * 3600


def test_check_names_a_cell_that_differs(world: World, acted: Make) -> None:
    # given facts altered behind the events' back
    acted(world)
    DailyFact.objects.filter(day=date(2025, 9, 16)).update(received=5)
    # when checked
    differences = check()
    # then the first differing cell is named with both values (the daily one; the month's
    # sum was kept by the events and is right)
    assert len(differences) == 1
    assert differences[0].key["day"] == "2025-09-16"
    assert (differences[0].kept, differences[0].expected) == ({"received": 5}, {"received": 1})


def test_check_command_fails_on_a_difference(world: World, acted: Make) -> None:
    # given a fact lost
    acted(world)
    DailyFact.objects.filter(day=date(2025, 9, 16)).delete()
    # when / then the command exits with an error
    with pytest.raises(CommandError, match="differ"):
        call_command("reports", "check")


def test_rebuild_of_a_year_keeps_the_other_years(
    world: World, acted: Make, rewritten: Callable[..., Dossier]
) -> None:
    # given a dossier of 2024 whose contribution is stale, and one of 2025
    old = acted(world, result_ready=True)
    rewritten(old, received_at="2024-03-04 08:00", decided_at="2024-03-05 08:00")
    acted(world)
    DossierContribution.objects.filter(pk=old.pk).update(outcome="late")
    # when only 2025 is rebuilt
    rebuild(year=2025)
    # then 2024's stale contribution is kept as it was
    assert DossierContribution.objects.get(pk=old.pk).outcome == "late"
    assert DossierContribution.objects.count() == 2


def _times(dossier: Dossier) -> DossierTimes:
    return DossierTimes(
        channel=dossier.channel,
        status=dossier.status,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        decided_at=dossier.decided_at,
        closed_at=dossier.closed_at,
        supplement_requests=dossier.supplement_requests,
    )


@pytest.mark.parametrize(
    ("first_day", "last_day"),
    [
        (date(2025, 9, 1), date(2025, 9, 30)),
        (date(2025, 9, 16), date(2025, 9, 16)),
        (date(2025, 10, 1), date(2025, 10, 31)),
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2025, 8, 20), date(2025, 10, 2)),
        (date(2025, 9, 2), date(2025, 9, 29)),
    ],
)
def test_form_from_facts_equals_the_classification_of_each_dossier(
    world: World,
    acted: Make,
    rewritten: Callable[..., Dossier],
    first_day: date,
    last_day: date,
) -> None:
    # given dossiers straddling periods: carried over, late, withdrawn, overdue, many supplements
    rewritten(acted(world), received_at="2025-08-20 09:00", due_at="2025-09-05 17:00")
    rewritten(
        acted(world, result_ready=True),
        received_at="2025-09-29 09:00",
        due_at="2025-10-02 17:00",
        decided_at="2025-10-03 09:00",
    )
    rewritten(acted(world, result_ready=True), supplement_requests=2)
    rewritten(acted(world, processing=True), status="withdrawn", closed_at="2025-10-01 10:00")
    rewritten(acted(world, processing=True), status="stopped", closed_at="2025-09-17 10:00")
    acted(world, awaiting_supplement=True)
    acted(world, procedure="1.000002.H34", processing=True)
    # when form II.06a is read from the facts
    report = build_form_ii06a(
        officer=world.admin, first_day=first_day, last_day=last_day, grouping="agency"
    )
    # then its total equals the count of each dossier's classification
    expected: dict[str, int] = {}
    for dossier in Dossier.objects.all():
        classes = classify_dossier(dossier=_times(dossier), first_day=first_day, last_day=last_day)
        for value in (classes.received, classes.resolved, classes.in_progress, classes.ended):
            if value is not None:
                expected[value.value] = expected.get(value.value, 0) + 1
    total = report.total
    assert {
        "online": total.received_online,
        "in_person": total.received_in_person,
        "postal": total.received_postal,
        "carried_over": total.carried_over,
        "early": total.resolved_early,
        "on_time": total.resolved_on_time,
        "late": total.resolved_late,
        "within_time": total.within_time,
        "overdue": total.overdue,
        "withdrawn": total.withdrawn,
        "refused": total.refused,
    } == {
        name: expected.get(name, 0)
        for name in (
            "online",
            "in_person",
            "postal",
            "carried_over",
            "early",
            "on_time",
            "late",
            "within_time",
            "overdue",
            "withdrawn",
            "refused",
        )
    }
    assert check() == []
