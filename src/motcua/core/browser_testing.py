"""Browser tests for every app: Playwright drives Debian's Chromium (/usr/bin/chromium) against
the live server (pytest-django's `live_server`, on a transactional test database).

Playwright never downloads a browser here. Without /usr/bin/chromium the journeys fail in CI
(CI=true) with a message saying what to install, and are skipped elsewhere. Each step's
screenshot goes to test-artifacts/<test name>/NN-step.png (ignored by git). An app's browser
tests import the fixtures `chromium`, `new_page` and `artifacts` into their conftest.
"""

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str, *, packages: str = "chromium") -> None:
    message = f"{reason}: apt-get install {packages} (make test does it as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Debian's Chromium, headless, for one journey (request it last: it closes first).

    Playwright's sync API runs an event loop in this thread, and Django then refuses ORM calls
    made here ("async context"). The test reads and prepares rows only between browser steps,
    never concurrently, so that guard is lifted while the browser runs.
    """
    if not CHROMIUM.exists():
        _unavailable(f"the browser journeys need Debian's Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close the connections this thread opened while the browser ran, or at the end
        # PostgreSQL refuses to drop the test database ("accessed by other users").
        connections.close_all()


class Artifacts:
    """Numbered screenshots (and files) of a journey under test-artifacts/<test name>/."""

    def __init__(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.folder = folder
        self.count = 0

    def path(self, step: str, suffix: str = ".png") -> Path:
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        return self.folder / f"{self.count:02d}-{slug}{suffix}"

    def shot(self, page: Any, step: str) -> Path:
        path = self.path(step)
        page.screenshot(path=str(path), full_page=True)
        return path

    def pdf(self, content: bytes, step: str) -> Path:
        """Keep the PDF, and its first page as PNG when poppler's pdftoppm is there."""
        path = self.path(step, ".pdf")
        path.write_bytes(content)
        if shutil.which("pdftoppm"):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-singlefile",
                    str(path),
                    str(path.with_suffix("")),
                ],
                check=True,
            )
        return path


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Artifacts:
    return Artifacts(request.config.rootpath / "test-artifacts" / request.node.name)


@pytest.fixture
def new_page(chromium: Any) -> Iterator[Callable[..., Any]]:
    """`new_page(viewport=DESKTOP)`: a page in a fresh browser context (its own cookies)."""
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP) -> Any:
        context = chromium.new_context(viewport=viewport, locale="vi-VN")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
