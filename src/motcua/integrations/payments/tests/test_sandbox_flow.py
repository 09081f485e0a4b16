"""Paying through the sandbox gateway end to end: redirect, signed callback, return, query.

The payer's browser is one test client; the sandbox's server-to-server notification and
motcua's queries travel through TestClientTransport, so nothing leaves the process.
"""

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from structlog.testing import capture_logs

from motcua.accounts.models import User
from motcua.accounts.tests.factories import UserFactory
from motcua.audit.models import AuditEntry
from motcua.core.clock import isoformat, now
from motcua.integrations.outbound_http import OutboundRequest, using_transport
from motcua.integrations.payments.registry import get_gateway
from motcua.integrations.payments.sandbox.models import SandboxTransaction
from motcua.integrations.payments.sandbox.signing import signed
from motcua.integrations.testing import TestClientTransport
from motcua.payments.models import PaymentOrder
from motcua.payments.services import reconcile_payments
from motcua.payments.tests.factories import PaymentOrderFactory

pytestmark = pytest.mark.django_db

SECRET = "sandbox-secret-for-tests"
CALLBACK = reverse("payments:callback", args=["sandbox"])
RETURN = reverse("payments:return", args=["sandbox"])


@pytest.fixture(autouse=True)
def _sandbox(settings: Any) -> None:
    settings.SANDBOX_PAY_ENABLED = True
    settings.PAYMENT_GATEWAYS = {
        "sandbox": settings.PAYMENT_GATEWAYS["sandbox"]
        | {"SECRET": SECRET, "BASE_URL": "http://testserver/sandbox-pay/"}
    }


@pytest.fixture
def transport() -> Iterator[TestClientTransport]:
    with using_transport(TestClientTransport()) as answering:
        yield answering  # type: ignore[misc]


@pytest.fixture
def payer(db: Any) -> User:
    return UserFactory(username="nongdan")


@pytest.fixture
def order(payer: User) -> PaymentOrder:
    return PaymentOrderFactory(payer=payer, amount_vnd=150_000)


@pytest.fixture
def payer_browser(browser: Client, payer: User) -> Client:
    browser.force_login(payer)
    return browser


def pay_at_sandbox(browser: Client, order: PaymentOrder, outcome: str, **extra: str) -> Any:
    """Press "Pay online", then choose `outcome` on the sandbox's page; return its answer."""
    sent = browser.post(reverse("payments:pay", args=[order.reference]))
    assert sent.status_code == 302
    page = browser.get(sent["Location"])
    assert page.status_code == 200
    fields = page.context["fields"]
    return browser.post(reverse("sandbox-pay:pay"), fields | {"outcome": outcome} | extra)


def result_fields(response: Any) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(response["Location"]).query))


def test_a_payment_made_at_the_gateway_settles_the_order(
    payer_browser: Client, order: PaymentOrder, transport: TestClientTransport
) -> None:
    # when the payer pays at the sandbox
    answer = pay_at_sandbox(payer_browser, order, "paid")
    # then the server-to-server notification settled the order before the browser came back
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.paid_online
    assert [urlsplit(request.url).path for request in transport.sent] == [CALLBACK]
    # and the browser's return shows the order, without settling it twice
    back = payer_browser.get(answer["Location"])
    assert back["Location"] == reverse("payments:order", args=[order.reference])
    assert AuditEntry.objects.filter(action="payment.paid").count() == 1


@pytest.mark.parametrize(("outcome", "status"), [("failed", "failed"), ("cancelled", "cancelled")])
def test_a_failed_or_cancelled_payment_is_recorded_as_such(
    payer_browser: Client,
    order: PaymentOrder,
    transport: TestClientTransport,
    outcome: str,
    status: str,
) -> None:
    pay_at_sandbox(payer_browser, order, outcome)
    order.refresh_from_db()
    assert (order.status, order.paid_at) == (status, None)


def test_paying_again_after_a_failure_makes_a_new_order(
    payer_browser: Client, order: PaymentOrder, transport: TestClientTransport
) -> None:
    pay_at_sandbox(payer_browser, order, "failed")
    again = payer_browser.post(reverse("payments:pay", args=[order.reference]))
    assert again.status_code == 302
    newer = PaymentOrder.objects.exclude(pk=order.pk).get()
    assert (newer.amount_vnd, newer.status) == (order.amount_vnd, "pending")
    assert f"order={newer.reference}" in again["Location"]


def test_a_paid_order_is_not_paid_again(payer_browser: Client, payer: User) -> None:
    paid = PaymentOrderFactory(payer=payer, paid=True)
    response = payer_browser.post(reverse("payments:pay", args=[paid.reference]))
    assert response["Location"] == reverse("payments:order", args=[paid.reference])
    assert PaymentOrder.objects.count() == 1


def test_a_forged_callback_is_refused_and_logged_without_the_secret(
    client: Client, order: PaymentOrder
) -> None:
    # given a notification signed with a guessed key
    forged = signed(
        {
            "merchant": "MOTCUA",
            "order": order.reference,
            "amount": "150000",
            "transaction_id": "SBXFORGED",
            "status": "paid",
            "timestamp": isoformat(now()),
        },
        secret="guessed",
    )
    # when it is posted to the callback address
    with capture_logs() as logs:
        response = client.post(CALLBACK, forged)
    # then it is refused clearly, the order stays pending, and the log holds no secret
    assert response.status_code == 400
    assert response.json() == {"result": "refused", "code": "bad_signature"}
    order.refresh_from_db()
    assert order.status == "pending"
    assert any(entry["event"] == "payments.callback_refused" for entry in logs)
    assert SECRET not in repr(logs)
    assert forged["signature"] not in repr(logs)


def test_a_replayed_callback_changes_nothing_and_gets_the_same_answer(
    payer_browser: Client, order: PaymentOrder, transport: TestClientTransport
) -> None:
    # given a payment whose notification was delivered
    answer = pay_at_sandbox(payer_browser, order, "paid")
    notification = result_fields(answer)
    first = Client().post(CALLBACK, notification)
    # when the same notification is posted again
    replay = Client().post(CALLBACK, notification)
    # then both get the same answer and the order was settled once
    assert (
        first.json()
        == replay.json()
        == {
            "result": "accepted",
            "order": order.reference,
            "status": "paid",
        }
    )
    assert AuditEntry.objects.filter(action="payment.paid").count() == 1


def test_a_signed_callback_with_another_amount_is_refused(
    client: Client, order: PaymentOrder
) -> None:
    underpaid = signed(
        {
            "merchant": "MOTCUA",
            "order": order.reference,
            "amount": "1000",
            "transaction_id": "SBX1",
            "status": "paid",
            "timestamp": isoformat(now()),
        },
        secret=SECRET,
    )
    response = client.post(CALLBACK, underpaid)
    assert response.json() == {"result": "refused", "code": "amount_mismatch"}
    order.refresh_from_db()
    assert order.status == "pending"


@pytest.mark.parametrize("missing", ["amount", "transaction_id", "status", "signature"])
def test_a_callback_missing_a_field_is_refused(
    client: Client, order: PaymentOrder, missing: str
) -> None:
    fields = signed(
        {
            "merchant": "MOTCUA",
            "order": order.reference,
            "amount": "150000",
            "transaction_id": "SBX1",
            "status": "paid",
            "timestamp": isoformat(now()),
        },
        secret=SECRET,
    )
    del fields[missing]
    response = client.post(CALLBACK, fields)
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_callback"


def test_a_forged_browser_return_shows_a_refusal(
    payer_browser: Client, order: PaymentOrder
) -> None:
    response = payer_browser.get(
        RETURN,
        {
            "merchant": "MOTCUA",
            "order": order.reference,
            "amount": "150000",
            "transaction_id": "X",
            "status": "paid",
            "timestamp": isoformat(now()),
            "signature": "0" * 64,
        },
    )
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == "pending"


def test_reconciling_settles_an_order_whose_callback_was_lost(
    payer_browser: Client, order: PaymentOrder, transport: TestClientTransport
) -> None:
    # given a payment whose notification was lost and whose payer closed the browser
    pay_at_sandbox(payer_browser, order, "paid", lose_notification="on")
    order.refresh_from_db()
    assert order.status == "pending"
    # when payments are reconciled with the gateway's query API
    summary = reconcile_payments(
        gateway_for=get_gateway, older_than=timedelta(0), expire_after=timedelta(hours=24)
    )
    # then the order is paid, from the gateway's signed answer
    order.refresh_from_db()
    assert (summary.settled, order.status) == (1, "paid")
    assert order.gateway_transaction_id == SandboxTransaction.objects.get().transaction_id


def test_the_reconcile_command_reports_what_it_did(
    order: PaymentOrder, transport: TestClientTransport
) -> None:
    PaymentOrder.objects.filter(pk=order.pk).update(created_at=now() - timedelta(days=2))
    out = StringIO()
    call_command("payments", "reconcile", stdout=out)
    order.refresh_from_db()
    assert order.status == "expired"
    assert "checked 1 · settled 0 · expired 1" in out.getvalue()


def test_a_query_answer_with_a_bad_signature_is_not_believed(
    payer_browser: Client, order: PaymentOrder
) -> None:
    with using_transport(TestClientTransport()):
        pay_at_sandbox(payer_browser, order, "paid", lose_notification="on")

    def tampered(request: OutboundRequest, response: Any) -> Any:
        body = response.body.replace(b'"status": "paid"', b'"status": "failed"')
        return type(response)(status=response.status, body=body, headers={})

    with using_transport(TestClientTransport(rewrite=tampered)):
        summary = reconcile_payments(
            gateway_for=get_gateway, older_than=timedelta(0), expire_after=timedelta(hours=24)
        )
    order.refresh_from_db()
    assert (summary.unavailable, order.status) == (1, "pending")


def test_the_sandbox_refuses_a_tampered_payment_request(
    payer_browser: Client, order: PaymentOrder
) -> None:
    sent = payer_browser.post(reverse("payments:pay", args=[order.reference]))
    cheaper = sent["Location"].replace("amount=150000", "amount=1000")
    response = payer_browser.get(cheaper)
    assert response.status_code == 400
    assert not SandboxTransaction.objects.exists()


def test_the_sandbox_takes_one_transaction_per_order(
    payer_browser: Client, order: PaymentOrder, transport: TestClientTransport
) -> None:
    sent = payer_browser.post(reverse("payments:pay", args=[order.reference]))
    fields = payer_browser.get(sent["Location"]).context["fields"]
    payer_browser.post(reverse("sandbox-pay:pay"), fields | {"outcome": "paid"})
    second = payer_browser.post(reverse("sandbox-pay:pay"), fields | {"outcome": "paid"})
    assert second.status_code == 409
    assert SandboxTransaction.objects.count() == 1


def test_the_sandbox_refuses_a_stale_query(client: Client, order: PaymentOrder) -> None:
    stale = signed(
        {
            "merchant": "MOTCUA",
            "order": order.reference,
            "timestamp": isoformat(now() - timedelta(hours=1)),
        },
        secret=SECRET,
    )
    response = client.post(reverse("sandbox-pay:query"), stale)
    assert (response.status_code, response.json()) == (400, {"error": "stale_request"})


def test_the_sandbox_answers_404_unless_enabled(client: Client, settings: Any) -> None:
    settings.SANDBOX_PAY_ENABLED = False
    settings.DEBUG = False
    assert client.get(reverse("sandbox-pay:pay")).status_code == 404


def test_another_payers_order_is_not_found(payer_browser: Client) -> None:
    stranger_order = PaymentOrderFactory()
    response = payer_browser.get(reverse("payments:order", args=[stranger_order.reference]))
    assert response.status_code == 404
    assert (
        payer_browser.post(reverse("payments:pay", args=[stranger_order.reference])).status_code
        == 404
    )


def test_my_payments_page_runs_a_fixed_number_of_queries(
    payer_browser: Client, payer: User, django_assert_num_queries: Any
) -> None:
    PaymentOrderFactory.create_batch(30, payer=payer)
    # session, user, the orders
    with django_assert_num_queries(3):
        response = payer_browser.get(reverse("payments:orders"))
    assert response.content.decode().count("<tr>") == 31
