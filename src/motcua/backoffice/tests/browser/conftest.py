"""Browser journeys of the back office: the shared Playwright fixtures (core.browser_testing)."""

from motcua.core.browser_testing import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    Artifacts,
    _unavailable,
    artifacts,
    chromium,
    new_page,
)
