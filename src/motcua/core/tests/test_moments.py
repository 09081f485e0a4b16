from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template


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


def test_a_moment_without_time_zone_is_refused() -> None:
    # every moment in motcua is aware; a naive one is a bug upstream, not a local time
    with pytest.raises(ValueError, match="naive"):
        Template("{% load moments %}{{ value|moment }}").render(
            Context({"value": datetime(2025, 2, 5, 8, 30)})
        )
