"""Browser checks of pages over a generated year: the shared Playwright fixtures and the clock."""

from motcua.core.browser_testing import (  # noqa: F401
    artifacts,
    chromium,
    new_page,
)
from motcua.dossiers.tests.world import clock  # noqa: F401
