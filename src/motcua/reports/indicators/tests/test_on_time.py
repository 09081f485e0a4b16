"""Indicator 2.1 on hand-built dossiers: numerator and denominator written in each test."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE
from motcua.reports.indicators.on_time import on_time_dossiers
from motcua.reports.indicators.tests.building import (
    OCTOBER,
    SEPTEMBER,
    at,
    receive,
    settle,
)

pytestmark = pytest.mark.django_db


def terms(scope):
    result = on_time_dossiers(scope=scope)
    return result.numerator, result.denominator


def test_finished_in_time_and_open_within_time_count_on_time(world, clock):
    # given four dossiers received Tue 16/09 09:00 (commune ones due Fri 19/09 09:00)
    settled_early = receive(world)
    open_within_time = receive(world, procedure=PROVINCIAL_PROCEDURE)  # due in October
    settled_late = receive(world)
    receive(world)  # open and overdue at the cut-off
    clock.set(at(9, 16, 10))
    settle(world, settled_early)
    # when the late one is settled on Monday 22/09 and September is read the same morning
    clock.set(at(9, 22, 10))
    settle(world, settled_late)
    clock.set(at(9, 22, 11))
    # then the early one and the provincial one within time are on time, of four
    assert terms(SEPTEMBER) == (2, 4)
    assert open_within_time.status == "received"


def test_dossier_carried_over_from_the_previous_period_is_counted(world, clock):
    # given a dossier received in September and still open on 1 October
    receive(world, procedure=PROVINCIAL_PROCEDURE)  # due 07/10 09:00
    # when October is read on 02/10
    clock.set(at(10, 2, 9))
    # then it is one of October's dossiers, within time
    assert terms(OCTOBER) == (1, 1)


def test_dossier_settled_before_the_period_is_not_counted(world, clock):
    # given a dossier received and settled in September
    dossier = receive(world)
    clock.set(at(9, 17, 9))
    settle(world, dossier)
    # when October is read
    clock.set(at(10, 2, 9))
    # then October has nothing to settle
    assert terms(OCTOBER) == (0, 0)


def test_open_dossier_is_judged_at_the_period_end_not_today(world, clock):
    # given a commune dossier received 16/09 (due 19/09) settled late on 03/10
    dossier = receive(world)
    clock.set(at(10, 3, 9))
    settle(world, dossier)
    # when September is read afterwards, then at 30/09 it was open and overdue
    assert terms(SEPTEMBER) == (0, 1)


def test_dossier_settled_after_the_period_on_time_counts_within_time(world, clock):
    # given a provincial dossier (due 07/10) still open at the end of September
    dossier = receive(world, procedure=PROVINCIAL_PROCEDURE)
    Dossier.objects.filter(pk=dossier.pk).update(decided_at=at(10, 6, 9), status="result_ready")
    clock.set(at(10, 10, 9))
    # then September counts it in progress within time, October counts it settled on time
    assert terms(SEPTEMBER) == (1, 1)
    assert terms(OCTOBER) == (1, 1)


def test_more_than_one_supplement_request_counts_late(world, clock):
    # given a dossier settled early whose data shows two supplement requests (imported)
    dossier = receive(world)
    clock.set(at(9, 16, 10))
    settle(world, dossier)
    Dossier.objects.filter(pk=dossier.pk).update(supplement_requests=2)
    # then the national formula counts it late
    assert terms(SEPTEMBER) == (0, 1)


def test_extended_dossier_is_judged_against_the_extended_due_moment(world, clock):
    # given a commune dossier due Fri 19/09 09:00, lawfully extended on 17/09 to 24/09 16:00
    dossier = receive(world)
    clock.set(at(9, 16, 10))
    services.complete_step(officer=world.commune_intake, dossier=dossier)
    clock.set(at(9, 17, 9))
    services.extend_deadline(
        officer=world.commune_handler,
        dossier=dossier,
        new_due_at=at(9, 24, 16),
        reason="Chờ xác minh",
    )
    # when it is settled on 23/09, after the first due moment but before the extended one
    clock.set(at(9, 23, 10))
    settle(world, dossier)
    # then it is on time
    assert terms(SEPTEMBER) == (1, 1)


def test_extension_asked_too_late_does_not_save_the_dossier(world, clock, settings):
    # given a deployment that flags late extensions, and one asked 7 working hours before due
    settings.DOSSIERS_LATE_EXTENSION = "flag"
    dossier = receive(world)
    clock.set(at(9, 16, 10))
    services.complete_step(officer=world.commune_intake, dossier=dossier)
    clock.set(at(9, 18, 10))
    services.extend_deadline(
        officer=world.commune_handler, dossier=dossier, new_due_at=at(9, 24, 16), reason="Chậm"
    )
    # when it is settled before the extended due moment
    clock.set(at(9, 23, 10))
    settle(world, dossier)
    # then it still counts late
    assert terms(SEPTEMBER) == (0, 1)


def test_dossier_waiting_for_the_supplement_is_within_time(world, clock):
    # given a commune dossier (due 19/09) whose supplement was asked on 16/09 and never came
    dossier = receive(world)
    clock.set(at(9, 16, 10))
    services.complete_step(officer=world.commune_intake, dossier=dossier)
    services.request_supplement(officer=world.commune_handler, dossier=dossier, items=["Bản sao"])
    # when September is read on 25/09, after the first due moment
    clock.set(at(9, 25, 9))
    # then the clock is stopped: within time
    assert terms(SEPTEMBER) == (1, 1)


def test_withdrawn_dossier_is_left_out(world, clock):
    # given one dossier withdrawn and one open within time
    withdrawn = receive(world)
    receive(world)
    services.withdraw_dossier(officer=world.commune_handler, dossier=withdrawn, reason="Xin rút")
    clock.set(at(9, 17, 9))
    # then only the open one is counted
    assert terms(SEPTEMBER) == (1, 1)
