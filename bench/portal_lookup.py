"""The public lookup under load: a million dossiers, gunicorn with the production settings, wrk.

    createdb -h 127.0.0.1 -U postgres motcua_lookup_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_lookup_bench \\
        .venv/bin/python bench/portal_lookup.py [--dossiers 1000000] [--seconds 20]

Generates the dossiers as `bench/dossiers_queue.py` does (COPY, every status, two years), starts
a Redis of its own (the production cache, which counts the per-address limit) and gunicorn on
127.0.0.1:8018 (3 sync workers: on two cores shared with PostgreSQL they served more, and
sooner, than 4 or 5 workers or threads; MOTCUA_WORKERS and MOTCUA_THREADS change it), then
drives with Debian's `wrk` (a Lua script cycling through 2,000 real codes and secrets, one in
ten with a wrong secret): the page the receipt's QR opens (`GET /tra-cuu/<code>?s=`) and the
API (`GET /api/v1/lookup/<code>?secret=`). The per-address limit is raised for the run (one
address sends everything) but still counted. Prints requests per second, p50/p95/p99 latencies
and the CPU per request of gunicorn, PostgreSQL, Redis and wrk; exits non-zero below 500
requests per second or with a p95 above 50 ms on either.
"""

import argparse
import importlib.util
import os
import random
import re
import resource
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

_spec = importlib.util.spec_from_file_location("dossiers_queue", ROOT / "bench/dossiers_queue.py")
assert _spec is not None
assert _spec.loader is not None
dossiers_queue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dossiers_queue)  # sets Django up

from django.conf import settings  # noqa: E402

from motcua.dossiers.models import Dossier  # noqa: E402

PORT = 8018
REDIS_PORT = 6418
TARGET_PER_SECOND = 500
TARGET_P95_MS = 50
SAMPLE = 2000

LUA = """
local paths = {%(paths)s}
local i = 0
request = function()
  i = (i %% #paths) + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("non2xx %%d\\n", summary.errors.status))
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("p%%d %%.3f\\n", p, latency:percentile(p) / 1000))
  end
end
"""


def sample_paths(*, kind: str) -> list[str]:
    """Real codes and secrets spread over the table; every tenth secret is wrong."""
    randomness = random.Random(33)
    top = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = randomness.sample(range(1, top + 1), min(SAMPLE * 2, top))
    rows = list(Dossier.objects.filter(pk__in=ids).values_list("code", "lookup_secret")[:SAMPLE])
    paths = []
    for number, (code, secret) in enumerate(rows):
        given = "WRONG234" if number % 10 == 9 else secret
        if kind == "page":
            paths.append(f"/tra-cuu/{code}?s={given}")
        else:
            paths.append(f"/api/v1/lookup/{code}?secret={given}")
    return paths


def start_redis() -> subprocess.Popen[bytes]:
    redis = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return redis


def start_server() -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.prod",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "MOTCUA_BIND": f"127.0.0.1:{PORT}",
        "MOTCUA_WORKERS": os.environ.get("MOTCUA_WORKERS", "3"),
        "MOTCUA_THREADS": os.environ.get("MOTCUA_THREADS", "1"),
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "600",
        # A worker's first request imports every view: on a loaded machine that passes
        # gunicorn's default timeout, which would kill the worker and start over.
        "MOTCUA_TIMEOUT_SECONDS": "600",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "PUBLIC_LOOKUPS_PER_WINDOW": "1000000000",
        "PUBLIC_LOOKUP_FAILURES_PER_CODE": "1000000000",
    }
    # The production settings serve pages with hashed static names: collect them first.
    subprocess.run(
        [str(ROOT / ".venv/bin/motcua"), "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "deploy/gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "--max-requests",
            "0",
            "motcua.wsgi",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # A loaded machine takes long to boot the workers; each imports the URL configuration (and
    # with it every view) on its first request.
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/tra-cuu/", timeout=60)
            return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


PROGRAMS = ("gunicorn", "postgres", "redis-server")


def cpu_by_program() -> dict[str, float]:
    """CPU seconds (user + system) used so far by the server's programs, from /proc, and by the
    load tool (this script's finished children)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = dict.fromkeys((*PROGRAMS, "wrk"), 0.0)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        for program in PROGRAMS:
            if name.startswith(program[:15]):
                seconds[program] += (int(fields[11]) + int(fields[12])) / ticks
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds["wrk"] = children.ru_utime + children.ru_stime
    return seconds


def run_wrk(*, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    before = cpu_by_program()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(f'"{path}"' for path in paths)})
    finished = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            script.name,
            f"http://127.0.0.1:{PORT}",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=seconds + 120,
    )
    os.unlink(script.name)
    output = finished.stdout
    if finished.returncode or "Requests/sec" not in output:
        raise SystemExit(f"wrk failed: {finished.stderr or output}")
    figures = {
        "per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": float(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        "non2xx": float(re.search(r"non2xx (\d+)", output).group(1)),  # type: ignore[union-attr]
    }
    after = cpu_by_program()
    for program in after:
        figures[f"cpu_{program}"] = (after[program] - before[program]) * 1000 / figures["requests"]
    for percentile in (50, 95, 99):
        figures[f"p{percentile}"] = float(
            re.search(rf"p{percentile} ([\d.]+)", output).group(1)  # type: ignore[union-attr]
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args()
    for tool in ("wrk", "redis-server"):
        if shutil.which(tool) is None:
            sys.exit(f"install Debian's {tool}: apt-get install {tool.split('-')[0]}")
    dossiers_queue.prepare()
    dossiers_queue.generate(options.dossiers)
    page_paths = sample_paths(kind="page")
    api_paths = sample_paths(kind="api")
    redis = start_redis()
    server = None
    try:
        server = start_server()
        # Every worker's first requests are slow (imports, connections): a run not counted.
        run_wrk(paths=page_paths + api_paths, seconds=10, connections=options.connections)
        results = {
            "GET /tra-cuu/<code>?s= (page)": run_wrk(
                paths=page_paths, seconds=options.seconds, connections=options.connections
            ),
            "GET /api/v1/lookup/<code>": run_wrk(
                paths=api_paths, seconds=options.seconds, connections=options.connections
            ),
        }
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        redis.terminate()
        redis.wait(timeout=10)
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
        f"{Dossier.objects.count()} dossiers; gunicorn {os.environ.get('MOTCUA_WORKERS', '3')} "
        f"workers, wrk 2 threads, {options.connections} connections, {options.seconds} s each; "
        f"{settings.DATABASES['default']['ENGINE']}; one request in ten has a wrong secret"
    )
    missed = []
    for name, figures in results.items():
        print(
            f"{name:32} {figures['per_second']:7.1f} req/s  p50 {figures['p50']:6.1f} ms"
            f"  p95 {figures['p95']:6.1f} ms  p99 {figures['p99']:6.1f} ms"
            f"  non-2xx {figures['non2xx']:.0f} of {figures['requests']:.0f}"
        )
        print(
            " " * 33
            + "CPU per request: "
            + ", ".join(
                f"{program} {figures[f'cpu_{program}']:.2f} ms" for program in (*PROGRAMS, "wrk")
            )
        )
        if figures["per_second"] < TARGET_PER_SECOND or figures["p95"] > TARGET_P95_MS:
            missed.append(name)
    if missed:
        sys.exit(f"below {TARGET_PER_SECOND} req/s or p95 above {TARGET_P95_MS} ms: {missed}")


if __name__ == "__main__":
    main()
