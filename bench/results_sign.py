"""Signing figures on PostgreSQL: CPU per signature, 100 results issued in a batch, verification.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \
        .venv/bin/python bench/results_sign.py --signatures 200 --results 100

Works in a throw-away test database (test_<name>), created and dropped by the script, and a
temporary folder for the stored files:
1. unlocking a PKCS#12 key with its passphrase (once per signing session);
2. CPU time (time.process_time) of one PAdES signature with a loaded key: visible stamp with
   QR code, SHA-256, RFC 3161 timestamp from the local authority (target < 50 ms);
3. wall time to issue --results results in a batch with one unlocked key: sign, store the
   file, write the e-result row and its audit row, one transaction each (target < 10 s for 100);
4. the same with the organisation's seal as a second signature;
5. batch-signing --results scans (`sign_documents`), and verifying one signed result.
Exits 1 when a target is missed.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
django.setup()

# Django must be set up before models are imported.
from django.db import connection  # noqa: E402
from django.test.utils import override_settings, setup_databases, teardown_databases  # noqa: E402

from motcua.core.pdf import render_html_to_pdf  # noqa: E402
from motcua.integrations.signing.appearance import warm_up  # noqa: E402
from motcua.integrations.signing.keys import unlock_signer  # noqa: E402
from motcua.integrations.signing.verification import verify_pdf  # noqa: E402
from motcua.organizations.choices import Role  # noqa: E402
from motcua.organizations.tests.factories import (  # noqa: E402
    AgencyFactory,
    RoleAssignmentFactory,
    StaffFactory,
)
from motcua.results.metadata import ResultMetadata  # noqa: E402
from motcua.results.models import EResult  # noqa: E402
from motcua.results.queries import read_result_file  # noqa: E402
from motcua.results.services import LEADER_BOX, issue_result, sign_documents  # noqa: E402
from motcua.results.signers import SignatureAppearance  # noqa: E402
from motcua.results.testing import PASSPHRASE, SigningKit  # noqa: E402

CPU_TARGET_MS = 50.0
BATCH_TARGET_S = 10.0
RESULT_HTML = """
<h1>GIẤY PHÉP XÂY DỰNG</h1>
<p>Số: {number}/GPXD</p>
<p>Cấp cho: ông Nguyễn Văn Ánh, số định danh cá nhân 056091012345.</p>
<p>Địa điểm xây dựng: phường Nha Trang, tỉnh Khánh Hòa.</p>
<p>Nội dung cấp phép: nhà ở riêng lẻ 3 tầng, tổng diện tích sàn 240 m², chiều cao 12,5 m.</p>
<p>Giấy phép có hiệu lực 12 tháng kể từ ngày ký.</p>
"""


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signatures", type=int, default=200)
    parser.add_argument("--results", type=int, default=100)
    arguments = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL=postgres://… : the figures are for PostgreSQL.")

    databases = setup_databases(verbosity=0, interactive=False)
    folder = tempfile.TemporaryDirectory(prefix="motcua-bench-")
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder.name},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        with override_settings(STORAGES=storages):
            missed = run(arguments)
    finally:
        teardown_databases(databases, verbosity=0)
        folder.cleanup()
    sys.exit(1 if missed else 0)


def run(arguments: argparse.Namespace) -> bool:
    print(f"python {platform.python_version()} on {platform.machine()}, PostgreSQL")
    kit = SigningKit.create()
    kit.install()
    agency = AgencyFactory(name="Sở Xây dựng")
    leader = StaffFactory(username="lanhdao", full_name="Phạm Quốc Bảo")
    RoleAssignmentFactory(user=leader, role=Role.UNIT_LEADER, agency=agency)
    officer = StaffFactory(username="tiepnhan", full_name="Nguyễn Thị Thu Hà")
    RoleAssignmentFactory(user=officer, at_centre=True)
    credential = kit.register_personal(user=leader, position_title="Phó Giám đốc Sở Xây dựng")
    seal_credential = kit.register_seal(agency=agency)
    officer_credential = kit.register_personal(user=officer, position_title="Công chức một cửa")
    source = render_html_to_pdf(html=RESULT_HTML.format(number=1))
    warm_up()

    started = time.perf_counter()
    signer = unlock_signer(credential=credential, passphrase=PASSPHRASE)
    print(f"unlock a PKCS#12 key:                 {milliseconds(time.perf_counter() - started)}")
    seal = unlock_signer(credential=seal_credential, passphrase=PASSPHRASE)

    appearance = SignatureAppearance(
        field_name="LanhDao",
        lines=("Ký bởi: Phạm Quốc Bảo", "Chức vụ: Phó Giám đốc", "Xác thực: https://x/"),
        reason="Ký kết quả",
        location="Khánh Hòa",
        box=LEADER_BOX,
        qr_url="https://dichvucong.khanhhoa.gov.vn/xac-thuc/ABCDEFGHJK/",
    )
    signer.sign_pdf(pdf=source, appearance=appearance)  # first use: caches warm
    cpu: list[float] = []
    for _ in range(arguments.signatures):
        started = time.process_time()
        signed = signer.sign_pdf(pdf=source, appearance=appearance)
        cpu.append(time.process_time() - started)
    median_cpu = statistics.median(cpu)
    print(
        f"CPU per signature ({arguments.signatures}):        median {milliseconds(median_cpu)}, "
        f"mean {milliseconds(statistics.fmean(cpu))}, p95 "
        f"{milliseconds(sorted(cpu)[int(len(cpu) * 0.95) - 1])}"
    )
    print(f"signed file: {len(source):,} bytes -> {len(signed):,} bytes")

    metadata = ResultMetadata(title="Giấy phép xây dựng", summary="Nhà ở riêng lẻ 3 tầng")
    sources = [
        render_html_to_pdf(html=RESULT_HTML.format(number=n)) for n in range(arguments.results)
    ]

    def batch(*, with_seal: bool) -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), time.process_time()
        for number, pdf in enumerate(sources):
            issue_result(
                leader=leader,
                signer=signer,
                seal=seal if with_seal else None,
                source_pdf=pdf,
                applicant_id_number=f"056091{number:06d}",
                result_type_code="KQ.GPXD",
                metadata=metadata,
            )
        return time.perf_counter() - started, time.process_time() - cpu_started

    leader_only, leader_cpu = batch(with_seal=False)
    print(
        f"{arguments.results} results issued (sign, store, row, audit): {leader_only:.2f} s "
        f"(CPU of this process {leader_cpu:.2f} s)"
    )
    with_seal, seal_cpu = batch(with_seal=True)
    print(
        f"{arguments.results} results issued with the seal too:        {with_seal:.2f} s "
        f"(CPU of this process {seal_cpu:.2f} s)"
    )

    officer_signer = unlock_signer(credential=officer_credential, passphrase=PASSPHRASE)
    started = time.perf_counter()
    sign_documents(officer=officer, signer=officer_signer, documents=sources, dossier_code="HS")
    print(
        f"{arguments.results} scans batch-signed (sign_documents):     "
        f"{time.perf_counter() - started:.2f} s"
    )

    pdf = read_result_file(result=EResult.objects.order_by("-pk")[0])
    started = time.perf_counter()
    verdict = verify_pdf(pdf=pdf)
    print(
        f"verify a result with two signatures:  {milliseconds(time.perf_counter() - started)} "
        f"(intact={verdict.intact}, trusted={verdict.trusted})"
    )

    missed = median_cpu * 1000 >= CPU_TARGET_MS or leader_only >= BATCH_TARGET_S * (
        arguments.results / 100
    )
    print(
        f"targets (CPU < {CPU_TARGET_MS:.0f} ms per signature, 100 results < "
        f"{BATCH_TARGET_S:.0f} s): {'missed' if missed else 'met'}"
    )
    return missed


if __name__ == "__main__":
    main()
