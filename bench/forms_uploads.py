"""Inspect uploads of realistic sizes and print the time and peak memory of the check.

    .venv/bin/python bench/forms_uploads.py

A 20 MB scanned PDF (the default limit), a 5 MB photo and a 2 MB workbook, each read from a
temporary file as Django hands large uploads to a view.
"""

import io
import os
import tempfile
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")

import django

django.setup()

from django.core.files import File  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from PIL import Image  # noqa: E402

from motcua.core.pdf import render_html_to_pdf  # noqa: E402
from motcua.core.uploads import inspect_upload  # noqa: E402


def scanned_pdf(size: int) -> bytes:
    pdf = render_html_to_pdf(html="<p>Bản scan</p>")
    # a real PDF padded with a comment block up to the size, keeping its trailer last
    return pdf[:-30] + b"%" + os.urandom(size // 2).hex().encode()[: size - len(pdf)] + pdf[-30:]


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((2400, 1800), 64).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    for row in range(40_000):
        sheet.append([row, f"Hồ sơ {row}", "Nguyễn Văn An", "Khánh Hòa", row * 1000])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measure(name: str, content: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=name) as handle:
        handle.write(content)
        handle.flush()
        handle.seek(0)
        tracemalloc.start()
        started = time.perf_counter()
        inspected = inspect_upload(file=File(handle, name=name), max_bytes=25 * 1024 * 1024)
        elapsed = (time.perf_counter() - started) * 1000
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(
        f"{name:<14} {inspected.size / 1024 / 1024:6.1f} MB  {elapsed:7.1f} ms"
        f"  peak Python memory {peak / 1024:7.0f} KiB"
    )


if __name__ == "__main__":
    measure("scan.pdf", scanned_pdf(20 * 1024 * 1024))
    measure("photo.jpg", photo())
    measure("table.xlsx", workbook())
