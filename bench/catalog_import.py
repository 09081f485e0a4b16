"""Import 5,000 generated procedures on PostgreSQL and print how long each pass takes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
    .venv/bin/python bench/catalog_import.py
"""

import argparse
import time

from catalog_bench_setup import empty_catalog, set_up_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--procedures", type=int, default=5000)
    options = parser.parse_args()
    set_up_django()
    from catalog_generator import as_bytes, generate_catalog

    from motcua.catalog.models import (
        ProcedureVariant,
        ProcedureVersion,
        ProcessStep,
        RequiredDocument,
    )
    from motcua.catalog.services import import_catalog

    document = generate_catalog(options.procedures)
    raw = as_bytes(document)
    empty_catalog()

    started = time.perf_counter()
    report = import_catalog(raw=raw, source_name="bench.json")
    fresh = time.perf_counter() - started

    started = time.perf_counter()
    again = import_catalog(raw=raw, source_name="bench.json")
    unchanged = time.perf_counter() - started

    for procedure in document["procedures"][::10]:
        procedure["conditions"] = "Điều kiện sửa đổi năm 2026."
        procedure["effective_from"] = "2026-01-01"
    started = time.perf_counter()
    changed = import_catalog(raw=as_bytes(document), source_name="bench-changed.json")
    tenth = time.perf_counter() - started

    print(f"catalog import, {options.procedures} procedures, {len(raw) / 1e6:.1f} MB of JSON")
    print(
        f"  rows: {ProcedureVersion.objects.count()} versions, "
        f"{ProcedureVariant.objects.count()} variants, "
        f"{RequiredDocument.objects.count()} documents, {ProcessStep.objects.count()} steps"
    )
    print(f"  fresh import:             {fresh:6.2f} s ({report.procedures_created} new)")
    print(
        f"  same file again (no-op):  {unchanged:6.2f} s ({again.procedures_unchanged} unchanged)"
    )
    print(
        f"  one procedure in ten changed: {tenth:6.2f} s ({changed.versions_created} new versions)"
    )


if __name__ == "__main__":
    main()
