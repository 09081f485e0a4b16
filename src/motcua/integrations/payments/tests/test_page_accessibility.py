"""The payment pages and the sandbox's page pass the basic accessibility checks."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.core.page_checks import check_page
from motcua.payments.tests.factories import PaymentOrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sandbox(settings: Any) -> None:
    settings.SANDBOX_PAY_ENABLED = True


def test_the_payment_pages_pass_the_basic_checks(client: Client) -> None:
    payer = UserFactory()
    order = PaymentOrderFactory(payer=payer)
    client.force_login(payer)
    for address in (reverse("payments:orders"), reverse("payments:order", args=[order.reference])):
        response = client.get(address)
        assert response.status_code == 200
        assert check_page(response.content.decode()).problems == []
    sent = client.post(reverse("payments:pay", args=[order.reference]))
    page = client.get(sent["Location"])
    assert page.status_code == 200
    assert check_page(page.content.decode()).problems == []
    assert "150.000 ₫" in page.content.decode()
