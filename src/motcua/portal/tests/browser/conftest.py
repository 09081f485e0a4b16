# Debian's Chromium through Playwright (docs/adr/0100) and the dossier tests' small province.
from typing import Any

import pytest

from motcua.core.browser_testing import (  # noqa: F401
    artifacts,
    chromium,
    new_page,
)
from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)


@pytest.fixture
def sandbox(settings: Any, live_server: Any) -> None:
    """The sandbox payment gateway, served by the live server the browser talks to."""
    settings.SANDBOX_PAY_ENABLED = True
    settings.PAYMENT_GATEWAYS = {
        "sandbox": settings.PAYMENT_GATEWAYS["sandbox"]
        | {"BASE_URL": f"{live_server.url}/sandbox-pay/"}
    }
