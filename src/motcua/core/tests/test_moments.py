from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from motcua.core.qr import qr_svg_data_uri


@pytest.mark.parametrize(
    ("template", "value", "shown"),
    [
        ("{{ value|moment }}", datetime(2025, 2, 5, 1, 30, tzinfo=UTC), "08:30 05/02/2025"),
        ("{{ value|moment }}", None, ""),
        ("{{ value|day }}", date(2025, 2, 5), "05/02/2025"),
        ("{{ value|day }}", datetime(2025, 2, 4, 18, 0, tzinfo=UTC), "05/02/2025"),
        ("{{ value|hour_minute }}", datetime(2025, 2, 5, 9, 5, tzinfo=UTC), "16:05"),
    ],
)
def test_moments_are_shown_in_vietnam_time_as_hh_mm_dd_mm_yyyy(
    template: str, value: object, shown: str
) -> None:
    rendered = Template("{% load moments %}" + template).render(Context({"value": value}))
    assert rendered == shown


def test_qr_data_uri_is_an_inline_svg_image() -> None:
    uri = qr_svg_data_uri(payload="https://dichvucong.example.vn/tra-cuu/000.00.00.H34-251006-0001")
    assert uri.startswith("data:image/svg+xml")


def test_qr_code_refuses_an_empty_payload() -> None:
    with pytest.raises(ValueError, match="payload"):
        qr_svg_data_uri(payload="")


def test_qr_code_refuses_a_payload_too_long_to_encode() -> None:
    with pytest.raises(ValueError, match="too long"):
        qr_svg_data_uri(payload="x" * 5000)
