"""Django set-up shared by the catalog benchmarks: PostgreSQL database, migrations, levels."""

import os
import sys
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"


def set_up_django() -> None:
    """Create the benchmark database if needed, migrate it and ensure the levels exist."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    url = urlparse(os.environ["DATABASE_URL"])
    if not url.scheme.startswith("postgres"):
        sys.exit("the catalog benchmarks run on PostgreSQL: set DATABASE_URL=postgres://...")
    import psycopg

    name = url.path.lstrip("/")
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from motcua.organizations.models import AdministrativeLevel

    for code, level_name, rank in [("province", "Cấp tỉnh", 1), ("commune", "Cấp xã", 3)]:
        AdministrativeLevel.objects.get_or_create(
            code=code, defaults={"name": level_name, "rank": rank}
        )


def empty_catalog() -> None:
    """Remove every procedure and sector so an import starts from nothing."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE catalog_processstep, catalog_processtemplate, catalog_fee, "
            "catalog_requireddocument, catalog_procedurevariant, catalog_versionagency, "
            "catalog_procedureversion_competence_levels, catalog_procedureversion, "
            "catalog_procedure, catalog_catalogagency, catalog_sector, catalog_catalogimport "
            "RESTART IDENTITY CASCADE"
        )
