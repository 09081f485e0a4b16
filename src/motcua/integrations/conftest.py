from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def browser(db: Any) -> Client:
    """A person's browser (a client of its own, with its own session)."""
    return Client()
