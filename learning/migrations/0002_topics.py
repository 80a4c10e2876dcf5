# Part of issue 13: the topics part's tables and permissions. Members, coordinators and the privacy
# officer see the searches for emerging topics (view); members and coordinators may start one (add).
# Turning a topic into a theme asks signals.add_theme (coordinators), which they already hold.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from config.roles import grant_permissions, revoke_permissions

GRANTS = {
    "view_topicrun": ["lid", "coordinator", "privacy"],
    "add_topicrun": ["lid", "coordinator"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "learning", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "learning", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_suggestions"),
        ("monitoring", "0005_source_design_effect"),
        ("config", "0004_triangulation_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TopicRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="gestart op")),
                ("date_from", models.DateField(verbose_name="van")),
                ("date_to", models.DateField(verbose_name="tot en met")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("wachtrij", "in de wachtrij"),
                            ("bezig", "wordt gezocht"),
                            ("klaar", "klaar"),
                            ("mislukt", "mislukt"),
                        ],
                        default="wachtrij",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="voortgang (procent)")),
                ("result", models.JSONField(blank=True, default=dict, verbose_name="uitkomst")),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="topic_runs",
                        to="monitoring.area",
                        verbose_name="gebied",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="topic_runs",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gestart door",
                    ),
                ),
            ],
            options={
                "verbose_name": "zoektocht naar onderwerpen",
                "verbose_name_plural": "zoektochten naar onderwerpen",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
