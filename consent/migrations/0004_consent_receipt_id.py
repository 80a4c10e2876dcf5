import uuid

from django.db import migrations, models


def give_receipt_ids(apps, schema_editor):
    Consent = apps.get_model("consent", "Consent")
    for consent in Consent.objects.filter(receipt_id__isnull=True):
        consent.receipt_id = uuid.uuid4()
        consent.save(update_fields=["receipt_id"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0003_alter_accesslog_options_residentlink")]

    operations = [
        migrations.AddField(
            model_name="consent",
            name="receipt_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="kenmerk van het bewijs"),
        ),
        migrations.RunPython(give_receipt_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consent",
            name="receipt_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="kenmerk van het bewijs"
            ),
        ),
    ]
