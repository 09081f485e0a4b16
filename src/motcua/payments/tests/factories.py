import factory

from motcua.accounts.tests.factories import UserFactory
from motcua.payments.models import PaymentFeeLine, PaymentOrder


class PaymentOrderFactory(factory.django.DjangoModelFactory[PaymentOrder]):
    class Meta:
        model = PaymentOrder
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda number: f"MC260501TEST{number:06d}")
    amount_vnd = 150_000
    purpose = "Lệ phí cấp giấy phép xây dựng"
    payer = factory.SubFactory(UserFactory)
    gateway = "sandbox"
    fee_line = factory.RelatedFactory(
        "motcua.payments.tests.factories.PaymentFeeLineFactory",
        factory_related_name="order",
        amount_vnd=factory.SelfAttribute("..amount_vnd"),
    )

    class Params:
        paid = factory.Trait(status="paid", gateway_transaction_id="SBX0001")


class PaymentFeeLineFactory(factory.django.DjangoModelFactory[PaymentFeeLine]):
    class Meta:
        model = PaymentFeeLine

    label = "Lệ phí cấp giấy phép xây dựng"
    amount_vnd = 150_000
