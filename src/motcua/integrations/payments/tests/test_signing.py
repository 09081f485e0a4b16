"""The sandbox protocol's signature, as docs/payments-sandbox.md describes it."""

import hashlib
import hmac

import pytest

from motcua.integrations.payments.sandbox.signing import canonical, is_signed, sign, signed

FIELDS = {
    "transaction_id": "SBX0123456789ABCDEF",
    "merchant": "MOTCUA",
    "order": "MC260501ABCDEFGHJK",
    "amount": "150000",
    "status": "paid",
    "timestamp": "2026-05-01T09:30:00+07:00",
}


def test_the_canonical_form_is_the_documented_one() -> None:
    assert canonical(FIELDS | {"signature": "ignored"}) == (
        "amount=150000&merchant=MOTCUA&order=MC260501ABCDEFGHJK&status=paid"
        "&timestamp=2026-05-01T09%3A30%3A00%2B07%3A00&transaction_id=SBX0123456789ABCDEF"
    )


def test_the_signature_is_the_hex_hmac_sha256_of_the_canonical_form() -> None:
    expected = hmac.new(b"k", canonical(FIELDS).encode(), hashlib.sha256).hexdigest()
    assert sign(FIELDS, secret="k") == expected


def test_vietnamese_text_is_signed_as_percent_encoded_utf8() -> None:
    assert canonical({"description": "Lệ phí"}) == "description=L%E1%BB%87%20ph%C3%AD"


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"amount": "150001"}, False),
        ({"extra": "field"}, False),
        ({"signature": ""}, False),
    ],
)
def test_any_change_breaks_the_signature(change: dict[str, str], valid: bool) -> None:
    message = signed(FIELDS, secret="k") | change
    assert is_signed(message, secret="k") is valid


def test_another_secret_does_not_verify() -> None:
    assert not is_signed(signed(FIELDS, secret="k"), secret="other")


def test_an_upper_case_signature_is_accepted() -> None:
    message = signed(FIELDS, secret="k")
    assert is_signed(message | {"signature": message["signature"].upper()}, secret="k")
