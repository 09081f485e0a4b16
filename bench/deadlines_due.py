"""Benchmark: 1,000,000 due moments on the official 2025-2026 calendar.

Measures, in one run and on the same receipts and durations:
- the batch path (numpy over prefix sums): must take under 1 s;
- stepping day by day through the calendar (the reference): the batch must be ≥ 30× faster;
- the scalar path (one bisection per due moment), for information.

    .venv/bin/python bench/deadlines_due.py [--count 1000000] [--stepping-count 20000]

Prints the figures and exits non-zero if a target is missed. No Django, no database.
"""

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from motcua.deadlines.engine import WorkCalendar
from motcua.deadlines.engine.calendar_file import parse_calendar_document, spec_from_document
from motcua.deadlines.engine.stepping import add_working_seconds_stepping
from motcua.deadlines.engine.timebase import VIETNAM_TIME

OFFICIAL = (
    Path(__file__).resolve().parent.parent / "src/motcua/deadlines/data/official_calendars.json"
)
TARGET_SECONDS = 1.0
TARGET_RATIO = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument(
        "--stepping-count",
        type=int,
        default=20_000,
        help="Due moments computed by stepping (default 20,000: about 10 s); the time is "
        "scaled to --count. Pass the full count to step through all of them.",
    )
    parser.add_argument("--repeat", type=int, default=5, help="Batch runs; the median is kept.")
    options = parser.parse_args()
    count = options.count
    stepping_count = min(options.stepping_count, count)

    spec = spec_from_document(parse_calendar_document(json.loads(OFFICIAL.read_text("utf-8"))))
    started = time.perf_counter()
    calendar = WorkCalendar(spec)
    compile_seconds = time.perf_counter() - started

    # Receipts at any second of 2025-01-01 .. 2026-10-31 (evenings, lunches, weekends, Tết
    # included); durations from 1 working hour to 60 working days, in whole hours.
    rng = np.random.default_rng(20251126)
    first = int(datetime(2025, 1, 1, tzinfo=VIETNAM_TIME).timestamp())
    last = int(datetime(2026, 10, 31, 23, 59, 59, tzinfo=VIETNAM_TIME).timestamp())
    starts = rng.integers(first, last, count, dtype=np.int64)
    seconds = rng.integers(1, 60 * 8 + 1, count, dtype=np.int64) * 3600

    batch_runs = []
    for _ in range(options.repeat):
        started = time.perf_counter()
        batch = calendar.add_working_seconds_batch(starts, seconds)
        batch_runs.append(time.perf_counter() - started)
    batch_seconds = statistics.median(batch_runs)

    scalar_count = min(count, 200_000)
    prepared = max(stepping_count, scalar_count)
    moments = [datetime.fromtimestamp(int(value), tz=UTC) for value in starts[:prepared]]
    amounts = seconds[:prepared].tolist()

    started = time.perf_counter()
    scalar = [
        calendar.add_working_seconds(moment, amount)
        for moment, amount in zip(moments[:scalar_count], amounts[:scalar_count], strict=True)
    ]
    scalar_seconds = (time.perf_counter() - started) * count / scalar_count

    started = time.perf_counter()
    stepped = [
        add_working_seconds_stepping(spec, moment, amount)
        for moment, amount in zip(moments[:stepping_count], amounts[:stepping_count], strict=True)
    ]
    stepping_measured = time.perf_counter() - started
    stepping_seconds = stepping_measured * count / stepping_count

    mismatches = sum(
        int(step.timestamp()) != int(fast)
        for step, fast in zip(stepped, batch[:stepping_count].tolist(), strict=True)
    ) + sum(
        int(one.timestamp()) != int(fast)
        for one, fast in zip(scalar, batch[:scalar_count].tolist(), strict=True)
    )
    ratio = stepping_seconds / batch_seconds

    print(f"python {platform.python_version()} numpy {np.__version__} on {platform.machine()}")
    print(f"compile calendar 2000-2100:          {compile_seconds:8.3f} s")
    print(
        f"batch, {count:,} due moments:     {batch_seconds:8.3f} s  (median of {options.repeat}: "
        + ", ".join(f"{run:.3f}" for run in batch_runs)
        + ")"
    )
    print(f"scalar bisect, {count:,} (from {scalar_count:,}): {scalar_seconds:8.3f} s")
    print(f"stepping day by day, {count:,} (from {stepping_count:,}): {stepping_seconds:8.3f} s")
    print(f"batch vs stepping:                   {ratio:8.1f}x")
    print(f"results differing from stepping or scalar: {mismatches}")
    failed = batch_seconds >= TARGET_SECONDS or ratio < TARGET_RATIO or mismatches
    print("targets (< 1 s, >= 30x, identical results):", "MISSED" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
