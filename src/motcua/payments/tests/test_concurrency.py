"""A notification and the browser's return arriving at the same moment settle the order once."""

import threading

import pytest
from django.db import connection

from motcua.audit.models import AuditEntry
from motcua.core import events
from motcua.payments.events import PaymentSucceeded
from motcua.payments.services import SettlementOutcome, record_gateway_callback
from motcua.payments.tests.factories import PaymentOrderFactory
from motcua.payments.tests.test_services import ReportingGateway, callback

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://…)"
)
REPORTERS = 4


@pytest.mark.postgres
@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_of_one_payment_settle_it_once() -> None:
    # given one pending order and four copies of its notification sent at once
    order = PaymentOrderFactory()
    start = threading.Barrier(REPORTERS)
    outcomes: list[SettlementOutcome] = []
    failures: list[BaseException] = []
    heard: list[PaymentSucceeded] = []
    events.subscribe(PaymentSucceeded, heard.append)

    def report() -> None:
        try:
            start.wait(timeout=10)
            outcomes.append(
                record_gateway_callback(gateway=ReportingGateway(), data=callback(order))
            )
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=report) for _ in range(REPORTERS)]
    try:
        # when they are taken into account concurrently
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        events.unsubscribe(PaymentSucceeded, heard.append)
    # then one changed the order, the others got the same answer, one audit row, one event
    assert failures == []
    assert sorted(outcome.changed for outcome in outcomes) == [False] * (REPORTERS - 1) + [True]
    assert {outcome.status for outcome in outcomes} == {"paid"}
    assert AuditEntry.objects.filter(action="payment.paid").count() == 1
    assert len(heard) == 1
