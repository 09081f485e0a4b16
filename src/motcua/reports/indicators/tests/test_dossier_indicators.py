"""Indicators read from dossiers (1.4, 2.2, 3.3, 3.6, 4.1, 4.2, 4.3, 5.4) on hand-built data."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import PaymentMethod
from motcua.dossiers.tests.world import PROVINCIAL_PROCEDURE
from motcua.organizations.models import AdministrativeUnit
from motcua.reports.indicators.digitised_dossiers import digitised_dossiers
from motcua.reports.indicators.electronic_results import electronic_results
from motcua.reports.indicators.measure import DataNotAvailable, RateKind
from motcua.reports.indicators.national_portal_sync import national_portal_sync
from motcua.reports.indicators.online_dossiers import online_dossiers
from motcua.reports.indicators.online_paid_dossiers import online_paid_dossiers
from motcua.reports.indicators.resolution_time import resolution_time
from motcua.reports.indicators.reused_data import reused_data
from motcua.reports.indicators.satisfaction import satisfaction
from motcua.reports.indicators.tests.building import (
    OCTOBER,
    SEPTEMBER,
    at,
    commune_papers,
    issue_e_result,
    paper,
    receive,
    receive_online,
    scanned,
    settle,
)
from motcua.surveys.choices import Answer, Content, RatingChannel
from motcua.surveys.services import rate_dossier

pytestmark = pytest.mark.django_db


def pair(result):
    return result.numerator, result.denominator


def test_online_share_counts_received_dossiers_only(world):
    # given two counter dossiers, one online dossier received, one online application waiting
    receive(world)
    receive(world)
    receive_online(world)
    receive_online(world, accept=False)
    # then one of the three received came online
    assert pair(online_dossiers(scope=SEPTEMBER)) == (1, 3)


def test_dossiers_received_in_another_period_are_not_counted(world):
    receive(world)
    assert pair(online_dossiers(scope=OCTOBER)) == (0, 0)


def test_dossiers_paid_online_over_dossiers_with_a_fee(world):
    # given three dossiers: a fee paid online, a fee paid in cash, no fee asked
    paid_online, paid_cash = receive(world), receive(world)
    receive(world)
    for dossier, method in ((paid_online, PaymentMethod.ONLINE), (paid_cash, PaymentMethod.CASH)):
        services.complete_step(officer=world.commune_intake, dossier=dossier)
        services.request_payment(officer=world.commune_handler, dossier=dossier)
        services.record_payment(
            officer=world.commune_handler, dossier=dossier, method=method, amount_vnd=8000
        )
    # then one of the two with a fee was paid online
    assert pair(online_paid_dossiers(scope=SEPTEMBER)) == (1, 2)


def test_e_results_over_dossiers_whose_result_was_approved(world, clock):
    # given two dossiers settled (one with a signed e-result) and one still in progress
    with_e_result, on_paper = receive(world), receive(world)
    receive(world)
    clock.set(at(9, 17, 9))
    settle(world, with_e_result)
    settle(world, on_paper)
    issue_e_result(world, with_e_result)
    clock.set(at(9, 17, 10))
    # then one of the two results is electronic; the open dossier is in neither term
    assert pair(electronic_results(scope=SEPTEMBER)) == (1, 2)


def test_digitised_needs_every_document_as_a_file_and_an_e_result(world, clock):
    # given three settled dossiers, each with an e-result but the last
    codes = ("TP01", "TP02")
    scanned_all = receive(world, documents=[scanned(code) for code in codes])
    one_paper = receive(world, documents=[scanned("TP01"), paper("TP02")])
    no_e_result = receive(world, documents=[scanned(code) for code in codes])
    clock.set(at(9, 17, 9))
    for dossier in (scanned_all, one_paper, no_e_result):
        settle(world, dossier)
    issue_e_result(world, scanned_all)
    issue_e_result(world, one_paper)
    clock.set(at(9, 17, 10))
    # then only the first is digitised
    assert pair(digitised_dossiers(scope=SEPTEMBER)) == (1, 3)


def test_reuse_counts_dossiers_with_a_document_taken_from_digitised_data(world):
    receive(world, documents=commune_papers(reused=True))
    receive(world, documents=commune_papers())
    assert pair(reused_data(scope=SEPTEMBER)) == (1, 2)


def test_resolution_time_is_the_average_working_time_to_the_result(world, clock):
    # given a dossier settled after 2.5 working hours (09:00 → 13:30 with the noon break)
    # and one after two working days (Tue 09:00 → Thu 09:00), both received Tue 16/09 09:00
    quick, slow = receive(world), receive(world)
    clock.set(at(9, 16, 13, 30))
    settle(world, quick)
    clock.set(at(9, 18, 9))
    settle(world, slow)
    clock.set(at(9, 18, 10))
    # then Σ = 2.5/8 + 2 = 2.3125 working days over two dossiers
    result = resolution_time(scope=SEPTEMBER)
    assert pair(result) == (2.3125, 2)
    assert result.rate_kind == RateKind.WORKING_DAYS


def test_national_portal_sync_is_not_available_rather_than_zero(world):
    receive(world)
    with pytest.raises(DataNotAvailable):
        national_portal_sync(scope=SEPTEMBER)


class RatedDissatisfied:
    """A rating source holding dissatisfied ratings for the given dossier codes."""

    def __init__(self, *codes: str) -> None:
        self.codes = codes

    def dissatisfied(self, *, dossiers):
        return dossiers.filter(code__in=self.codes)


def test_satisfaction_is_one_less_the_overdue_and_dissatisfied_rates(world, clock):
    # given four dossiers: one overdue at the cut-off, one settled and rated dissatisfied
    overdue = receive(world)
    disliked = receive(world)
    receive(world, procedure=PROVINCIAL_PROCEDURE)
    receive(world, procedure=PROVINCIAL_PROCEDURE)
    clock.set(at(9, 17, 9))
    settle(world, disliked)
    clock.set(at(9, 22, 9))
    # then 100% − (1/4 + 1/4): two of four
    result = satisfaction(scope=SEPTEMBER, ratings=RatedDissatisfied(disliked.code))
    assert pair(result) == (2, 4)
    assert overdue.status == "received"


def test_satisfaction_without_ratings_counts_the_overdue_rate_and_says_so(world, clock):
    # given no ratings table yet and one overdue dossier of two
    receive(world)
    receive(world, procedure=PROVINCIAL_PROCEDURE)
    clock.set(at(9, 22, 9))
    result = satisfaction(scope=SEPTEMBER)
    assert pair(result) == (1, 2)
    assert result.note


def test_satisfaction_counts_a_dossier_rated_dissatisfied_on_any_content(world, clock):
    # given two dossiers returned in time, one rated "very dissatisfied" on staff attitude
    liked, disliked = receive(world), receive(world)
    for dossier in (liked, disliked):
        settle(world, dossier)
        services.return_result(
            officer=world.commune_intake,
            dossier=dossier,
            receiver_name="Nguyễn Văn An",
            receiver_id_number="056090001234",
        )
    answers = {content.value: Answer.SATISFIED for content in Content}
    rate_dossier(dossier=liked, answers=answers, channel=RatingChannel.KIOSK)
    low = {**answers, Content.STAFF_ATTITUDE.value: Answer.VERY_DISSATISFIED}
    rate_dossier(dossier=disliked, answers=low, channel=RatingChannel.KIOSK)
    clock.set(at(9, 22, 9))
    # when satisfaction is computed from the stored ratings
    result = satisfaction(scope=SEPTEMBER)
    # then 100% − (0/2 overdue + 1/2 disliked): one of two, with no "no ratings" note
    assert pair(result) == (1, 2)
    assert not result.note


def test_a_unit_takes_in_the_dossiers_of_its_agencies_only(world):
    # given a commune dossier and a provincial dossier
    receive(world)
    receive(world, procedure=PROVINCIAL_PROCEDURE)
    province = AdministrativeUnit.objects.get(code="56")
    ward = AdministrativeUnit.objects.get(code="22366")
    # then the ward counts its own, the province both
    assert pair(online_dossiers(scope=SEPTEMBER.narrowed(unit=ward))) == (0, 1)
    assert pair(online_dossiers(scope=SEPTEMBER.narrowed(unit=province))) == (0, 2)


def test_an_officer_counts_only_the_dossiers_in_reach(world):
    # given a commune dossier and a provincial one
    receive(world)
    receive(world, procedure=PROVINCIAL_PROCEDURE)
    # then the commune handler's indicators count the commune dossier only
    scope = SEPTEMBER.narrowed(officer=world.commune_handler)
    assert pair(online_dossiers(scope=scope)) == (0, 1)
