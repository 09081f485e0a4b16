from datetime import timedelta

import pytest

from motcua.surveys.choices import Answer, Content, RatingChannel
from motcua.surveys.queries import count_satisfaction, list_ratings
from motcua.surveys.services import rate_dossier
from motcua.surveys.testing import all_answers, returned_dossier

pytestmark = pytest.mark.django_db


def test_satisfaction_counts_satisfied_and_very_satisfied_per_content(world, clock):
    # given two ratings of the commune: one very satisfied, one dissatisfied with time
    first = returned_dossier(world)
    second = returned_dossier(world)
    rate_dossier(
        dossier=first, answers=all_answers(Answer.VERY_SATISFIED), channel=RatingChannel.PORTAL
    )
    rate_dossier(
        dossier=second,
        answers=all_answers(Answer.SATISFIED)
        | {Content.PROCESSING_TIME.value: Answer.DISSATISFIED, Content.ONLINE_SERVICE.value: None},
        channel=RatingChannel.KIOSK,
    )
    # when satisfaction of the period is counted
    rows = count_satisfaction(start=clock() - timedelta(days=1), end=clock() + timedelta(days=1))
    # then the commune has two ratings, one satisfied with time, and one online answer
    (commune,) = rows
    assert commune.agency_id == world.commune.pk
    assert commune.ratings == 2
    assert commune.share(Content.PROCESSING_TIME.value) == 0.5
    assert commune.share(Content.STAFF_ATTITUDE.value) == 1.0
    assert commune.answered[Content.ONLINE_SERVICE.value] == 1


def test_ratings_outside_the_period_or_agency_are_left_out(world, clock):
    # given one rating of the commune today
    rate_dossier(
        dossier=returned_dossier(world), answers=all_answers(), channel=RatingChannel.PORTAL
    )
    today = clock()
    # when listing yesterday's, or another agency's, then none is found
    assert not list_ratings(start=today - timedelta(days=2), end=today - timedelta(days=1)).exists()
    assert not list_ratings(agency_ids=[world.construction.pk]).exists()
    assert list_ratings(agency_ids=[world.commune.pk]).count() == 1


def test_satisfaction_of_many_agencies_takes_one_query(world, clock, django_assert_num_queries):
    for _ in range(3):
        rate_dossier(
            dossier=returned_dossier(world), answers=all_answers(), channel=RatingChannel.PORTAL
        )
    with django_assert_num_queries(1):
        count_satisfaction(start=clock() - timedelta(days=1), end=clock() + timedelta(days=1))
