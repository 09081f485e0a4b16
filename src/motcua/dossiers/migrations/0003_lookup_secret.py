"""Every dossier gets a lookup secret; the dossiers received before get one each as well.

Adding the column gives all existing rows the same value (Django computes a callable default
once), so the data step then draws a fresh secret for every row, in batches.
"""

from django.db import migrations, models

import motcua.dossiers.lookup_secrets

BATCH = 2000


def give_every_dossier_its_own_secret(apps, schema_editor):
    dossier_model = apps.get_model("dossiers", "Dossier")
    new_secret = motcua.dossiers.lookup_secrets.new_lookup_secret
    ids = list(dossier_model.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = [dossier_model(pk=pk, lookup_secret=new_secret()) for pk in ids[start : start + BATCH]]
        dossier_model.objects.bulk_update(rows, ["lookup_secret"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_step_and_scope_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="lookup_secret",
            field=models.CharField(
                default=motcua.dossiers.lookup_secrets.new_lookup_secret,
                editable=False,
                max_length=16,
                verbose_name="lookup secret",
            ),
        ),
        migrations.RunPython(give_every_dossier_its_own_secret, migrations.RunPython.noop),
    ]
