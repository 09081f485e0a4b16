"""Link results and drafts to their dossiers by the dossier code they stored.

A code that names no dossier stops the migration with the codes listed: dropping it in the
next migration would lose what the result was issued for. Backwards, the codes are written
back from the links. On PostgreSQL the append-only trigger of e-results (0002) is disabled
for this one statement and enabled again in the same transaction.
"""

from django.db import migrations

TRIGGER = "results_eresult_append_only"


def _without_trigger(schema_editor, write):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE results_eresult DISABLE TRIGGER {TRIGGER}")
    write()
    if postgres:
        schema_editor.execute(f"ALTER TABLE results_eresult ENABLE TRIGGER {TRIGGER}")


def link_by_code(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    EResult = apps.get_model("results", "EResult")
    ResultDraft = apps.get_model("results", "ResultDraft")
    codes = set(EResult.objects.exclude(dossier_code__isnull=True).exclude(dossier_code="")
                .values_list("dossier_code", flat=True))
    codes |= set(ResultDraft.objects.exclude(dossier_code="").values_list("dossier_code", flat=True))
    known = dict(Dossier.objects.filter(code__in=codes).values_list("code", "pk"))
    unknown = sorted(codes - set(known))
    if unknown:
        raise RuntimeError(
            "Results name dossiers that do not exist; link or correct them first: "
            + ", ".join(unknown[:20])
        )

    def write():
        for code, pk in known.items():
            # The model's queryset refuses updates; the historical model's plain one does not.
            EResult.objects.filter(dossier_code=code).update(dossier_id=pk)
            ResultDraft.objects.filter(dossier_code=code).update(dossier_id=pk)

    _without_trigger(schema_editor, write)


def codes_from_links(apps, schema_editor):
    EResult = apps.get_model("results", "EResult")
    ResultDraft = apps.get_model("results", "ResultDraft")

    def write():
        for model in (EResult, ResultDraft):
            for pk, code in model.objects.filter(dossier__isnull=False).values_list(
                "pk", "dossier__code"
            ):
                model.objects.filter(pk=pk).update(dossier_code=code)

    _without_trigger(schema_editor, write)


class Migration(migrations.Migration):
    dependencies = [("results", "0005_link_results_to_dossiers")]

    operations = [migrations.RunPython(link_by_code, codes_from_links, elidable=False)]
