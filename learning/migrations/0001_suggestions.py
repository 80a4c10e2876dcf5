# Part of issue 13: the suggestions part's tables and permissions. Coordinators see the evaluation
# of the theme model (view) and may start a training (add).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from config.roles import grant_permissions, revoke_permissions

GRANTS = {"view_thememodel": ["coordinator"], "add_thememodel": ["coordinator"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "learning", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "learning", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0009_dismissal_reason_version_review"),
        ("config", "0004_triangulation_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ThemeModel",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(unique=True, verbose_name="versie")),
                ("trained_at", models.DateTimeField(auto_now_add=True, verbose_name="getraind op")),
                ("signal_count", models.PositiveIntegerField(verbose_name="aantal signalen")),
                ("evaluation", models.JSONField(default=dict, verbose_name="evaluatie")),
                ("fitted", models.BinaryField(verbose_name="getraind model")),
            ],
            options={
                "verbose_name": "model voor themavoorstellen",
                "verbose_name_plural": "modellen voor themavoorstellen",
                "ordering": ["-version"],
            },
        ),
        migrations.CreateModel(
            name="ThemeModelTraining",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("wachtrij", "in de wachtrij"),
                            ("bezig", "bezig"),
                            ("klaar", "klaar"),
                            ("mislukt", "mislukt"),
                        ],
                        default="wachtrij",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("requested_at", models.DateTimeField(auto_now_add=True, verbose_name="gevraagd op")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="klaar op")),
                (
                    "model_version",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="versie van het model"),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gevraagd door",
                    ),
                ),
            ],
            options={
                "verbose_name": "training van het model voor themavoorstellen",
                "verbose_name_plural": "trainingen van het model voor themavoorstellen",
                "ordering": ["-requested_at", "-pk"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
