"""A generated province-year in PostgreSQL, then its open-data export as CSV and Parquet.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_generate_bench \
        .venv/bin/python bench/demo_generate.py [--dossiers 1000000] [--year 2025] [--seed 1]

Drops and creates the database named in DATABASE_URL (it must end in `_bench`), migrates it,
loads the demo province and catalog, then times `motcua demo generate` (target: 1,000,000
dossiers in under 5 minutes) and `motcua export dossiers` in both formats, each export in a
process of its own so that its peak memory is its own. Checks that the exports hold one row per
dossier. Exits non-zero when the generation misses its target or a count disagrees.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

GENERATE_SECONDS = 300


def fresh_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if not name.endswith("_bench"):
        sys.exit("the benchmark drops its database: use a name ending in _bench")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("run on PostgreSQL: DATABASE_URL=postgres://…/motcua_generate_bench")
    fresh_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from motcua.catalog import demo as catalog_demo
    from motcua.demo.generator.province_year import generate_province_year
    from motcua.organizations import demo as organization_demo

    call_command("migrate", verbosity=0)
    for module in (organization_demo, catalog_demo):
        module.load(out=lambda line: None)

    began = time.perf_counter()
    report = generate_province_year(dossiers=options.dossiers, year=options.year, seed=options.seed)
    generated = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = ", ".join(f"{name} {count:,}" for name, count in sorted(report.rows.items()))
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} on {os.cpu_count()} CPUs")
    print(
        f"generated {report.dossiers:,} dossiers in {generated:.1f} s "
        f"({report.dossiers / generated:,.0f}/s); rows: {rows}"
    )
    connection.close()

    failures = []
    if options.dossiers >= 1_000_000 and generated * 1_000_000 / options.dossiers > (
        GENERATE_SECONDS
    ):
        failures.append("generation slower than 1,000,000 dossiers in 5 minutes")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        for format_ in ("csv", "parquet"):
            path = Path(folder) / f"dossiers-{options.year}.{format_}"
            began = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "motcua",
                    "export",
                    "dossiers",
                    "--year",
                    str(options.year),
                    "--format",
                    format_,
                    "--output",
                    str(path),
                ],
                check=True,
            )
            seconds = time.perf_counter() - began
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            exported = count_rows(path, format_)
            print(
                f"export {format_:8} {exported:,} rows in {seconds:.1f} s, "
                f"{path.stat().st_size / 2**20:,.0f} MiB, peak memory so far {peak:,.0f} MiB"
            )
            if exported != report.dossiers:
                failures.append(f"{format_} export has {exported} rows, not {report.dossiers}")
    if failures:
        sys.exit("; ".join(failures))


def count_rows(path: Path, format_: str) -> int:
    import duckdb

    source = f"read_csv('{path}')" if format_ == "csv" else f"read_parquet('{path}')"
    found = duckdb.connect().execute(f"SELECT count(*) FROM {source}").fetchall()
    return int(found[0][0])


if __name__ == "__main__":
    main()
