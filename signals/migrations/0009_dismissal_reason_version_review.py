# Marks of "not personal" keep their reason and the guard's version (issue 12); coordinators and
# the privacy officer may review them. Existing marks get version 1 (every kind's first version)
# and no reason.

from django.db import migrations, models

from config.roles import grant_permissions, revoke_permissions

GRANTS = {"review_dismissedfinding": ["coordinator", "privacy"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "signals", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "signals", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0008_record_keys_monthly_family_counts"),
        ("config", "0004_triangulation_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="dismissedfinding",
            options={
                "permissions": [("review_dismissedfinding", "Afgewezen meldingen nakijken en heropenen")],
                "verbose_name": "afgewezen melding",
                "verbose_name_plural": "afgewezen meldingen",
            },
        ),
        migrations.AddField(
            model_name="dismissedfinding",
            name="guard_version",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="versie van de controle"),
        ),
        migrations.AddField(
            model_name="dismissedfinding",
            name="reason",
            field=models.CharField(blank=True, max_length=30, verbose_name="reden"),
        ),
        migrations.RunPython(grant, revoke),
    ]
