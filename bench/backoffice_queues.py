"""The back office's pages as officers open them, with a million dossiers in the database.

    createdb -h 127.0.0.1 -U postgres motcua_backoffice_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_backoffice_bench \
        .venv/bin/python bench/backoffice_queues.py [--dossiers 1000000] [--runs 30]

Loads the demo province and bulk-generates dossiers as `bench/dossiers_queue.py` does (every
agency, every status, two years of receipts, one active step per dossier in processing). Then
serves each page through Django's test client, signed in as a demo officer with a verified
second factor: the dashboard of the construction handler, its leader and the provincial intake
officer, the dossier list (first page, a queue, a time class, a search by phone and by name
without accents) and a dossier page. Prints p50/p95 over `--runs` requests and the queries
each request ran; exits non-zero when a dashboard or a list's p95 passes 300 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from dossiers_queue import generate, prepare  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.accounts.testing import sign_in_verified  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402

PAGE_P95_MS = 300


def timed(client: Client, path: str, runs: int) -> tuple[float, float, int]:
    """p50 and p95 in ms of `runs` GETs of `path`, and the queries one GET runs."""
    assert client.get(path).status_code == 200, path  # warm: session, calendar, templates
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, path
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * runs) - 1)], len(queries)


def signed_in(username: str) -> Client:
    client = Client()
    sign_in_verified(client, user=User.objects.get(username=username))
    return client


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    prepare()
    generate(options.dossiers)
    setup_test_environment()
    # Each request would empty the query log that counts its queries.
    request_started.disconnect(reset_queries)
    handler, leader, intake = (
        signed_in("xuly.xaydung"),
        signed_in("lanhdao.xaydung"),
        signed_in("tiepnhan.tinh"),
    )
    real = Dossier.objects.filter(code__startswith="000.00.00.", status="processing").first()
    assert real is not None
    pages = [
        ("handler's dashboard", handler, "/backoffice/"),
        ("unit leader's dashboard", leader, "/backoffice/"),
        ("intake officer's dashboard", intake, "/backoffice/"),
        ("handler's list, first page", handler, "/backoffice/ho-so/"),
        ("handler's queue: awaiting me", handler, "/backoffice/ho-so/?queue=awaiting"),
        ("handler's unit, overdue", handler, "/backoffice/ho-so/?queue=unit&progress=overdue"),
        ("intake: search by phone", intake, "/backoffice/ho-so/?q=0905111222"),
        ("intake: search by name, no accents", intake, "/backoffice/ho-so/?q=tran+thi+cuc"),
        (
            "intake: received in a week",
            intake,
            "/backoffice/ho-so/?received_from=01/09/2026&received_to=07/09/2026",
        ),
        ("dossier page (intake officer)", intake, f"/backoffice/ho-so/{real.code}/"),
    ]
    print(
        f"{Dossier.objects.count()} dossiers; load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} CPUs; {options.runs} requests each"
    )
    missed = False
    for label, client, path in pages:
        p50, p95, queries = timed(client, path, options.runs)
        print(f"{label:38} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries:3d} queries")
        missed |= "dossier page" not in label and p95 > PAGE_P95_MS
    if missed:
        sys.exit("a target was missed")


if __name__ == "__main__":
    main()
