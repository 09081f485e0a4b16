"""Authorised representatives: declared, listed for the days they hold, ended, never deleted."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.errors import InvalidRepresentation, RepresentationAlreadyEnded
from motcua.accounts.events import RepresentationDeclared
from motcua.accounts.models import Representation, User
from motcua.accounts.queries import list_represented
from motcua.accounts.representation_services import (
    RepresentedParty,
    declare_representation,
    end_representation,
)
from motcua.accounts.tests.factories import UserFactory
from motcua.audit.models import AuditEntry
from motcua.core import events
from motcua.core.clock import today
from motcua.core.uploads import UploadRefused

pytestmark = pytest.mark.django_db

PAGE = reverse("applicant:representations")
MOTHER = RepresentedParty(kind="person", name="Phạm Thị Lan", national_id="056150000404")
COMPANY = RepresentedParty(kind="organisation", name="Công ty Cổ phần Yến", tax_code="4200000001")


@pytest.fixture
def clerk(db: Any) -> User:
    return UserFactory(username="thuky", national_id="079098000303")


def declare(clerk: User, party: RepresentedParty = MOTHER, **values: Any) -> Representation:
    arguments = {"scope_note": "Nộp và nhận hồ sơ đất đai", "valid_from": today()} | values
    return declare_representation(representative=clerk, represented=party, **arguments)


def test_declaring_a_representation_is_audited_and_published(
    clerk: User, django_capture_on_commit_callbacks: Any
) -> None:
    heard: list[RepresentationDeclared] = []
    events.subscribe(RepresentationDeclared, heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            row = declare(clerk)
    finally:
        events.unsubscribe(RepresentationDeclared, heard.append)
    audit = AuditEntry.objects.get(action="representation.declared")
    assert audit.after["represented"]["national_id"] == "***"
    assert heard == [RepresentationDeclared(representation_id=row.pk, representative_id=clerk.pk)]


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "listed"),
    [
        (-10, None, True),
        (-10, 0, True),
        (-10, -1, False),
        (1, None, False),
        (0, 30, True),
    ],
)
def test_only_representations_valid_today_are_listed(
    clerk: User, valid_from: int, valid_to: int | None, listed: bool
) -> None:
    on = today()
    declare(
        clerk,
        valid_from=on + timedelta(days=valid_from),
        valid_to=None if valid_to is None else on + timedelta(days=valid_to),
    )
    assert list_represented(user=clerk).exists() is listed


def test_an_ended_representation_is_no_longer_listed_but_kept(clerk: User) -> None:
    row = declare(clerk, COMPANY, valid_from=today() - timedelta(days=3))
    ended = end_representation(representative=clerk, representation=row)
    assert not list_represented(user=clerk).exists()
    assert ended.valid_to == today()
    assert Representation.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(action="representation.ended").count() == 1


def test_ending_twice_is_refused(clerk: User) -> None:
    row = declare(clerk)
    end_representation(representative=clerk, representation=row)
    with pytest.raises(RepresentationAlreadyEnded):
        end_representation(representative=clerk, representation=row)


@pytest.mark.parametrize(
    ("party", "values"),
    [
        (RepresentedParty(kind="person", name="Lan", national_id=""), {}),
        (RepresentedParty(kind="person", name="Lan", national_id="123"), {}),
        (RepresentedParty(kind="organisation", name="Yến", tax_code=""), {}),
        (MOTHER, {"scope_note": ""}),
        (MOTHER, {"valid_from": date(2026, 5, 2), "valid_to": date(2026, 5, 1)}),
    ],
)
def test_a_malformed_declaration_is_refused_and_nothing_is_written(
    clerk: User, party: RepresentedParty, values: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError):
        declare(clerk, party, **values)
    assert not Representation.objects.exists()


def test_nobody_represents_themself(clerk: User) -> None:
    with pytest.raises(InvalidRepresentation):
        declare(clerk, RepresentedParty(kind="person", name="Tôi", national_id="079098000303"))


def test_evidence_that_is_not_what_it_claims_is_refused(clerk: User) -> None:
    fake_pdf = SimpleUploadedFile("giay-uy-quyen.pdf", b"not a pdf at all")
    with pytest.raises(UploadRefused):
        declare(clerk, evidence=fake_pdf)
    assert not Representation.objects.exists()


def test_the_page_declares_with_a_ddmmyyyy_date(clerk: User, client: Client) -> None:
    client.force_login(clerk)
    response = client.post(
        PAGE,
        {
            "represented_kind": "person",
            "represented_name": "Phạm Thị Lan",
            "represented_national_id": "056150000404",
            "scope_note": "Nộp hồ sơ",
            "valid_from": today().strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    assert list_represented(user=clerk).get().represented_name == "Phạm Thị Lan"


def test_the_page_refuses_a_person_without_an_id_number(clerk: User, client: Client) -> None:
    client.force_login(clerk)
    response = client.post(
        PAGE,
        {
            "represented_kind": "person",
            "represented_name": "Phạm Thị Lan",
            "scope_note": "Nộp hồ sơ",
            "valid_from": "01/05/2026",
        },
    )
    assert response.status_code == 200
    assert "represented_national_id" in response.context["form"].errors


def test_the_list_page_runs_a_fixed_number_of_queries(
    clerk: User, client: Client, django_assert_num_queries: Any
) -> None:
    # given many representations
    for number in range(25):
        declare(
            clerk,
            RepresentedParty(
                kind="person", name=f"Người {number}", national_id=f"0561500{number:05d}"
            ),
        )
    client.force_login(clerk)
    # when the page is shown, then the query count does not grow with the rows
    # (session, user, the rows)
    with django_assert_num_queries(3):
        response = client.get(PAGE)
    assert response.content.decode().count("<tr>") == 26


def test_another_account_cannot_end_my_representation(clerk: User, client: Client) -> None:
    row = declare(clerk)
    client.force_login(UserFactory())
    response = client.post(reverse("applicant:representation-end", args=[row.pk]))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.ended_at is None
