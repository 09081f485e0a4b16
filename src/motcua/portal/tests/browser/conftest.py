# Debian's Chromium through Playwright (docs/adr/0100) and the dossier tests' small province.
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
