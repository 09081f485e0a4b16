"""Accent-insensitive trigram search on PostgreSQL; nothing to do on SQLite.

`motcua_fold(text)` folds a name like `motcua.catalog.search_text.fold_for_search`: unaccent
(which maps đ to d), lower case, every run of other characters to one space. unaccent() is only
STABLE because its dictionary could change, so the wrapper is declared IMMUTABLE to be usable
in an index; the dictionary is fixed when the extension is installed.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION motcua_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^0-9a-z]+', ' ', 'g'))
$$;
"""
CREATE_INDEX = """
CREATE INDEX IF NOT EXISTS catalog_version_name_trigram
ON catalog_procedureversion USING gin (motcua_fold(name) gin_trgm_ops);
"""
DROP_INDEX = "DROP INDEX IF EXISTS catalog_version_name_trigram;"
DROP_FUNCTION = "DROP FUNCTION IF EXISTS motcua_fold(text);"


def _on_postgresql(*statements: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(
            _on_postgresql(CREATE_FUNCTION, CREATE_INDEX),
            _on_postgresql(DROP_INDEX, DROP_FUNCTION),
            elidable=False,
        ),
    ]
