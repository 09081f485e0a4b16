"""The Decision 766 indicators of a year over a province's dossiers, read from the source tables.

    createdb -h 127.0.0.1 -U postgres motcua_indicators_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_indicators_bench \
        .venv/bin/python bench/indicators.py [--dossiers 1000000] [--runs 5]

Loads the demo province, then generates dossiers inside PostgreSQL (`INSERT … SELECT` over
`generate_series`): received from 1 Jul 2024 to 31 Dec 2025 (so 2025 has dossiers carried over),
skewed over the catalog's variants (a few procedures carry most dossiers), every agency, about
75% online, 85% settled (some late), stopped, withdrawn and open ones, supplements (a few
requested twice), extensions, fees paid online or in cash, documents scanned, on paper or
reused, e-results for most settled dossiers. Then times `compute_indicators` for 2025 over the
whole province and over one commune (p50 and worst of `--runs`), and recounts 2.1 and 3.3 with
hand-written SQL to check the ORM's figures. Exits non-zero when the figures differ, or when the
province takes more than 120 s or a commune more than 10 s (p50): these are reports read from
the source tables; dashboards read roll-ups.
"""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.catalog import demo as catalog_demo  # noqa: E402
from motcua.deadlines import demo as deadlines_demo  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.organizations import demo as organization_demo  # noqa: E402
from motcua.organizations.models import AdministrativeUnit  # noqa: E402
from motcua.reports.indicators.report import compute_indicators  # noqa: E402
from motcua.reports.indicators.scope import year_scope  # noqa: E402

PROVINCE_P50_SECONDS = 120.0
COMMUNE_P50_SECONDS = 10.0
YEAR = 2025

GENERATE = """
WITH variants AS (
    SELECT array_agg(v.id ORDER BY v.id) AS ids, array_agg(v.version_id ORDER BY v.id) AS versions,
           count(*) AS n
    FROM catalog_procedurevariant v
),
agencies AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM organizations_agency),
centres AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n
            FROM organizations_servicecentre),
draws AS (
    SELECT g,
           1 + floor(power(random(), 3) * variants.n)::int AS variant_index,
           1 + floor(random() * agencies.n)::int AS agency_index,
           1 + floor(random() * centres.n)::int AS centre_index,
           timestamptz '2024-07-01 08:00+07' + random() * interval '548 days' AS received,
           random() AS fate, random() AS pace, random() AS channel_draw, random() AS extra
    FROM generate_series(%(first)s, %(last)s) AS g, variants, agencies, centres
),
shaped AS (
    SELECT d.*,
           d.received + (1 + floor(d.extra * 20)) * interval '1 day' AS due,
           CASE WHEN d.fate < 0.85 THEN 'returned' WHEN d.fate < 0.88 THEN 'stopped'
                WHEN d.fate < 0.90 THEN 'withdrawn' ELSE 'processing' END AS status
    FROM draws d
)
INSERT INTO dossiers_dossier (
    code, status, revision, stage, channel, procedure_version_id, variant_id, service_centre_id,
    agency_id, current_agency_id, applicant_kind, applicant_name, applicant_name_folded,
    applicant_id_number, applicant_address, applicant_phone, applicant_email, sets,
    return_method, delivery_address, postal_tracking_code, processing_time_value,
    processing_time_unit, supplement_policy, submitted_at, received_at, due_at, first_due_at,
    supplement_requests, supplement_requested_at, supplement_received_at, supplement_items,
    extensions, extension_reason, fee_amount_vnd, decided_at, returned_at, closed_at,
    closing_reason, result_summary, result_receiver_name, result_receiver_id_number, created_at
)
SELECT 'BENCH-' || s.g, s.status, 1, '', CASE WHEN s.channel_draw < 0.75 THEN 2 ELSE 1 END,
       variants.versions[s.variant_index], variants.ids[s.variant_index],
       centres.ids[s.centre_index], agencies.ids[s.agency_index], agencies.ids[s.agency_index],
       'citizen', 'Nguyễn Văn Thử', 'nguyen van thu', '', '', '', '', 1, 'counter', '', '',
       5, 'working_days', 'pause',
       CASE WHEN s.channel_draw < 0.75 THEN s.received - interval '2 hours' END,
       s.received, s.due, s.due,
       CASE WHEN s.extra < 0.005 THEN 2 WHEN s.extra < 0.10 THEN 1 ELSE 0 END,
       CASE WHEN s.extra < 0.10 THEN s.received + interval '1 day' END,
       CASE WHEN s.extra < 0.10 AND s.status <> 'processing'
            THEN s.received + interval '3 days' END,
       '[]', CASE WHEN s.extra > 0.98 THEN 1 ELSE 0 END, '',
       CASE WHEN s.channel_draw > 0.6 THEN 50000 ELSE 0 END,
       CASE WHEN s.status = 'returned' THEN s.received + s.pace * 1.2 * (s.due - s.received) END,
       CASE WHEN s.status = 'returned'
            THEN s.received + s.pace * 1.2 * (s.due - s.received) + interval '1 hour' END,
       CASE WHEN s.status = 'returned'
                 THEN s.received + s.pace * 1.2 * (s.due - s.received) + interval '1 hour'
            WHEN s.status IN ('stopped', 'withdrawn') THEN s.received + interval '2 days' END,
       '', '', '', '', s.received
FROM shaped s, variants, agencies, centres
"""

RELATED = [
    # One document per dossier: scanned online, on paper at the counter, some reused.
    """INSERT INTO dossiers_dossierdocument (
        file, original_name, kind, mime_type, size_bytes, sha256, type_code, holder_id_number,
        title, summary, validity_scope, digitised_at_intake, reused, dossier_id, originals,
        copies, uploaded_at)
    SELECT CASE WHEN channel = 2 OR id %% 3 = 0 THEN 'bench/' || id || '.pdf' ELSE '' END,
           'to-khai.pdf', 'pdf', 'application/pdf', 1000, '', '', '', 'Tờ khai', '', '',
           channel = 1 AND id %% 3 = 0, id %% 5 = 0, id, 1, 0, received_at
    FROM dossiers_dossier WHERE code LIKE 'BENCH-%%'""",
    # Fees paid: 60% online.
    """INSERT INTO dossiers_payment (dossier_id, amount_vnd, method, reference, paid_at)
    SELECT id, fee_amount_vnd, CASE WHEN id %% 5 < 3 THEN 'online' ELSE 'cash' END, '',
           received_at + interval '1 day'
    FROM dossiers_dossier WHERE code LIKE 'BENCH-%%' AND fee_amount_vnd > 0""",
    # E-results for 70% of the results.
    """INSERT INTO results_eresult (
        file, original_name, kind, mime_type, size_bytes, sha256, type_code, holder_id_number,
        title, summary, validity_scope, digitised_at_intake, reused, verification_code,
        e_result_code, dossier_code, version, correction_reason, signed_by_id, signer_name,
        signer_position, signer_certificate_sha256, seal_name, seal_certificate_sha256,
        signed_at, issued_at)
    SELECT 'bench/kq-' || id || '.pdf', 'ket-qua.pdf', 'pdf', 'application/pdf', 1000, '', '',
           '', 'Kết quả', '', '', false, false, 'B' || id, 'KQ' || id, code, 1, '',
           %(signer)s, 'Lãnh đạo', '', '', '', '', decided_at, decided_at
    FROM dossiers_dossier
    WHERE code LIKE 'BENCH-%%' AND decided_at IS NOT NULL AND id %% 10 < 7""",
]

# Indicator 2.1 written by hand, to check the ORM's figures (see reports/indicators/on_time.py).
CHECK_ON_TIME = """
WITH settled AS (
    SELECT d.*, CASE WHEN decided_at IS NOT NULL THEN decided_at
                     WHEN status = 'stopped' THEN closed_at END AS settled_at
    FROM dossiers_dossier d
), population AS (
    SELECT * FROM settled
    WHERE received_at IS NOT NULL AND received_at < %(end)s AND status <> 'withdrawn'
      AND (received_at >= %(start)s OR settled_at IS NULL OR settled_at >= %(start)s)
)
SELECT count(*) FILTER (WHERE supplement_requests <= 1
         AND NOT EXISTS (SELECT 1 FROM dossiers_dossierflag f
                         WHERE f.dossier_id = population.id AND f.code = 'extension_late')
         AND ((settled_at < %(end)s AND (due_at IS NULL OR settled_at <= due_at))
              OR ((settled_at IS NULL OR settled_at >= %(end)s)
                  AND (due_at IS NULL OR due_at >= %(end)s
                       OR (supplement_requested_at < %(end)s AND (supplement_received_at IS NULL
                           OR supplement_received_at >= %(end)s)))))),
       count(*)
FROM population
"""
CHECK_ONLINE = """
SELECT count(*) FILTER (WHERE channel = 2), count(*) FROM dossiers_dossier
WHERE received_at >= %(start)s AND received_at < %(end)s
"""


def prepare() -> None:
    if connection.vendor != "postgresql":
        sys.exit("run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME")
    call_command("migrate", verbosity=0)
    for module in (organization_demo, deadlines_demo, catalog_demo):
        module.load(out=lambda line: None)


def generate(total: int) -> None:
    have = Dossier.objects.filter(code__startswith="BENCH-").count()
    if have == total:
        print(f"{have} generated dossiers already in the database")
        return
    if have:
        # E-results cannot be deleted (append-only store): start from an empty database.
        sys.exit(f"{have} generated dossiers already there; drop and create the database")
    signer = User.objects.order_by("pk").values_list("pk", flat=True).first()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        step = 250_000
        for first in range(1, total + 1, step):
            last = min(first + step - 1, total)
            cursor.execute(GENERATE, {"first": first, "last": last})
        for statement in RELATED:
            cursor.execute(statement, {"signer": signer})
        cursor.execute(
            "INSERT INTO dossiers_dossierflag (dossier_id, code, raised_at, details) "
            "SELECT id, 'extension_late', received_at, '{}' FROM dossiers_dossier "
            "WHERE code LIKE 'BENCH-%%' AND extensions = 1 AND id %% 4 = 0 "
            "ON CONFLICT DO NOTHING",
            {},
        )
        cursor.execute(
            "ANALYZE dossiers_dossier; ANALYZE dossiers_dossierdocument; "
            "ANALYZE dossiers_payment; ANALYZE results_eresult; ANALYZE dossiers_dossierflag"
        )
    elapsed = time.perf_counter() - started
    print(f"generated {total} dossiers and their rows in {elapsed:.0f} s")


def timed(call: object, runs: int) -> tuple[float, float, object]:
    seconds, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = call()  # type: ignore[operator]
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds), max(seconds), result


def busiest_commune() -> AdministrativeUnit:
    unit_id = (
        Dossier.objects.filter(agency__unit__parent__isnull=False)
        .values("agency__unit")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("agency__unit", flat=True)
        .first()
    )
    return AdministrativeUnit.objects.get(pk=unit_id)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    prepare()
    generate(options.dossiers)
    scope = year_scope(YEAR)
    commune = busiest_commune()
    province_p50, province_max, report = timed(
        lambda: compute_indicators(scope=scope), options.runs
    )
    commune_p50, commune_max, _ = timed(
        lambda: compute_indicators(scope=year_scope(YEAR, unit=commune)), options.runs
    )
    bounds = {"start": scope.start_moment, "end": scope.end_moment}
    with connection.cursor() as cursor:
        cursor.execute(CHECK_ON_TIME, bounds)
        on_time = cursor.fetchone()
        cursor.execute(CHECK_ONLINE, bounds)
        online = cursor.fetchone()
    measures = {measure.code: measure for measure in report.measures}  # type: ignore[attr-defined]
    print(
        f"{Dossier.objects.count()} dossiers; year {YEAR}; commune {commune.name}; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    for measure in measures.values():
        rate = "—" if measure.rate is None else f"{measure.rate:.4f}"
        print(
            f"  {measure.code:4} {measure.numerator!s:>12} / {measure.denominator!s:>9}"
            f"  rate {rate:>8}  score {measure.score}"
        )
    print(f"province, all indicators: p50 {province_p50:.2f} s, worst {province_max:.2f} s")
    print(f"commune, all indicators:  p50 {commune_p50:.2f} s, worst {commune_max:.2f} s")
    orm = {
        "2.1": (measures["2.1"].numerator, measures["2.1"].denominator),
        "3.3": (measures["3.3"].numerator, measures["3.3"].denominator),
    }
    by_hand = {"2.1": tuple(on_time), "3.3": tuple(online)}  # type: ignore[arg-type]
    print(f"check against hand-written SQL: ORM {orm}, SQL {by_hand}")
    failed = orm != by_hand
    if failed:
        print("the ORM's figures differ from the hand-written SQL")
    if province_p50 > PROVINCE_P50_SECONDS or commune_p50 > COMMUNE_P50_SECONDS:
        failed = True
        print("a target was missed")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
