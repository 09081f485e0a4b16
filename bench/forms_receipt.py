"""Render the receipt (form 01) N times and print milliseconds per PDF.

    .venv/bin/python bench/forms_receipt.py [N]

The first render builds the font configuration and parses the stylesheet (once per thread);
the figures after it are what an officer waits for at the counter. No database is involved.
Wall-clock time includes waiting for a busy CPU; CPU time is the rendering's own cost.
"""

import os
import statistics
import sys
import time
from dataclasses import replace

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")

import django

django.setup()

from motcua.documents import specimens  # noqa: E402
from motcua.documents.rendering import render_form_pdf  # noqa: E402


def main(count: int) -> None:
    template = specimens.receipt()
    started = time.perf_counter()
    first = render_form_pdf(context=template)
    cold_ms = (time.perf_counter() - started) * 1000
    timings, cpu_timings = [], []
    for number in range(1, count + 1):
        # a different dossier each time, as at the counter (new code, QR and sequence)
        code = f"000.00.00.H34-251006-{number:04d}"
        context = replace(template, dossier_code=code, lookup_url=f"https://dvc.example.vn/{code}")
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf = render_form_pdf(context=context)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
        assert pdf.startswith(b"%PDF-")
    print(
        f"receipt PDF, {count} renders after one cold render ({cold_ms:.0f} ms, {len(first)} bytes)"
    )
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for label, values in (("wall", timings), ("cpu ", cpu_timings)):
        values.sort()
        p95 = values[max(0, round(0.95 * len(values)) - 1)]
        print(
            f"{label} p50 {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms"
            f"  max {values[-1]:6.1f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
