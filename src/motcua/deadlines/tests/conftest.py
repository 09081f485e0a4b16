from collections.abc import Iterator

import pytest

from motcua.deadlines.queries import forget_compiled_calendars


@pytest.fixture(autouse=True)
def _fresh_compiled_calendars() -> Iterator[None]:
    forget_compiled_calendars()
    yield
    forget_compiled_calendars()
