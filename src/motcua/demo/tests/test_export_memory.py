"""The open-data export streams: its peak memory does not grow with the number of dossiers.

The same generated year is exported with N and then 4N dossiers, the CSV written to a sink
that keeps nothing, and Python's allocations traced (tracemalloc) during each export. Chunks
are made small so that N already spans many of them.
"""

import io
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from motcua.catalog import demo as catalog_demo
from motcua.demo.generator.province_year import generate_province_year
from motcua.organizations import demo as organization_demo
from motcua.reports import export

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

AS_OF = datetime(2025, 12, 31, 9, tzinfo=UTC)
N = 250
CHUNK = 40


class Sink(io.RawIOBase):
    """A binary stream that counts what it is given and keeps none of it."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        size = len(memoryview(data))  # type: ignore[arg-type]
        self.size += size
        return size


def traced_peak() -> tuple[int, int]:
    """The peak of Python allocations while the year is exported as CSV, and the bytes written."""
    sink = Sink()
    tracemalloc.start()
    try:
        export.write_csv(year=2025, stream=sink)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink.size


@pytest.fixture
def demo_province(monkeypatch: pytest.MonkeyPatch) -> None:
    organization_demo.load(out=lambda line: None)
    catalog_demo.load(out=lambda line: None)
    monkeypatch.setattr(export, "FETCH_ROWS", CHUNK)


def test_the_csv_exports_peak_memory_does_not_grow_with_the_rows(demo_province: None) -> None:
    # given a year of N dossiers, exported once
    generate_province_year(dossiers=N, year=2025, seed=3, as_of=AS_OF)
    export.write_csv(year=2025, stream=Sink())  # type: ignore[arg-type]  # warm the caches
    small_peak, small_size = traced_peak()
    # when the year holds 4N dossiers
    generate_province_year(dossiers=3 * N, year=2025, seed=4, as_of=AS_OF)
    large_peak, large_size = traced_peak()
    # then four times the bytes went out with (nearly) the same peak of memory
    assert large_size > 3.5 * small_size
    assert large_peak < small_peak * 1.25 + 16_384, (small_peak, large_peak)


def test_chunks_read_every_dossier_once(demo_province: None) -> None:
    # given a year of N dossiers, more than a few chunks
    generate_province_year(dossiers=N, year=2025, seed=5, as_of=AS_OF)
    # when it is exported as CSV
    stream = io.BytesIO()
    rows = export.write_csv(year=2025, stream=stream)
    # then every dossier is there once
    codes = [line.split(",", 1)[0] for line in stream.getvalue().decode().splitlines()[1:]]
    assert rows == N == len(codes) == len(set(codes))


def test_the_parquet_export_holds_every_row_and_leaves_no_spill(
    demo_province: None, tmp_path: Path
) -> None:
    # given a year of N dossiers
    generate_province_year(dossiers=N, year=2025, seed=6, as_of=AS_OF)
    # when it is exported as Parquet (DuckDB's memory capped, spilling next to the file)
    path = tmp_path / "dossiers.parquet"
    rows = export.write_parquet(year=2025, path=path)
    # then DuckDB reads back every row and only the file is left
    counted = duckdb.sql(f"SELECT count(DISTINCT code) FROM '{path}'").fetchall()  # noqa: S608
    assert counted == [(rows,)]
    assert rows == N
    assert list(tmp_path.iterdir()) == [path]
