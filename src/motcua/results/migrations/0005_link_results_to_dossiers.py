import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0001_initial"),
        ("results", "0004_field_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="eresult",
            name="dossier",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="e_results",
                to="dossiers.dossier",
                verbose_name="dossier",
            ),
        ),
        migrations.AddField(
            model_name="resultdraft",
            name="dossier",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="result_drafts",
                to="dossiers.dossier",
                verbose_name="dossier",
            ),
        ),
    ]
