from motcua.backoffice.tests.browser.conftest import (  # noqa: F401
    artifacts,
    chromium,
    new_page,
)
