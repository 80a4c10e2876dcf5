# Marks of "not personal" keep their reason and the guard's version (issue 12); coordinators and
# the privacy officer may review them. Existing marks get version 1 (every kind's first version)
# and no reason.

from django.db import migrations, models

PERMISSION = "review_dismissedfinding"
ROLES = ["coordinator", "privacy"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("signals")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="signals", codename=PERMISSION)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="signals", codename=PERMISSION).delete()


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
