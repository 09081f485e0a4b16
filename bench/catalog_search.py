"""Search latency over 5,000 procedures on PostgreSQL: p50 and p95 of a few hundred queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
    .venv/bin/python bench/catalog_search.py

Imports the generated catalog first when the database does not hold it. Measures the query
functions as the API runs them (first page of 20 with its total, competence levels) and whole
API requests through Django's test client.
"""

import argparse
import statistics
import time
from collections.abc import Callable

from catalog_bench_setup import empty_catalog, set_up_django


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(queries: list[str], run: Callable[[str], object]) -> list[float]:
    for q in queries[:20]:  # warm caches and connections
        run(q)
    samples = []
    for q in queries:
        started = time.perf_counter()
        run(q)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    print(
        f"  {label:<28} p50 {statistics.median(samples):6.2f} ms   "
        f"p95 {percentile(samples, 0.95):6.2f} ms   max {max(samples):6.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=400)
    options = parser.parse_args()
    set_up_django()
    from catalog_generator import as_bytes, generate_catalog, generate_queries
    from django.test import Client

    from motcua.catalog.models import ProcedureVersion
    from motcua.catalog.queries import list_procedures, page_of_procedures
    from motcua.catalog.services import import_catalog

    if ProcedureVersion.objects.filter(is_latest=True).count() != options.procedures:
        empty_catalog()
        import_catalog(raw=as_bytes(generate_catalog(options.procedures)), source_name="bench")
    queries = generate_queries(options.queries)

    def query_function(q: str) -> object:
        return page_of_procedures(list_procedures(q=q), offset=0, limit=20)

    client = Client(HTTP_HOST="127.0.0.1")

    def api_request(q: str) -> object:
        response = client.get("/api/v1/procedures", {"q": q})
        assert response.status_code == 200, response.content
        return response

    top = [v.name for v in list_procedures(q="dang ky dat dai")[:3]]
    print(f"catalog search, {options.procedures} procedures, {len(queries)} queries")
    print(f"  'dang ky dat dai' ranks first: {top[0]}")
    report("query function (page+total)", measure(queries, query_function))
    report("GET /api/v1/procedures?q=", measure(queries, api_request))


if __name__ == "__main__":
    main()
