"""The demo citizen and their payment order load once, however often the demo is loaded."""

import pytest

from motcua.accounts import demo as accounts_demo
from motcua.accounts.models import User
from motcua.payments import demo as payments_demo
from motcua.payments.models import PaymentOrder

pytestmark = pytest.mark.django_db


def test_the_demo_citizen_and_order_load_once() -> None:
    lines: list[str] = []
    for _ in range(2):
        accounts_demo.load(out=lines.append)
        payments_demo.load(out=lines.append)
    citizen = User.objects.get(username=accounts_demo.DEMO_CITIZEN_USERNAME)
    assert citizen.is_contact_verified
    assert citizen.check_password(accounts_demo.DEMO_CITIZEN_PASSWORD)
    order = PaymentOrder.objects.get(reference=payments_demo.DEMO_ORDER_REFERENCE)
    assert order.amount_vnd == sum(line.amount_vnd for line in order.fee_lines.all())
    assert len(lines) == 2
