"""Back-office tests run in the dossier tests' small province (two centres, four agencies,
staff in every role, four procedures), with time frozen on a working Tuesday morning."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.testing import sign_in_verified
from motcua.documents.tests.conftest import pdf_text, pdf_tools  # noqa: F401
from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)


@pytest.fixture
def sign_in(client: Client) -> Callable[[Any], Client]:
    """`sign_in(user)`: the test client, signed in as `user` with a verified second factor."""

    def signed_in(user: Any) -> Client:
        client.logout()
        sign_in_verified(client, user=user)
        return client

    return signed_in
