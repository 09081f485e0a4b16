"""On PostgreSQL the database itself refuses UPDATE and DELETE of issued e-results.

The application refuses them too (EResult.save/delete and its queryset); the trigger also stops
raw SQL. A correction is a new row (Decree 118/2025 Art. 23). TRUNCATE is left alone: test
databases are emptied with it.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION results_eresult_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'e-results are never changed: ' || TG_OP || ' refused';
END;
$$;
CREATE TRIGGER results_eresult_append_only
    BEFORE UPDATE OR DELETE ON results_eresult
    FOR EACH ROW EXECUTE FUNCTION results_eresult_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS results_eresult_append_only ON results_eresult;
DROP FUNCTION IF EXISTS results_eresult_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("results", "0001_e_result_store")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
