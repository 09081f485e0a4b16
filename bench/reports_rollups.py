"""Roll-up facts on a province's history: the bulk rebuild, the check, and dashboard slices.

    createdb -h 127.0.0.1 -U postgres motcua_reports_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_reports_bench \
        .venv/bin/python bench/reports_rollups.py [--dossiers 1000000] [--runs 50]

Loads the demo province and catalog, then COPYs `--dossiers` dossiers received over two years
(2025-01-01 … 2026-11-25): each procedure variant handled by one agency, centres skewed (the
provincial centre and a few wards take most), 75 % online, statuses as a province sees them
(returned, withdrawn, stopped, open), result moments before or after the due moment, one in 50
with two supplement requests. Then times `motcua reports rebuild` (set-based SQL), `reports
check`, and the dashboard's slices (p50/p95 over `--runs`): the province by agency, one agency
by sector, one sector by procedure (each: form II.06a rows + the monthly trend), form II.06a by
receiving unit for one month, and the public page's rates. Exits non-zero when the rebuild
passes 5 minutes per 10 million dossiers (scaled) or a slice's p95 passes 200 ms.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.catalog import demo as catalog_demo  # noqa: E402
from motcua.catalog.models import ProcedureVariant  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.organizations import demo as organization_demo  # noqa: E402
from motcua.organizations.models import Agency, ServiceCentre  # noqa: E402
from motcua.reports.models import DailyFact  # noqa: E402
from motcua.reports.queries import (  # noqa: E402
    Slice,
    build_form_ii06a,
    list_monthly_trend,
    list_public_on_time_rates,
)
from motcua.reports.rollups import check, rebuild  # noqa: E402

SLICE_P95_MS = 200
REBUILD_SECONDS_PER_10M = 300
BATCH = 100_000
FIRST = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
SPAN_SECONDS = int((datetime(2026, 11, 25, tzinfo=UTC) - FIRST).total_seconds())
STATUSES = [
    ("returned", 70),
    ("result_ready", 4),
    ("processing", 12),
    ("awaiting_supplement", 3),
    ("withdrawn", 3),
    ("stopped", 3),
    ("received", 5),
]


def prepare() -> None:
    if connection.vendor != "postgresql":
        sys.exit("run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME")
    call_command("migrate", verbosity=0)
    for module in (organization_demo, catalog_demo):
        module.load(out=lambda line: None)
    from motcua.dossiers import demo as dossier_demo

    dossier_demo.load(out=lambda line: None)


def _moment(value: datetime) -> str:
    return value.isoformat()


def generate(total: int) -> None:
    """COPY `total` dossiers with their outcomes, unless the table already holds them."""
    have = Dossier.objects.filter(code__startswith="RB.").count()
    if have >= total:
        print(f"{have} generated dossiers already in the database")
        return
    randomness = random.Random(766)
    agencies = list(Agency.objects.values_list("pk", flat=True))
    centres = list(ServiceCentre.objects.values_list("pk", flat=True))
    variants = list(ProcedureVariant.objects.values_list("pk", "version_id"))
    # A few centres (the provincial one first) receive most dossiers.
    centre_weights = [
        40 if index == 0 else (6 if index < 6 else 1) for index in range(len(centres))
    ]
    # About 30 % of the variants carry the dossiers, a few of them half.
    variant_weights = [
        (50 if index < 3 else 8 if index < max(4, len(variants) * 3 // 10) else 0)
        for index in range(len(variants))
    ]
    handled_by = {
        variant: agencies[index % len(agencies)] for index, (variant, _) in enumerate(variants)
    }
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    columns = (
        "code, status, revision, stage, channel, procedure_version_id, variant_id, "
        "service_centre_id, agency_id, current_agency_id, applicant_kind, applicant_name, "
        "applicant_name_folded, applicant_id_number, applicant_address, applicant_phone, "
        "applicant_email, sets, return_method, delivery_address, postal_tracking_code, "
        "processing_time_value, processing_time_unit, supplement_policy, received_at, due_at, "
        "first_due_at, decided_at, returned_at, closed_at, supplement_requests, supplement_items, "
        "extensions, extension_reason, fee_amount_vnd, closing_reason, result_summary, "
        "result_receiver_name, result_receiver_id_number, created_at, lookup_secret"
    )
    null = "\\N"
    made = have
    started = time.perf_counter()
    while made < total:
        rows = io.StringIO()
        count = min(BATCH, total - made)
        chosen_centres = randomness.choices(centres, weights=centre_weights, k=count)
        chosen_variants = randomness.choices(variants, weights=variant_weights, k=count)
        for offset in range(count):
            number = made + offset
            variant, version = chosen_variants[offset]
            agency = handled_by[variant]
            received = FIRST + timedelta(seconds=randomness.randrange(SPAN_SECONDS))
            due = received + timedelta(days=randomness.randrange(3, 25))
            status = randomness.choice(statuses)
            draw = randomness.random()
            channel = "2" if draw < 0.75 else ("1" if draw < 0.97 else "3")
            decided = returned = closed = null
            if status in {"returned", "result_ready"}:
                # Most resolved before the due moment, some after.
                spread = (due - received).total_seconds()
                finish = received + timedelta(seconds=spread * randomness.uniform(0.2, 1.15))
                decided = _moment(finish)
                if status == "returned":
                    returned = closed = _moment(finish + timedelta(hours=2))
            elif status in {"withdrawn", "stopped"}:
                closed = _moment(received + timedelta(days=randomness.randrange(1, 10)))
            supplements = "2" if randomness.random() < 0.02 else "0"
            fee = "0" if randomness.random() < 0.6 else "50000"
            rows.write(
                "\t".join(
                    [
                        f"RB.{number:09d}",
                        status,
                        "1",
                        "",
                        channel,
                        str(version),
                        str(variant),
                        str(chosen_centres[offset]),
                        str(agency),
                        str(agency),
                        "citizen",
                        "Nguyễn Văn Thử",
                        "nguyen van thu",
                        "",
                        "",
                        "",
                        "",
                        "1",
                        "counter",
                        "",
                        "",
                        "5",
                        "working_days",
                        "pause",
                        _moment(received),
                        _moment(due),
                        _moment(due),
                        decided,
                        returned,
                        closed,
                        supplements,
                        "[]",
                        "0",
                        "",
                        fee,
                        "",
                        "",
                        "",
                        "",
                        _moment(received),
                        f"B{number:07d}"[-8:],
                    ]
                )
                + "\n"
            )
        rows.seek(0)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY dossiers_dossier ({columns}) FROM STDIN") as copy,
        ):
            copy.write(rows.read())
        made += count
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
    print(f"generated {total - have} dossiers in {time.perf_counter() - started:.0f} s")


def timed(call: object, runs: int) -> tuple[float, float]:
    """p50 and p95 of the wall-clock time (ms)."""
    wall = []
    for _ in range(runs):
        began = time.perf_counter()
        call()  # type: ignore[operator]
        wall.append((time.perf_counter() - began) * 1000)
    wall.sort()
    return statistics.median(wall), wall[max(0, round(0.95 * runs) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-check", action="store_true")
    options = parser.parse_args()
    prepare()
    generate(options.dossiers)
    dossiers = Dossier.objects.count()

    began = time.perf_counter()
    result = rebuild()
    rebuild_seconds = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_dailyfact; ANALYZE reports_dossiercontribution")
    check_seconds = None
    if not options.skip_check:
        began = time.perf_counter()
        differences = check()
        check_seconds = time.perf_counter() - began
        if differences:
            sys.exit(f"check found differences: {differences[:3]}")

    admin = User.objects.get(username="quantri")
    agency_id = (
        Dossier.objects.filter(code__startswith="RB.").values_list("agency_id", flat=True).first()
    )
    sector_id = (
        DailyFact.objects.filter(agency_id=agency_id).values_list("sector_id", flat=True).first()
    )
    year, today = 2026, date(2026, 11, 25)
    first, last = date(year, 1, 1), today

    def dashboard(where: Slice, grouping: str) -> None:
        build_form_ii06a(
            officer=admin, first_day=first, last_day=last, grouping=grouping, where=where
        )
        list_monthly_trend(officer=admin, year=year, where=where)

    slices = [
        ("province by agency (II.06a rows + trend)", lambda: dashboard(Slice(), "agency")),
        ("province by receiving unit", lambda: dashboard(Slice(), "unit")),
        ("one agency by sector", lambda: dashboard(Slice(agency=agency_id), "sector")),
        (
            "one sector of it by procedure",
            lambda: dashboard(Slice(agency=agency_id, sector=sector_id), "procedure"),
        ),
        (
            "form II.06a by unit, October 2026",
            lambda: build_form_ii06a(
                officer=admin,
                first_day=date(2026, 10, 1),
                last_day=date(2026, 10, 31),
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
    ]
    figures = [(label, timed(call, options.runs)) for label, call in slices]

    print(
        f"{dossiers} dossiers; {result.contributions} contributions, {result.facts} fact rows; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(f"reports rebuild: {rebuild_seconds:.1f} s")
    if check_seconds is not None:
        print(f"reports check:   {check_seconds:.1f} s (0 differences)")
    print(f"{'slice':46} {'p50':>8} {'p95':>8}  (ms, {options.runs} runs)")
    for label, (p50, p95) in figures:
        print(f"{label:46} {p50:8.1f} {p95:8.1f}")
    scaled = rebuild_seconds * 10_000_000 / max(dossiers, 1)
    print(f"rebuild scaled to 10,000,000 dossiers: {scaled:.0f} s")
    if scaled > REBUILD_SECONDS_PER_10M or any(p95 > SLICE_P95_MS for _, (_, p95) in figures):
        sys.exit("a target was missed")


if __name__ == "__main__":
    main()
