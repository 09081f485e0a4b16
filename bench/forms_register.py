"""Render the dossier register (form 07) of a busy month as PDF and as xlsx; print the times.

    .venv/bin/python bench/forms_register.py [ROWS ...]

A commune centre registers some hundreds of dossiers a month, a provincial one thousands; the
default sizes are 100 and 500 rows (the PDF grows linearly, about 8 rows a landscape page).
No database is involved: the register context is built in memory.
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")

import django

django.setup()

from motcua.documents import specimens  # noqa: E402
from motcua.documents.register_workbook import register_workbook  # noqa: E402
from motcua.documents.rendering import render_form_pdf  # noqa: E402


def main(sizes: list[int]) -> None:
    render_form_pdf(context=specimens.receipt())  # warm the font configuration
    for rows in sizes:
        context = specimens.register(entries=rows)
        started = time.perf_counter()
        pdf = render_form_pdf(context=context)
        pdf_seconds = time.perf_counter() - started
        started = time.perf_counter()
        workbook = register_workbook(context=context)
        xlsx_seconds = time.perf_counter() - started
        print(
            f"{rows:>5} rows: PDF {pdf_seconds:6.2f} s ({len(pdf) / 1024:7.0f} KiB)"
            f"   xlsx {xlsx_seconds:5.2f} s ({len(workbook) / 1024:5.0f} KiB)"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 500])
