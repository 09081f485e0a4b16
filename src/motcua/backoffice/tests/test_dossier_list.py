"""The dossier list: accent-insensitive search, filters that never fail, pinned queries."""

from typing import Any

import pytest

from motcua.dossiers import services
from motcua.dossiers.tests.factories import DossierFactory, intake_request
from motcua.dossiers.tests.world import COMMUNE_PROCEDURE, PROVINCIAL_PROCEDURE


def listed(client: Any, **params: Any) -> list[str]:
    response = client.get("/backoffice/ho-so/", params)
    assert response.status_code == 200
    return [dossier.code for dossier, _ in response.context["rows"]]


def receive(world: Any, **applicant: Any) -> Any:
    request = intake_request(world, centre=world.commune_centre)
    details = services.ApplicantDetails(
        **{
            "name": "Trần Thị Hoa",
            "id_number": "056190001234",
            "phone": "0912345678",
            **applicant,
        }
    )
    return services.receive_dossier(
        officer=world.commune_intake,
        request=services.IntakeRequest(**{**request.__dict__, "applicant": details}),
    )


@pytest.mark.parametrize(
    "q",
    [
        "dang van duc",  # the name without accents, đ folded to d
        "Đặng Văn Đức",
        "DUC",
        "0905111222",  # the phone
        "0905 111 222"[:4],  # the phone's beginning is not enough on its own…
        "079088000111",  # the ID number
        "000.00.01.H34-250916",  # the code's beginning
    ],
)
def test_search_finds_a_dossier_by_code_name_phone_or_id_number(sign_in, world, q: str) -> None:
    # given two dossiers of different applicants
    wanted = receive(world, name="Đặng Văn Đức", phone="0905111222", id_number="079088000111")
    other = receive(world, name="Lê Thị Mai", phone="0988777666", id_number="079188000999")
    client = sign_in(world.commune_intake)
    # when
    codes = listed(client, q=q)
    # then
    assert wanted.code in codes
    if not q.startswith("000.") and q != "0905":
        assert other.code not in codes


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "processing"}, {"processing", "overdue"}),
        ({"status": "received"}, {"received"}),
        ({"progress": "overdue"}, {"overdue"}),
        ({"progress": "within_time"}, {"processing", "received"}),
        ({"progress": "approaching"}, set()),
        ({"channel": "1"}, {"received", "processing", "overdue"}),
        ({"channel": "3"}, set()),
        ({"procedure": "khai sinh"}, {"received", "processing", "overdue"}),
        ({"procedure": COMMUNE_PROCEDURE}, {"received", "processing", "overdue"}),
        ({"procedure": "xay dung"}, set()),
        ({"received_from": "16/09/2025", "received_to": "16/09/2025"}, {"received", "processing"}),
        ({"received_to": "15/09/2025"}, {"overdue"}),
        ({"queue": "mine"}, {"received"}),
    ],
)
def test_filters_narrow_the_list(
    sign_in, world, params: dict[str, str], expected: set[str]
) -> None:
    # given three commune dossiers: just received, in processing, overdue (received 2 weeks ago)
    made = {
        "received": DossierFactory(world=world),
        "processing": DossierFactory(world=world, processing=True),
        "overdue": DossierFactory(world=world, overdue=True),
    }
    client = sign_in(world.commune_intake)
    # when
    codes = set(listed(client, **params))
    # then
    assert codes == {made[name].code for name in expected}


@pytest.mark.parametrize(
    "params",
    [
        {"received_from": "31/02/2025"},
        {"received_from": "hôm qua"},
        {"status": "lost"},
        {"progress": "soon"},
        {"queue": "everything"},
        {"channel": "9"},
        {"agency": "000.99.99.H99"},
        {"q": "x" * 500},
        {"received_from": "20/09/2025", "received_to": "10/09/2025"},
    ],
)
def test_a_bad_filter_is_ignored_and_said_so(sign_in, world, params: dict[str, str]) -> None:
    # given one dossier
    dossier = DossierFactory(world=world)
    client = sign_in(world.commune_intake)
    # when
    response = client.get("/backoffice/ho-so/", params)
    # then the list still answers, with every dossier, and names the refused filter
    assert response.status_code == 200
    assert [row.code for row, _ in response.context["rows"]] == [dossier.code]
    assert response.context["form"].errors


def test_the_list_never_shows_another_agencys_dossier(sign_in, world) -> None:
    # given a dossier of the commune and one of the department
    commune = DossierFactory(world=world, processing=True)
    construction = DossierFactory(world=world, procedure=PROVINCIAL_PROCEDURE, processing=True)
    client = sign_in(world.construction_handler)
    # when
    codes = listed(client)
    # then
    assert codes == [construction.code]
    assert commune.code not in listed(client, q=commune.code)


def test_htmx_requests_get_the_results_alone(sign_in, world) -> None:
    DossierFactory(world=world)
    client = sign_in(world.commune_intake)
    response = client.get("/backoffice/ho-so/", {"q": "hoa"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "dossier-table" in page
    assert "<html" not in page


@pytest.mark.parametrize("dossiers", [2, 8])
def test_the_list_runs_a_fixed_number_of_queries(
    sign_in, world, django_assert_num_queries, dossiers: int
) -> None:
    # given 2 or 8 dossiers on the page
    for _ in range(dossiers):
        DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    client.get("/backoffice/ho-so/")
    # when / then (one of them reads the agencies the chosen dossiers may be transferred to)
    with django_assert_num_queries(15):
        response = client.get("/backoffice/ho-so/", {"q": "hoa", "progress": "within_time"})
    assert len(response.context["rows"]) == dossiers


def test_a_list_longer_than_the_cap_says_more_than_and_is_not_counted_whole(
    sign_in, world, monkeypatch
) -> None:
    # given 3 dossiers the handler may see and lists counted up to 2
    from motcua.backoffice.views.queues import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    for _ in range(3):
        DossierFactory(world=world, processing=True)
    client = sign_in(world.commune_handler)
    # when the handler opens the list
    response = client.get("/backoffice/ho-so/")
    # then it says there are more than 2, and its pages hold the first 2
    assert response.context["page"].paginator.more
    assert response.context["page"].paginator.count == 2
    assert "2" in response.content.decode()
