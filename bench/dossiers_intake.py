"""Dossiers received per second through the API, with audit rows and events, under wrk.

    createdb -h 127.0.0.1 -U postgres motcua_dossiers_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_dossiers_bench \
        .venv/bin/python bench/dossiers_intake.py [--seconds 20] [--connections 8]

Loads the demo province, catalog and staff, issues a token to the provincial centre's intake
officer, starts gunicorn with the production settings on 127.0.0.1:8017, then drives it with
Debian's `wrk` (a Lua script POSTing one JSON dossier): first `GET /api/v1/me` (the same token
check, nothing else: the trivial endpoint), then `POST /api/v1/dossiers`. Prints requests per
second, latencies, and checks in the database that every 201 left one dossier, one audit row
and gap-free codes. `motcua reports follow` runs beside gunicorn, as in production
(REPORTS_REFRESH=queued): the script waits for its queue to empty, prints its CPU per dossier
and checks that the roll-up facts equal a full recompute. Exits non-zero below 100 dossiers per
second.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.accounts.services import issue_api_token  # noqa: E402
from motcua.audit.models import AuditEntry  # noqa: E402
from motcua.catalog import demo as catalog_demo  # noqa: E402
from motcua.core.clock import today  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.organizations import demo as organization_demo  # noqa: E402
from motcua.reports.models import QueuedRefresh  # noqa: E402
from motcua.reports.rollups import check  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8017"))  # another free port when 8017 is taken
TARGET_PER_SECOND = 100
PROCEDURE = "1.002286"  # transport licence, Sở Xây dựng: two mandatory documents

LUA = """
wrk.method = "%(method)s"
wrk.headers["Authorization"] = "Bearer %(token)s"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[%(body)s]]
done = function(summary, latency, requests)
  local codes = 0
  io.write(string.format("non2xx %%d\\n", summary.errors.status))
end
"""


def prepare() -> str:
    if connection.vendor != "postgresql":
        sys.exit("run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME")
    call_command("migrate", verbosity=0)
    organization_demo.load(out=lambda line: None)
    catalog_demo.load(out=lambda line: None)
    officer = User.objects.get(username="tiepnhan.tinh")
    return issue_api_token(actor=None, owner=officer, name="bench").secret


def server_environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.prod",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "MOTCUA_BIND": f"127.0.0.1:{PORT}",
        "MOTCUA_WORKERS": os.environ.get("MOTCUA_WORKERS", "4"),
        "MOTCUA_THREADS": "1",
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "600",
    }


def start_follower() -> subprocess.Popen[bytes]:
    """`motcua reports follow`, as production runs it beside gunicorn (REPORTS_REFRESH=queued)."""
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/motcua"), "reports", "follow", "--interval", "1"],
        cwd=ROOT,
        env=server_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server() -> subprocess.Popen[bytes]:
    environment = server_environment()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "deploy/gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            # Workers live through the whole run, so their CPU time can be read at the end.
            "--max-requests",
            "0",
            "motcua.wsgi",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):  # up to 2 minutes on a loaded machine
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/sectors", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def workers_cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """CPU time (user + system) used so far by gunicorn's workers, read from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:  # the parent pid
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def run_wrk(
    *, url: str, method: str, token: str, body: str, seconds: int, connections: int
) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"method": method, "token": token, "body": body})
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    os.unlink(script.name)
    figures = {
        "per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": float(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        "non2xx": float(re.search(r"non2xx (\d+)", output).group(1)),  # type: ignore[union-attr]
    }
    for label in ("50%", "99%"):
        match = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output)
        if match:
            value, unit = float(match.group(1)), match.group(2)
            figures[label] = (
                value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("install Debian's wrk: apt-get install wrk")
    token = prepare()
    body = json.dumps(
        {
            "procedure_code": PROCEDURE,
            "channel": 1,
            "service_centre": "TTPVHCC-56",
            "applicant": {"name": "Nguyễn Thị Đo Tải", "id_number": "056199912345"},
            "documents": [{"code": "TP01", "originals": 1}, {"code": "TP02", "copies": 1}],
        },
        ensure_ascii=False,
    )
    dossiers_before = Dossier.objects.count()
    audit_before = AuditEntry.objects.filter(action="dossier.receive").count()
    server = start_server()
    follower = start_follower()
    try:
        cpu_before = workers_cpu_seconds(server)
        trivial = run_wrk(
            url=f"http://127.0.0.1:{PORT}/api/v1/me",
            method="GET",
            token=token,
            body="",
            seconds=options.seconds,
            connections=options.connections,
        )
        cpu_between = workers_cpu_seconds(server)
        intake = run_wrk(
            url=f"http://127.0.0.1:{PORT}/api/v1/dossiers",
            method="POST",
            token=token,
            body=body,
            seconds=options.seconds,
            connections=options.connections,
        )
        cpu_after = workers_cpu_seconds(server)
        # The facts follow within seconds: wait for the queue to empty (at most a minute).
        waited = time.perf_counter()
        while QueuedRefresh.objects.exists() and time.perf_counter() - waited < 60:
            time.sleep(0.2)
        lag = time.perf_counter() - waited
        follower_cpu = process_cpu_seconds(follower.pid)
        trivial["cpu_ms"] = (cpu_between - cpu_before) * 1000 / max(trivial["requests"], 1)
        intake["cpu_ms"] = (cpu_after - cpu_between) * 1000 / max(intake["requests"], 1)
    finally:
        for process in (server, follower):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    received = Dossier.objects.count() - dossiers_before
    audited = AuditEntry.objects.filter(action="dossier.receive").count() - audit_before
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
        f"gunicorn {os.environ.get('MOTCUA_WORKERS', '4')} workers, wrk 2 threads, "
        f"{options.connections} connections, {options.seconds} s each; "
        f"{settings.DATABASES['default']['ENGINE']}"
    )
    for name, figures in (("GET /api/v1/me (trivial)", trivial), ("POST /api/v1/dossiers", intake)):
        print(
            f"{name:28} {figures['per_second']:7.1f} req/s  p50 {figures.get('50%', 0):6.1f} ms"
            f"  p99 {figures.get('99%', 0):6.1f} ms  non-2xx {figures['non2xx']:.0f}"
            f"  workers' CPU {figures['cpu_ms']:.1f} ms/request"
        )
    print(f"dossiers received {received}, audit rows {audited} (requests {intake['requests']:.0f})")
    queued = QueuedRefresh.objects.count()
    facts_differ = check(limit=1)
    print(
        f"reports follower: CPU {follower_cpu * 1000 / max(received, 1):.1f} ms/dossier, queue "
        f"empty {lag:.1f} s after the run (left: {queued}); facts equal a full recompute: "
        f"{not facts_differ}"
    )
    numbers = sorted(
        int(code.rsplit("-", 1)[1])
        for code in Dossier.objects.filter(code__startswith="000.00.00.H34-").values_list(
            "code", flat=True
        )
        if code.split("-")[1] == today().strftime("%y%m%d")
    )
    gap_free = numbers == list(range(1, len(numbers) + 1))
    print(f"today's codes at the provincial centre: {len(numbers)}, gap-free: {gap_free}")
    if queued or facts_differ:
        sys.exit("the roll-up facts did not follow the dossiers")
    if intake["non2xx"] or received != audited or not gap_free:
        sys.exit("some intakes failed or were not audited")
    if intake["per_second"] < TARGET_PER_SECOND:
        sys.exit(f"below the target of {TARGET_PER_SECOND} dossiers per second")


if __name__ == "__main__":
    main()
