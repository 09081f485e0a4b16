import unicodedata

import pytest
from django.test import TestCase

from motcua.audit.models import AuditEntry
from motcua.core import events
from motcua.dossiers.tests.factories import DossierFactory
from motcua.surveys.choices import Answer, Content, RatingChannel
from motcua.surveys.errors import AlreadyRated, InvalidRating, NotYetRateable
from motcua.surveys.events import DossierRated
from motcua.surveys.models import COMMENT_MAX_LENGTH, Rating
from motcua.surveys.services import rate_dossier
from motcua.surveys.testing import all_answers, returned_dossier

pytestmark = pytest.mark.django_db


def test_returned_dossier_is_rated_on_the_seven_contents_with_its_agency(world):
    # given a dossier whose result was returned
    dossier = returned_dossier(world)
    answers = all_answers(Answer.VERY_SATISFIED) | {
        Content.STAFF_ATTITUDE.value: Answer.DISSATISFIED
    }
    # when the applicant rates it from the portal
    rating = rate_dossier(dossier=dossier, answers=answers, channel=RatingChannel.PORTAL)
    # then every answer, the channel and the competent agency are kept
    rating.refresh_from_db()
    assert rating.staff_attitude == Answer.DISSATISFIED
    assert rating.processing_time == Answer.VERY_SATISFIED
    assert rating.channel == RatingChannel.PORTAL
    assert rating.agency_id == dossier.agency_id
    assert rating.procedure_code == "1.000001.H34"


def test_rating_writes_an_audit_row(world):
    # given a returned dossier
    dossier = returned_dossier(world)
    # when it is rated
    rating = rate_dossier(dossier=dossier, answers=all_answers(), channel=RatingChannel.KIOSK)
    # then the audit trail has the act, without the comment
    entry = AuditEntry.objects.get(action="dossier.rate")
    assert entry.object_id == str(rating.pk)
    assert entry.after["dossier"] == dossier.code


def test_dossier_rated_event_is_published_after_commit(world):
    # given a listener of DossierRated
    heard: list[DossierRated] = []
    events.subscribe(DossierRated, heard.append)
    dossier = returned_dossier(world)
    try:
        # when the rating commits
        with TestCase.captureOnCommitCallbacks(execute=True):
            rate_dossier(dossier=dossier, answers=all_answers(), channel=RatingChannel.PORTAL)
    finally:
        events.unsubscribe(DossierRated, heard.append)
    # then the event names the dossier and the answers
    assert [event.code for event in heard] == [dossier.code]
    assert heard[0].answers[Content.PROCESSING_TIME.value] == Answer.SATISFIED


def test_dossier_still_in_processing_cannot_be_rated(world):
    # given a dossier still being processed
    dossier = DossierFactory(world=world, processing=True)
    # when a rating comes, then it is refused and nothing is written
    with pytest.raises(NotYetRateable):
        rate_dossier(dossier=dossier, answers=all_answers(), channel=RatingChannel.PORTAL)
    assert not Rating.objects.exists()


def test_a_dossier_is_rated_only_once(world):
    # given a rated dossier
    dossier = returned_dossier(world)
    rate_dossier(dossier=dossier, answers=all_answers(), channel=RatingChannel.PORTAL)
    # when a second rating comes, then it is refused
    with pytest.raises(AlreadyRated):
        rate_dossier(dossier=dossier, answers=all_answers(), channel=RatingChannel.KIOSK)
    assert Rating.objects.count() == 1


def test_withdrawn_dossier_can_be_rated_as_closed(world):
    # given a dossier the applicant withdrew (closed without a result)
    from motcua.dossiers import services

    dossier = DossierFactory(world=world, processing=True)
    dossier = services.withdraw_dossier(
        officer=world.commune_handler, dossier=dossier, reason="Không còn nhu cầu"
    )
    # when it is rated, then the rating is kept
    rate_dossier(dossier=dossier, answers=all_answers(), channel=RatingChannel.PORTAL)
    assert Rating.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize("answer", [0, 6, "x", None])
def test_answer_outside_the_five_levels_is_refused(world, answer):
    # given a returned dossier
    dossier = returned_dossier(world)
    # when the staff attitude answer is not one of the five levels, then it is refused
    with pytest.raises(InvalidRating) as refused:
        rate_dossier(
            dossier=dossier,
            answers=all_answers() | {Content.STAFF_ATTITUDE.value: answer},
            channel=RatingChannel.PORTAL,
        )
    assert refused.value.details["field"] == Content.STAFF_ATTITUDE.value


def test_feedback_and_online_contents_may_stay_empty(world):
    # given a counter dossier with no feedback given
    dossier = returned_dossier(world)
    answers = all_answers() | {
        Content.FEEDBACK_HANDLING.value: None,
        Content.ONLINE_SERVICE.value: "",
    }
    # when rated without those two answers
    rating = rate_dossier(dossier=dossier, answers=answers, channel=RatingChannel.PORTAL)
    # then they stay empty
    rating.refresh_from_db()
    assert rating.feedback_handling is None
    assert rating.online_service is None


def test_comment_is_stored_in_nfc(world):
    # given a comment typed in decomposed Unicode
    dossier = returned_dossier(world)
    typed = unicodedata.normalize("NFD", "Cán bộ nhiệt tình")
    # when rated
    rating = rate_dossier(
        dossier=dossier, answers=all_answers(), comment=typed, channel=RatingChannel.PORTAL
    )
    # then the comment is kept composed
    assert rating.comment == unicodedata.normalize("NFC", typed)


def test_comment_longer_than_the_limit_is_refused(world):
    dossier = returned_dossier(world)
    with pytest.raises(InvalidRating):
        rate_dossier(
            dossier=dossier,
            answers=all_answers(),
            comment="a" * (COMMENT_MAX_LENGTH + 1),
            channel=RatingChannel.PORTAL,
        )
    assert not Rating.objects.exists()


def test_unknown_channel_is_refused(world):
    dossier = returned_dossier(world)
    with pytest.raises(InvalidRating):
        rate_dossier(dossier=dossier, answers=all_answers(), channel="fax")
