"""Refusals of the payments services; `code` is stable, `message` readable."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PaymentError(Exception):
    code = "payment_error"
    message: str | Promise = _("The payment operation was refused.")

    def __init__(self, message: str | Promise | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class InvalidPaymentOrder(PaymentError):
    code = "invalid_payment_order"
    message = _("A payment order needs a purpose and at least one fee of a positive amount.")


class PaymentNotPending(PaymentError):
    code = "payment_not_pending"
    message = _("This payment is no longer waiting to be paid.")


class CallbackRefused(PaymentError):
    """A gateway callback that is not taken into account. Subclasses say why."""

    code = "callback_refused"
    message = _("The payment notification was refused.")


class BadSignature(CallbackRefused):
    code = "bad_signature"
    message = _("The payment notification's signature is not valid.")


class MalformedCallback(CallbackRefused):
    code = "malformed_callback"
    message = _("The payment notification is incomplete or malformed.")


class UnknownOrder(CallbackRefused):
    code = "unknown_order"
    message = _("The payment notification names an order that does not exist.")


class AmountMismatch(CallbackRefused):
    code = "amount_mismatch"
    message = _("The amount paid is not the amount of the order.")


class TransactionMismatch(CallbackRefused):
    code = "transaction_mismatch"
    message = _("The order was already settled by another transaction.")


class GatewayUnavailable(PaymentError):
    code = "gateway_unavailable"
    message = _("The payment gateway did not answer. Try again in a few minutes.")
