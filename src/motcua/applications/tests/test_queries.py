"""The applicant sees only their own drafts and dossiers, and only the acts meant for them."""

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.applications import queries, services
from motcua.applications.errors import DraftNotFound
from motcua.applications.tests.fixtures import applicant_answers, pdf
from motcua.dossiers import services as dossier_services
from motcua.dossiers.errors import DossierNotFound

pytestmark = pytest.mark.django_db


def _submit(applicant, variant, world):
    draft = services.start_draft(applicant=applicant, variant=variant)
    services.save_draft(applicant=applicant, draft=draft, values=applicant_answers(world))
    services.attach_draft_document(
        applicant=applicant, draft=draft, required_document_code="VT01", file=pdf()
    )
    return services.submit_draft(applicant=applicant, draft=draft)


def test_another_applicants_draft_is_not_found(applicant, online_variant):
    draft = services.start_draft(applicant=applicant, variant=online_variant)
    with pytest.raises(DraftNotFound):
        queries.get_draft_for_applicant(applicant=UserFactory(), public_id=draft.public_id)


def test_a_malformed_draft_identifier_is_not_found(applicant):
    with pytest.raises(DraftNotFound):
        queries.get_draft_for_applicant(applicant=applicant, public_id="../../etc")


def test_the_applicant_lists_only_their_own_dossiers(applicant, online_variant, world):
    # given
    mine = _submit(applicant, online_variant, world)
    other = UserFactory()
    _submit(other, online_variant, world)
    # when
    listed = list(queries.list_dossiers_for_applicant(applicant=applicant))
    # then
    assert [dossier.code for dossier in listed] == [mine.code]
    with pytest.raises(DossierNotFound):
        queries.get_dossier_for_applicant(applicant=other, code=mine.code)


def test_the_timeline_hides_internal_acts_and_officers(applicant, online_variant, world):
    # given
    dossier = _submit(applicant, online_variant, world)
    dossier_services.accept_application(officer=world.intake, dossier=dossier)
    dossier_services.assign_handler(officer=world.intake, dossier=dossier, handler=world.intake)
    # when
    timeline = queries.list_applicant_timeline(dossier=dossier)
    # then
    assert [entry["act"] for entry in timeline] == ["submit", "receive"]
    assert all("actor" not in entry for entry in timeline)
