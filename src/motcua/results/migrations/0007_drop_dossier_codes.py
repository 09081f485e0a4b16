from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("results", "0006_copy_dossier_codes")]

    operations = [
        migrations.RemoveField(model_name="eresult", name="dossier_code"),
        migrations.RemoveField(model_name="resultdraft", name="dossier_code"),
    ]
