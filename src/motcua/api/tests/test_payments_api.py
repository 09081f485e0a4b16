"""GET /api/v1/payments/orders and /api/v1/me/profile for the signed-in payer."""

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.tests.factories import UserFactory
from motcua.payments.tests.factories import PaymentOrderFactory

pytestmark = pytest.mark.django_db

ORDERS = "/api/v1/payments/orders"


def test_a_payer_lists_their_orders_in_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    payer = UserFactory()
    PaymentOrderFactory.create_batch(20, payer=payer)
    PaymentOrderFactory(dossier_code="000.00.00.H38-260501-0001")  # someone else's
    client.force_login(payer)
    # session, user, the administrator check of session callers, orders, fee lines
    with django_assert_num_queries(5):
        response = client.get(ORDERS)
    assert response.status_code == 200
    orders = response.json()
    assert len(orders) == 20
    assert orders[0]["created_at"].endswith("+07:00")
    assert orders[0]["fee_lines"] == [
        {"label": "Lệ phí cấp giấy phép xây dựng", "fee_code": "", "amount_vnd": 150000}
    ]


def test_orders_are_filtered_by_status(client: Client) -> None:
    payer = UserFactory()
    PaymentOrderFactory(payer=payer)
    paid = PaymentOrderFactory(payer=payer, paid=True)
    client.force_login(payer)
    response = client.get(ORDERS, {"status": "paid"})
    assert [order["reference"] for order in response.json()] == [paid.reference]


def test_an_unknown_status_is_refused_as_json(client: Client) -> None:
    client.force_login(UserFactory())
    response = client.get(ORDERS, {"status": "stolen"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_another_payers_order_answers_404(client: Client) -> None:
    client.force_login(UserFactory())
    response = client.get(f"{ORDERS}/{PaymentOrderFactory().reference}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_nobody_signed_in_gets_401(client: Client) -> None:
    assert client.get(ORDERS).status_code == 401


def test_my_profile_gives_the_proved_details(client: Client) -> None:
    citizen = UserFactory(national_id="056190000101", phone="0912345678", address="Cam Lâm")
    client.force_login(citizen)
    response = client.get("/api/v1/me/profile")
    assert response.status_code == 200
    assert response.json() == {
        "kind": "citizen",
        "full_name": "Nguyễn Văn An",
        "national_id": "056190000101",
        "tax_code": "",
        "organization_name": "",
        "email": citizen.email,
        "phone": "",
        "address": "Cam Lâm",
    }
