"""A demo payment order for the demo citizen, to try the sandbox gateway (motcua.demo.steps)."""

from collections.abc import Callable

from motcua.accounts.demo import DEMO_CITIZEN_USERNAME
from motcua.accounts.models import User
from motcua.payments.models import PaymentFeeLine, PaymentOrder

DEMO_ORDER_REFERENCE = "MCDEMO00000001"


def load(*, out: Callable[[str], None]) -> None:
    """Create the demo order once (written directly, as a fixture: it stands for one that the
    dossier pages will make); idempotent."""
    payer = User.objects.filter(username=DEMO_CITIZEN_USERNAME).first()
    if payer is None or PaymentOrder.objects.filter(reference=DEMO_ORDER_REFERENCE).exists():
        return
    order = PaymentOrder.objects.create(
        reference=DEMO_ORDER_REFERENCE,
        amount_vnd=150_000,
        purpose="Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ",
        payer=payer,
        gateway="sandbox",
    )
    PaymentFeeLine.objects.bulk_create(
        [
            PaymentFeeLine(order=order, label="Lệ phí cấp giấy phép xây dựng", amount_vnd=75_000),
            PaymentFeeLine(order=order, label="Phí thẩm định hồ sơ", amount_vnd=75_000),
        ]
    )
    out(f"Demo payment order {DEMO_ORDER_REFERENCE} created (pay it at /thanh-toan/).")
