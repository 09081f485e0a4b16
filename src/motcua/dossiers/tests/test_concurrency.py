"""Concurrent intakes and acts on PostgreSQL (SQLite serialises writers and is skipped)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from motcua.dossiers import queries, services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.api_client import OfficerClient
from motcua.dossiers.tests.factories import DossierFactory, intake_request

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent transactions need PostgreSQL (DATABASE_URL=postgres://…)",
)
pytestmark = [pytest.mark.postgres, requires_postgres, pytest.mark.django_db(transaction=True)]

INTAKES = 8


def run_together(work: Callable[[int], Any], count: int) -> tuple[list[Any], list[BaseException]]:
    start = threading.Barrier(count)
    results: list[Any] = []
    failures: list[BaseException] = []

    def run(number: int) -> None:
        try:
            start.wait(timeout=10)
            results.append(work(number))
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, failures


def test_parallel_intakes_get_distinct_consecutive_codes(world):
    # given eight officers' intakes at one centre at the same moment
    def receive(_: int) -> str:
        return services.receive_dossier(
            officer=world.commune_intake, request=intake_request(world)
        ).code

    # when they all run at once
    codes, failures = run_together(receive, INTAKES)
    # then every dossier has its own code, numbered 1 to 8 without a gap
    assert failures == []
    assert sorted(codes) == [f"000.00.01.H34-250916-{n:04d}" for n in range(1, INTAKES + 1)]


def test_two_officers_acting_at_once_through_the_api_one_wins(client, world, monkeypatch):
    # given a dossier both officers read before either writes
    dossier = DossierFactory(world=world, processing=True)
    both_read = threading.Barrier(2)
    real_get = queries.get_dossier_for_officer

    def get_then_wait(**kwargs: Any) -> Dossier:
        found = real_get(**kwargs)
        both_read.wait(timeout=10)
        return found

    monkeypatch.setattr(queries, "get_dossier_for_officer", get_then_wait)
    handler = OfficerClient(client, world.commune_handler)
    leader = OfficerClient(client, world.commune_leader)
    calls = [
        lambda: handler.act(dossier.code, "complete-step"),
        lambda: leader.act(
            dossier.code, "extend", {"new_due_at": "2025-09-26T16:00", "reason": "Chậm"}
        ),
    ]
    # when both act at once
    responses, failures = run_together(lambda n: calls[n](), 2)
    # then one wins and the other gets a clear conflict; the winner's change is kept whole
    assert failures == []
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["code"] == "conflict"
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.revision == dossier.revision + 1
