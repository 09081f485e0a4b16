"""Rating from the return e-mail's signed link and from "my dossiers"."""

import re

import pytest
from django.core import mail
from django.test import Client, TestCase

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.choices import ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.rating_links import rating_url
from motcua.dossiers.tests.factories import DossierFactory
from motcua.surveys.choices import Content, RatingChannel
from motcua.surveys.models import Rating
from motcua.surveys.testing import returned_dossier

pytestmark = pytest.mark.django_db


def answers_form(**overrides: str) -> dict[str, str]:
    values = {content.value: "4" for content in Content}
    values.update(overrides)
    return values


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_return_email_carries_a_rating_link_that_records_the_rating(world, client: Client):
    # given a dossier whose result is returned, the applicant e-mailed on return
    dossier = DossierFactory(world=world, result_ready=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.return_result(
            officer=world.commune_intake, dossier=dossier, method=ReturnMethod.ONLINE
        )
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+/danh-gia/\S+/", body)
    assert link is not None
    # when the applicant follows the link and answers
    form = client.get(path_of(link.group(0)))
    response = client.post(path_of(link.group(0)), answers_form(comment="Nhanh gọn"))
    # then the form was shown and the rating is kept with the link's channel
    assert form.status_code == 200
    assert response.status_code == 200
    rating = Rating.objects.get(dossier=dossier)
    assert rating.channel == RatingChannel.NOTIFICATION_LINK
    assert rating.comment == "Nhanh gọn"


def test_rating_link_is_single_use(world, client: Client):
    # given a link already used
    dossier = returned_dossier(world)
    path = path_of(rating_url(dossier_id=dossier.pk, code=dossier.code))
    client.post(path, answers_form())
    # when it is used again
    again = client.post(path, answers_form(**{Content.STAFF_ATTITUDE.value: "1"}))
    # then the page says it was rated, and the first rating stands
    assert "đã được đánh giá" in again.content.decode()
    assert Rating.objects.get(dossier=dossier).staff_attitude == 4


def test_forged_rating_link_is_refused(world, client: Client):
    dossier = returned_dossier(world)
    path = path_of(rating_url(dossier_id=dossier.pk, code=dossier.code))
    forged = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.post(forged, answers_form())
    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_rating_form_without_answers_lists_each_missing_content(world, client: Client):
    dossier = returned_dossier(world)
    path = path_of(rating_url(dossier_id=dossier.pk, code=dossier.code))
    response = client.post(path, {Content.STAFF_ATTITUDE.value: "9"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Thái độ, ứng xử của cán bộ" in page
    assert not Rating.objects.exists()


def test_applicant_rates_own_dossier_from_the_portal(world, client: Client):
    # given a citizen whose returned dossier is linked to their account
    citizen = User.objects.create_user(username="056190001234", password="x-Strong-pass-1")
    dossier = returned_dossier(world)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=citizen)
    client.force_login(citizen)
    # when they rate it
    response = client.post(f"/danh-gia/ho-so/{dossier.code}/", answers_form())
    # then the rating is kept as theirs, from the portal
    assert response.status_code == 200
    rating = Rating.objects.get(dossier=dossier)
    assert rating.channel == RatingChannel.PORTAL
    assert rating.rated_by == citizen


def test_another_persons_dossier_cannot_be_rated_from_the_portal(world, client: Client):
    stranger = User.objects.create_user(username="056190007777", password="x-Strong-pass-1")
    dossier = returned_dossier(world)
    client.force_login(stranger)
    response = client.post(f"/danh-gia/ho-so/{dossier.code}/", answers_form())
    assert response.status_code == 404
    assert not Rating.objects.exists()


def test_rating_page_before_the_return_says_when_it_opens(world, client: Client):
    dossier = DossierFactory(world=world, processing=True)
    path = path_of(rating_url(dossier_id=dossier.pk, code=dossier.code))
    response = client.get(path)
    assert response.status_code == 409
    assert not Rating.objects.exists()
