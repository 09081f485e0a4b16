"""PDF tests read the output back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm).

They need Debian's fonts-liberation2 (Times New Roman metrics) and poppler-utils; `make test`
and CI install both. Without them the PDF tests are skipped, saying what is missing.
"""

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


def _missing_tools() -> list[str]:
    missing = [tool for tool in ("pdftotext", "pdfinfo", "pdffonts") if not shutil.which(tool)]
    fonts = ""
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    if "Liberation Serif" not in fonts:
        missing.append("fonts-liberation2 (Liberation Serif)")
    return missing


@pytest.fixture(scope="session")
def pdf_tools() -> None:
    missing = _missing_tools()
    if missing:
        pytest.skip(f"PDF tools missing: {', '.join(missing)}; apt-get install the Debian packages")


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pdf_text(pdf_tools: None, tmp_path: Path) -> Callable[[bytes], str]:
    """Return the text of a PDF as pdftotext reads it (layout kept)."""

    def read(pdf: bytes) -> str:
        path = tmp_path / "document.pdf"
        path.write_bytes(pdf)
        return _run("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")

    return read


@pytest.fixture
def pdf_info(pdf_tools: None, tmp_path: Path) -> Callable[[bytes], dict[str, str]]:
    """Return pdfinfo's fields of a PDF ("Pages", "Page size", "Title"…)."""

    def read(pdf: bytes) -> dict[str, str]:
        path = tmp_path / "info.pdf"
        path.write_bytes(pdf)
        lines = _run("pdfinfo", str(path)).splitlines()
        return {
            key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)
        }

    return read


@pytest.fixture
def pdf_fonts(pdf_tools: None, tmp_path: Path) -> Callable[[bytes], str]:
    """Return pdffonts' table of the fonts embedded in a PDF."""

    def read(pdf: bytes) -> str:
        path = tmp_path / "fonts.pdf"
        path.write_bytes(pdf)
        return _run("pdffonts", str(path))

    return read
