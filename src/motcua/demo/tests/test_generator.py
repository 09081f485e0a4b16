"""`motcua demo generate` on the demo province, and the open-data export of what it made.

One province-year is generated for the module inside a transaction that is rolled back at the
end; each test runs in a savepoint of it.
"""

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce

from motcua.audit.models import AuditEntry
from motcua.audit.queries import verify_chain
from motcua.catalog import demo as catalog_demo
from motcua.demo.generator.province_year import GenerationReport, generate_province_year
from motcua.dossiers.codes import CODE_PATTERN
from motcua.dossiers.models import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierStep,
    Payment,
    TimelineEntry,
)
from motcua.organizations import demo as organization_demo
from motcua.reports.export import HEADER, export_dossiers, write_csv
from motcua.results.models import EResult

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

AS_OF = datetime(2025, 12, 31, 9, tzinfo=UTC)
DOSSIERS = 600


@pytest.fixture(scope="module")
def generated(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[GenerationReport]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            organization_demo.load(out=lambda line: None)
            catalog_demo.load(out=lambda line: None)
            yield generate_province_year(dossiers=DOSSIERS, year=2025, seed=11, as_of=AS_OF)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_generate_without_the_demo_province_says_to_load_it() -> None:
    # given an empty database (this test runs before the module's year is generated)
    # when a year is generated
    # then the command asks for the demo province, in Vietnamese and English
    with pytest.raises(CommandError, match="demo load"):
        call_command("demo", "generate", "--dossiers", "10", "--year", "2025")


def _exported(year: int = 2025) -> list[dict[str, str]]:
    stream = io.BytesIO()
    write_csv(year=year, stream=stream)
    return list(csv.DictReader(io.StringIO(stream.getvalue().decode())))


def test_the_year_holds_the_dossiers_asked_for(generated: GenerationReport) -> None:
    # then every generated dossier is there, in many statuses
    assert Dossier.objects.count() == DOSSIERS == generated.dossiers
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {"returned", "processing", "withdrawn", "stopped"} <= statuses


def test_codes_are_unique_and_agree_with_the_code_counters(generated: GenerationReport) -> None:
    # given the generated codes, by (agency, day)
    highest: dict[tuple[str, str], int] = {}
    for code in Dossier.objects.values_list("code", flat=True):
        match = CODE_PATTERN.match(code)
        assert match is not None
        key = (match["agency"], match["day"])
        highest[key] = max(highest.get(key, 0), int(match["number"]))
    # then each counter stands at the last number given, and the numbers have no gap
    counters = {
        (row.agency_code, f"{row.day:%y%m%d}"): row.last_number
        for row in DossierCodeCounter.objects.all()
    }
    assert counters == highest
    assert sum(highest.values()) == DOSSIERS


def test_a_second_run_continues_the_day_counters(generated: GenerationReport) -> None:
    # given the counters after the first run
    before = dict(DossierCodeCounter.objects.values_list("agency_code", "last_number"))
    # when another run adds dossiers to the same year
    generate_province_year(dossiers=200, year=2025, seed=12, as_of=AS_OF)
    # then no code is given twice and the counters only went up
    assert Dossier.objects.values("code").distinct().count() == DOSSIERS + 200
    after = DossierCodeCounter.objects.aggregate(top=Max("last_number"))["top"]
    assert after >= max(before.values())


def test_dossiers_of_former_communes_come_before_the_merger(generated: GenerationReport) -> None:
    # given the dossiers received at former communes' one-stop units
    former = Dossier.objects.filter(service_centre__code__startswith="BPMC-")
    # then there are some, all lodged before 1 Jul 2025 (an online one may be taken in after)
    assert former.exists()
    arrival = former.annotate(arrived_at=Coalesce("submitted_at", "received_at"))
    assert not arrival.filter(arrived_at__gte=datetime(2025, 6, 30, 17, tzinfo=UTC)).exists()


def test_returned_dossiers_have_every_step_done(generated: GenerationReport) -> None:
    # given the steps of returned dossiers
    steps = DossierStep.objects.filter(dossier__status="returned")
    # then all are done, and finished no later than the return
    assert steps.exists()
    assert not steps.exclude(status="done").exists()
    late = [s for s in steps.select_related("dossier") if s.finished_at > s.dossier.returned_at]
    assert late == []


def test_a_dossier_in_processing_has_one_step_in_progress(generated: GenerationReport) -> None:
    # given dossiers in processing
    processing = Dossier.objects.filter(status="processing").annotate(
        active=Count("steps", filter=Q(steps__status="active"))
    )
    # then each has at least one active step (steps of a parallel group run together)
    assert processing.exists()
    assert all(dossier.active >= 1 for dossier in processing)


def test_the_timeline_tells_each_returned_dossiers_story(generated: GenerationReport) -> None:
    # given a returned dossier
    dossier = Dossier.objects.filter(status="returned").first()
    assert dossier is not None
    # when its timeline is read in order
    acts = list(TimelineEntry.objects.filter(dossier=dossier).order_by("at"))
    # then it starts with the arrival, ends with the return, and statuses chain up
    assert acts[0].act in {"submit", "receive"}
    assert acts[-1].act == "return-result"
    assert acts[-1].status_after == dossier.status


def test_generated_history_leaves_the_audit_chain_intact(generated: GenerationReport) -> None:
    # then one audit row records the run and the chain verifies
    row = AuditEntry.objects.get(action="demo.dossiers_generated")
    assert row.after["dossiers"] == DOSSIERS
    assert verify_chain().is_intact


def test_payments_results_and_documents_are_generated(generated: GenerationReport) -> None:
    # then some dossiers paid online, some in cash, some have e-results and scanned documents
    methods = set(Payment.objects.values_list("method", flat=True))
    assert {"online", "cash"} <= methods
    assert EResult.objects.filter(dossier__isnull=False).exists()
    assert DossierDocument.objects.filter(digitised_at_intake=True).exists()
    assert DossierDocument.objects.filter(reused=True).exists()


def test_the_export_has_one_row_per_dossier_and_no_personal_data(
    generated: GenerationReport,
) -> None:
    # when the year is exported as CSV
    rows = _exported()
    # then each dossier is one row, with the documented columns only
    assert len(rows) == DOSSIERS
    assert list(rows[0]) == HEADER
    assert {row["code"] for row in rows} == set(Dossier.objects.values_list("code", flat=True))
    assert not {"applicant_name", "applicant_id_number", "applicant_phone"} & set(HEADER)


def test_exported_moments_are_iso_8601_in_vietnam_time(generated: GenerationReport) -> None:
    # given a dossier and its exported row
    dossier = Dossier.objects.exclude(received_at=None).first()
    assert dossier is not None
    row = next(row for row in _exported() if row["code"] == dossier.code)
    # then its moments carry +07:00 and name the same instant
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", row["received_at"])
    assert datetime.fromisoformat(row["received_at"]) == dossier.received_at.replace(microsecond=0)


def test_exported_flags_follow_the_stores(generated: GenerationReport) -> None:
    # given the export
    rows = {row["code"]: row for row in _exported()}
    # then has_e_result follows the e-result store, paid_online the payments, and the
    # national status the dossier's status
    with_result = set(EResult.objects.values_list("dossier__code", flat=True))
    assert {code for code, row in rows.items() if row["has_e_result"] == "1"} == with_result
    paid = set(Payment.objects.filter(method="online").values_list("dossier__code", flat=True))
    assert {code for code, row in rows.items() if row["paid_online"] == "1"} == paid
    for dossier in Dossier.objects.all()[:50]:
        assert int(rows[dossier.code]["national_status"]) == dossier.national_status_code
        assert rows[dossier.code]["rating"] == ""


def test_another_year_exports_nothing(generated: GenerationReport) -> None:
    # when 2024 is exported
    rows = _exported(2024)
    # then there is only the header
    assert rows == []


def test_parquet_holds_the_same_rows_as_csv(generated: GenerationReport, tmp_path: Path) -> None:
    import duckdb

    # when the year is exported in both formats
    csv_path, parquet_path = tmp_path / "d.csv", tmp_path / "d.parquet"
    export_dossiers(year=2025, format="csv", path=csv_path, stdout=io.BytesIO())
    report = export_dossiers(year=2025, format="parquet", path=parquet_path, stdout=io.BytesIO())
    # then Parquet has the same rows, with typed moments
    database = duckdb.connect()
    differing = database.execute(
        f"SELECT count(*) FROM (SELECT * FROM read_parquet('{parquet_path}') EXCEPT "  # noqa: S608
        f"SELECT * FROM read_csv('{csv_path}', types = "
        "{'received_at': 'TIMESTAMPTZ', 'rating': 'TINYINT'}))"
    ).fetchall()
    assert report.rows == DOSSIERS
    assert differing == [(0,)]
    columns = database.execute(f"DESCRIBE SELECT * FROM '{parquet_path}'").fetchall()  # noqa: S608
    types = {name: kind for name, kind, *_ in columns}
    assert types["received_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["fee_vnd"] == "BIGINT"


def test_the_export_command_refuses_parquet_without_a_file(generated: GenerationReport) -> None:
    # when parquet is asked for on standard output
    # then the command says why
    with pytest.raises(CommandError, match="--output"):
        call_command("export", "dossiers", "--year", "2025", "--format", "parquet")
