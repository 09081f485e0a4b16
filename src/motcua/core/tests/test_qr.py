import pytest

from motcua.core.qr import qr_png_data_uri


def test_qr_data_uri_is_an_inline_png_image() -> None:
    uri = qr_png_data_uri(payload="https://dichvucong.example.vn/tra-cuu/000.00.00.H34-251006-0001")
    assert uri.startswith("data:image/png;base64,")


def test_qr_code_refuses_an_empty_payload() -> None:
    with pytest.raises(ValueError, match="payload"):
        qr_png_data_uri(payload="")


def test_qr_code_refuses_a_payload_too_long_to_encode() -> None:
    with pytest.raises(ValueError, match="too long"):
        qr_png_data_uri(payload="x" * 5000)
