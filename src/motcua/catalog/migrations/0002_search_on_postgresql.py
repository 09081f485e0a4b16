"""Trigram search on PostgreSQL; nothing to do on SQLite.

A GIN index with pg_trgm's operator class on the folded name lets `LIKE '%word%'` conditions
(one per query word) use the index instead of reading every version.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE_INDEX = """
CREATE INDEX IF NOT EXISTS catalog_version_name_trigram
ON catalog_procedureversion USING gin (name_folded gin_trgm_ops);
"""
DROP_INDEX = "DROP INDEX IF EXISTS catalog_version_name_trigram;"


def _on_postgresql(statement: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(
            _on_postgresql(CREATE_INDEX), _on_postgresql(DROP_INDEX), elidable=False
        ),
    ]
