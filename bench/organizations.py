"""Benchmark of the organisation app on PostgreSQL with the whole country's units.

Loads all 34 provinces from the vietnam-provinces package (current and former units, about
14,000 rows), then times: a second load (what `make run` pays), the Khánh Hòa demo load, the
units and agencies API, and the role-scope queries. Needs a database of its own whose name
ends in `_bench`; its organisation tables are emptied first.

    createdb -h 127.0.0.1 -U postgres motcua_org_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_org_bench \
        .venv/bin/python bench/organizations.py
"""

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from vietnam_provinces import Province  # noqa: E402

from motcua.organizations import demo  # noqa: E402
from motcua.organizations.choices import Role  # noqa: E402
from motcua.organizations.models import AdministrativeUnit, Agency  # noqa: E402
from motcua.organizations.queries import has_role, list_agencies_in_scope  # noqa: E402
from motcua.organizations.services import load_administrative_units  # noqa: E402

REPEAT = 30


def median_ms(action: Callable[[], object], repeat: int = REPEAT) -> float:
    action()  # warm up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def timed_s(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def row(label: str, figure: str, note: str = "") -> None:
    print(f"  {label:38} {figure:>10}   {note}".rstrip())


def load_country() -> None:
    for province in Province.iter_all():
        load_administrative_units(province_code=province.code.value)


def main() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql" or not str(database["NAME"]).endswith(
        "_bench"
    ):
        sys.exit("run on a PostgreSQL database of its own whose name ends in _bench")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE organizations_roleassignment, organizations_servicecentre, "
            "organizations_orgunit, organizations_agency_predecessors, organizations_agency, "
            "organizations_administrativeunit_predecessors, organizations_administrativeunit, "
            "organizations_administrativelevel, audit_auditentry, audit_auditchainhead CASCADE"
        )
    get_user_model().objects.filter(username__in=[s.username for s in demo.DEMO_STAFF]).delete()

    print(
        f"Organisation benchmark on PostgreSQL {connection.pg_version // 10000}, median of {REPEAT}"
    )
    first = timed_s(load_country)
    units = AdministrativeUnit.objects.count()
    links = AdministrativeUnit.predecessors.through.objects.count()
    row("first load of 34 provinces", f"{first:.2f} s", f"{units} units, {links} links")
    row("second load of 34 provinces", f"{timed_s(load_country):.2f} s", "nothing to write")
    reload_khanh_hoa = median_ms(lambda: load_administrative_units(province_code=56), 10)
    row("second load of Khánh Hòa", f"{reload_khanh_hoa:.1f} ms")

    demo.load(out=lambda line: None)
    reload_demo = median_ms(lambda: demo.load(out=lambda line: None), 10)
    row(
        "demo load again (every make run)",
        f"{reload_demo:.1f} ms",
        f"{Agency.objects.count()} agencies",
    )

    client = Client(HTTP_HOST="127.0.0.1")
    for label, url in [
        ("units, communes today, page 1", "/api/v1/units?level=commune"),
        ("units, search 'phuong' country", "/api/v1/units?q=phuong&page_size=200"),
        ("units, 2025-06-30, search", "/api/v1/units?on=2025-06-30&q=tan%20tien"),
        ("units, children of 56", "/api/v1/units?parent=56&page_size=100"),
        ("agencies, page 1", "/api/v1/agencies"),
        ("agencies, search", "/api/v1/agencies?q=xay%20dung"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        latency = median_ms(lambda url=url: client.get(url))
        row(f"GET {label}", f"{latency:.1f} ms", f"{response.json()['count']} found")

    users = get_user_model().objects
    handler = users.get(username="xuly.xaydung")
    intake = users.get(username="tiepnhan.nhatrang")
    ward = Agency.objects.get(code="000.00.02.H34")
    checks: list[tuple[str, Callable[[], object]]] = [
        (
            "has_role (handler, an agency)",
            lambda: has_role(user=handler, role=Role.HANDLER, agency=ward),
        ),
        (
            "agencies in scope (handler)",
            lambda: list(list_agencies_in_scope(user=handler, role=Role.HANDLER)),
        ),
        (
            "agencies in scope (intake officer)",
            lambda: list(list_agencies_in_scope(user=intake, role=Role.INTAKE_OFFICER)),
        ),
    ]
    for label, check in checks:
        row(label, f"{median_ms(check):.2f} ms")


if __name__ == "__main__":
    main()
