"""A province's whole year at scale: generation, roll-up rebuild, dashboard slices, and the same
figures recomputed by DuckDB from the open-data export, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_scale_bench \
        .venv/bin/python bench/reports_scale.py [--dossiers 10000000] [--year 2025] [--runs 20]
        [--reuse] [--check]

Without `--reuse` it drops and creates the database (its name must end in `_bench`), migrates
it, loads the demo province and catalog and generates `--dossiers` dossiers arriving in
`--year` (`motcua demo generate`, timed). With `--reuse` it keeps a database generated before.
Then it times `motcua reports rebuild` (and `reports check` with `--check`), every dashboard
slice (p50 / p95 over `--runs`), exports the year with `motcua export dossiers --format
parquet`, and recomputes from the Parquet file with DuckDB: on-time rate (766 indicator 2.1)
and online share per competent agency, and form II.06a's columns per receiving unit. The
figures must be identical to the dashboard's; the dashboard's time for those two reads is
compared with DuckDB's. Exits non-zero when a number differs or a target is missed: a slice's
p95 over 200 ms, the dashboard slower than twice DuckDB, and from 1,000,000 dossiers the
rebuild over 5 minutes per 10,000,000 dossiers or the generation over 5 minutes per 1,000,000
(below a million the rebuild's fixed costs, JIT compilation and the calendar, make the linear
extrapolation meaningless; it is printed all the same).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

SLICE_P95_MS = 200
REBUILD_SECONDS_PER_10M = 300
GENERATE_SECONDS_PER_1M = 300
DUCKDB_RATIO = 2.0

# Vietnam's day of a moment, from its epoch seconds (UTC+7, no daylight saving).
DAY = "((epoch({column})::BIGINT + 25200) // 86400)"


def fresh_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if not name.endswith("_bench"):
        sys.exit("the benchmark drops its database: use a name ending in _bench, or --reuse")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def timed(call: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p95 of the wall-clock time (ms)."""
    wall = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        wall.append((time.perf_counter() - began) * 1000)
    wall.sort()
    return statistics.median(wall), wall[max(0, round(0.95 * runs) - 1)]


def day_number(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def duckdb_agencies(database: Any, source: str, year: int) -> dict[str, tuple[int, ...]]:
    """Per competent agency: resolved in the year, of them early or on time, received in the
    year, of them online (the dashboard's 2.1 and online share)."""
    first, last = day_number(date(year, 1, 1)), day_number(date(year, 12, 31))
    rows = database.execute(
        f"""
        WITH d AS ({_classified(source)})
        SELECT agency_code,
          count(*) FILTER (WHERE outcome IN ('early', 'on_time', 'late')
                           AND finished_day BETWEEN {first} AND {last}),
          count(*) FILTER (WHERE outcome IN ('early', 'on_time')
                           AND finished_day BETWEEN {first} AND {last}),
          count(*) FILTER (WHERE received_day BETWEEN {first} AND {last}),
          count(*) FILTER (WHERE channel = 2 AND received_day BETWEEN {first} AND {last})
        FROM d GROUP BY agency_code
        """
    ).fetchall()
    return {row[0]: tuple(int(value) for value in row[1:]) for row in rows if any(row[1:])}


def duckdb_form(database: Any, source: str, year: int) -> dict[int, tuple[int, ...]]:
    """Form II.06a's columns for the year per receiving unit (the receiving centre's unit)."""
    first, last = day_number(date(year, 1, 1)), day_number(date(year, 12, 31))
    within = f"BETWEEN {first} AND {last}"
    rows = database.execute(
        f"""
        WITH d AS ({_classified(source)})
        SELECT centre_units.unit_id,
          count(*) FILTER (WHERE channel = 2 AND received_day {within}),
          count(*) FILTER (WHERE channel = 1 AND received_day {within}),
          count(*) FILTER (WHERE channel = 3 AND received_day {within}),
          count(*) FILTER (WHERE received_day < {first})
            - count(*) FILTER (WHERE finished_day < {first}),
          count(*) FILTER (WHERE outcome = 'early' AND finished_day {within}),
          count(*) FILTER (WHERE outcome = 'on_time' AND finished_day {within}),
          count(*) FILTER (WHERE outcome = 'late' AND finished_day {within}),
          count(*) FILTER (WHERE outcome = 'withdrawn' AND finished_day {within}),
          count(*) FILTER (WHERE outcome = 'refused' AND finished_day {within}),
          count(*) FILTER (WHERE received_day <= {last})
            - count(*) FILTER (WHERE finished_day <= {last}),
          count(*) FILTER (WHERE due_day <= {last})
            - count(*) FILTER (WHERE finished_day IS NOT NULL
                             AND GREATEST(due_day, finished_day) <= {last})
        FROM d JOIN centre_units ON centre_units.centre_code = d.service_centre_code
        GROUP BY centre_units.unit_id
        """
    ).fetchall()
    return {row[0]: tuple(int(value) for value in row[1:]) for row in rows}


def _classified(source: str) -> str:
    """Each received dossier with its days and its outcome, as the roll-ups class them
    (reports.outcomes: statuses 9 and 10 resolved, 7 withdrawn, 8 refused; more than one
    supplement request is late and due on the day of receipt)."""
    received, finished, due = (
        DAY.format(column=name) for name in ("received_at", "finished_at", "due_at")
    )
    return f"""
        SELECT agency_code, service_centre_code, channel, {received} AS received_day,
          CASE WHEN national_status IN (7, 8, 9, 10) THEN {finished} END AS finished_day,
          CASE WHEN supplement_count > 1 THEN {received} ELSE {due} END AS due_day,
          CASE
            WHEN national_status IN (9, 10) AND finished_at IS NOT NULL THEN
              CASE WHEN supplement_count > 1 THEN 'late'
                   WHEN due_at IS NULL THEN 'on_time'
                   WHEN {finished} < {due} THEN 'early'
                   WHEN finished_at <= due_at THEN 'on_time' ELSE 'late' END
            WHEN national_status = 7 AND finished_at IS NOT NULL THEN 'withdrawn'
            WHEN national_status = 8 AND finished_at IS NOT NULL THEN 'refused'
            ELSE '' END AS outcome
        FROM {source} WHERE received_at IS NOT NULL
    """


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep the generated database")
    parser.add_argument("--check", action="store_true", help="also time `reports check`")
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("run on PostgreSQL: DATABASE_URL=postgres://…/motcua_scale_bench")
    if not options.reuse:
        fresh_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum

    from motcua.accounts.models import User
    from motcua.catalog import demo as catalog_demo
    from motcua.demo.generator.province_year import generate_province_year
    from motcua.dossiers.models import Dossier
    from motcua.organizations import demo as organization_demo
    from motcua.organizations.choices import Role
    from motcua.organizations.models import Agency, RoleAssignment, ServiceCentre
    from motcua.reports.models import DailyFact
    from motcua.reports.queries import (
        FORM_COLUMNS,
        Slice,
        build_form_ii06a,
        list_monthly_trend,
        list_public_on_time_rates,
    )
    from motcua.reports.rollups import check, rebuild

    failures: list[str] = []
    generated = None
    if not options.reuse:
        call_command("migrate", verbosity=0)
        for module in (organization_demo, catalog_demo):
            module.load(out=lambda line: None)
        began = time.perf_counter()
        generate_province_year(
            dossiers=options.dossiers, year=options.year, seed=options.seed, out=print
        )
        generated = time.perf_counter() - began
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    dossiers = Dossier.objects.count()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {dossiers:,} dossiers")
    if generated is not None:
        rate = dossiers / generated
        print(f"generate:  {generated:8.1f} s ({rate:,.0f} dossiers/s)")
        if dossiers >= 1_000_000 and generated * 1_000_000 / dossiers > GENERATE_SECONDS_PER_1M:
            failures.append("generation slower than 1,000,000 dossiers in 5 minutes")

    began = time.perf_counter()
    result = rebuild()
    rebuilt = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_dailyfact; ANALYZE reports_monthlyfact")
    scaled = rebuilt * 10_000_000 / max(dossiers, 1)
    print(
        f"rebuild:   {rebuilt:8.1f} s ({dossiers / rebuilt:,.0f} dossiers/s, {scaled:.0f} s "
        f"scaled to 10,000,000); {result.contributions:,} contributions, "
        f"{result.facts:,} daily fact rows"
    )
    if dossiers >= 1_000_000 and scaled > REBUILD_SECONDS_PER_10M:
        failures.append("rebuild slower than 10,000,000 dossiers in 5 minutes")
    if options.check:
        began = time.perf_counter()
        differences = check()
        print(f"check:     {time.perf_counter() - began:8.1f} s, {len(differences)} differences")
        if differences:
            failures.append(f"reports check found differences: {differences[:3]}")

    leader, _ = User.objects.get_or_create(username="bench_scale_leader")
    RoleAssignment.objects.get_or_create(user=leader, role=Role.STEERING_MEMBER)
    year = options.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    cut = date(year, 12, 15)  # a period ending inside a month reads that month's days
    busiest = (
        DailyFact.objects.values("agency_id")
        .order_by()
        .annotate(total=Sum("received"))
        .order_by("-total")
        .first()
    )
    agency_id = busiest["agency_id"] if busiest else None
    sector_id = (
        DailyFact.objects.filter(agency_id=agency_id).values_list("sector_id", flat=True).first()
    )

    def dashboard(where: Slice, grouping: str, until: date = last) -> None:
        build_form_ii06a(
            officer=leader, first_day=first, last_day=until, grouping=grouping, where=where
        )
        list_monthly_trend(officer=leader, year=year, where=where)

    def form(grouping: str) -> object:
        return build_form_ii06a(officer=leader, first_day=first, last_day=last, grouping=grouping)

    slices: list[tuple[str, Callable[[], object]]] = [
        ("province by agency (II.06a rows + trend)", lambda: dashboard(Slice(), "agency")),
        ("province by receiving unit", lambda: dashboard(Slice(), "unit")),
        ("province by agency, year to 15 December", lambda: dashboard(Slice(), "agency", cut)),
        ("one agency by sector", lambda: dashboard(Slice(agency=agency_id), "sector")),
        (
            "one sector of it by procedure",
            lambda: dashboard(Slice(agency=agency_id, sector=sector_id), "procedure"),
        ),
        (
            "form II.06a by unit, November",
            lambda: build_form_ii06a(
                officer=leader,
                first_day=date(year, 11, 1),
                last_day=date(year, 11, 30),
                grouping="unit",
            ),
        ),
        (
            "public page (agencies and units, uncached)",
            lambda: (
                list_public_on_time_rates(year=year, grouping="agency"),
                list_public_on_time_rates(year=year, grouping="unit"),
            ),
        ),
        ("II.06a of the year by agency (2.1, online share)", lambda: form("agency")),
        ("II.06a of the year by receiving unit", lambda: form("unit")),
    ]
    figures = {label: timed(call, options.runs) for label, call in slices}
    print(f"{'slice':52} {'p50':>8} {'p95':>8}  (ms, {options.runs} runs)")
    for label, (p50, p95) in figures.items():
        print(f"{label:52} {p50:8.1f} {p95:8.1f}")
        if p95 > SLICE_P95_MS:
            failures.append(f"{label}: p95 {p95:.0f} ms")

    # The dashboard's figures, keyed by the codes the export carries.
    agency_codes = dict(Agency.objects.values_list("pk", "code"))
    by_agency = form("agency")
    by_unit = form("unit")
    dashboard_agencies = {
        agency_codes[row.key]: (
            row.resolved,
            row.resolved_early + row.resolved_on_time,
            row.received_in_period,
            row.received_online,
        )
        for row in by_agency.rows  # type: ignore[attr-defined]
        if row.resolved or row.received_in_period
    }
    dashboard_units = {
        row.key: tuple(getattr(row, column) for column in FORM_COLUMNS)
        for row in by_unit.rows  # type: ignore[attr-defined]
    }
    connection.close()

    import duckdb

    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        path = Path(folder) / f"dossiers-{year}.parquet"
        began = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "motcua",
                "export",
                "dossiers",
                "--year",
                str(year),
                "--format",
                "parquet",
                "--output",
                str(path),
            ],
            check=True,
        )
        exported = time.perf_counter() - began
        print(f"export:    {exported:8.1f} s, {path.stat().st_size / 2**20:,.0f} MiB of Parquet")
        database = duckdb.connect()
        centres = [
            (centre, unit) for centre, unit in ServiceCentre.objects.values_list("code", "unit_id")
        ]
        # Units are keyed by id: a unit's code is reused by the unit that replaces it.
        database.execute("CREATE TABLE centre_units (centre_code VARCHAR, unit_id BIGINT)")
        database.executemany("INSERT INTO centre_units VALUES (?, ?)", centres)
        source = f"read_parquet('{path}')"
        reads = {
            "II.06a of the year by agency (2.1, online share)": (
                lambda: duckdb_agencies(database, source, year),
                dashboard_agencies,
            ),
            "II.06a of the year by receiving unit": (
                lambda: duckdb_form(database, source, year),
                dashboard_units,
            ),
        }
        for label, (read, expected) in reads.items():
            found = read()
            p50, _ = timed(read, max(3, options.runs // 4))
            ratio = figures[label][0] / p50
            same = found == expected
            print(
                f"DuckDB {label}: {p50:.1f} ms p50 on Parquet; dashboard {figures[label][0]:.1f}"
                f" ms; ratio {ratio:.2f}; {len(found)} rows, "
                + ("identical" if same else "DIFFERENT")
            )
            if not same:
                keys = sorted(set(found) | set(expected))
                wrong = [
                    (k, found.get(k), expected.get(k))
                    for k in keys
                    if found.get(k) != expected.get(k)
                ]
                print(f"  first differences (DuckDB, dashboard): {wrong[:3]}")
                failures.append(f"{label}: DuckDB and the dashboard differ")
            if ratio > DUCKDB_RATIO:
                failures.append(f"{label}: dashboard {ratio:.1f} times DuckDB's time")
        database.close()
    totals = [sum(values[index] for values in dashboard_agencies.values()) for index in range(4)]
    print(
        f"province: on-time rate {totals[1]}/{totals[0]} = {totals[1] / max(totals[0], 1):.4f}, "
        f"online share {totals[3]}/{totals[2]} = {totals[3] / max(totals[2], 1):.4f}"
    )
    if failures:
        sys.exit("missed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
