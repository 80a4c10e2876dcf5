# Part of issue 13: the qda part's table (a codebook waiting for confirmation) and its permission to
# export for qualitative-analysis tools, granted to members and coordinators. Importing a codebook
# needs signals.add_theme, which coordinators already hold.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from config.roles import grant_permissions, revoke_permissions

GRANTS = {"export_qda": ["lid", "coordinator"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "learning", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "learning", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_agreement"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("config", "0004_triangulation_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="CodebookUpload",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file_name", models.CharField(max_length=255, verbose_name="bestandsnaam")),
                ("data", models.BinaryField(verbose_name="bestand")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="geüpload op")),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="geüpload door",
                    ),
                ),
            ],
            options={
                "verbose_name": "codeboek dat wacht op bevestiging",
                "verbose_name_plural": "codeboeken die wachten op bevestiging",
                "permissions": [
                    ("export_qda", "Signalen en thema's uitvoeren voor programma's voor kwalitatieve analyse")
                ],
                "default_permissions": (),
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
