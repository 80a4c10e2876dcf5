# Part of issue 13: agreement between members. A coordinator draws a sample of signals (a round) and
# invites members, who tag it blind; the round's tags are kept apart from the signals' own themes.
# Coordinators make and close rounds and see the outcome; members and coordinators tag when invited.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from config.roles import grant_permissions, revoke_permissions

GRANTS = {
    "manage_agreementround": ["coordinator"],
    "tag_agreementround": ["lid", "coordinator"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "learning", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "learning", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_topics"),
        ("signals", "0009_dismissal_reason_version_review"),
        ("monitoring", "0005_source_design_effect"),
        ("config", "0004_triangulation_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AgreementRound",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="gemaakt op")),
                ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="gesloten op")),
                ("seed", models.BigIntegerField(verbose_name="startgetal van de steekproef")),
                ("size", models.PositiveSmallIntegerField(verbose_name="aantal signalen")),
                ("date_from", models.DateField(blank=True, null=True, verbose_name="vanaf")),
                ("date_to", models.DateField(blank=True, null=True, verbose_name="tot en met")),
                ("note", models.TextField(blank=True, max_length=1000, verbose_name="toelichting")),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gemaakt door",
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="monitoring.area",
                        verbose_name="wijk",
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="signals.theme",
                        verbose_name="thema",
                    ),
                ),
            ],
            options={
                "verbose_name": "ronde van overeenstemming",
                "verbose_name_plural": "rondes van overeenstemming",
                "ordering": ["-created_at", "-pk"],
                "permissions": [
                    ("manage_agreementround", "Rondes van overeenstemming maken en sluiten, en de uitkomst zien"),
                    (
                        "tag_agreementround",
                        "Thema's kiezen in een ronde van overeenstemming waarvoor je bent uitgenodigd",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="RoundMember",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("letter", models.CharField(max_length=2)),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="ingeleverd op")),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="learning.agreementround",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agreement_memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["round", "letter"]},
        ),
        migrations.CreateModel(
            name="RoundSignal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(verbose_name="plaats")),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="round_signals",
                        to="learning.agreementround",
                    ),
                ),
                (
                    "signal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="signals.signal"
                    ),
                ),
            ],
            options={"ordering": ["round", "position"]},
        ),
        migrations.CreateModel(
            name="RoundTag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="tags", to="learning.roundmember"
                    ),
                ),
                (
                    "round_signal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="tags", to="learning.roundsignal"
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="signals.theme"
                    ),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="roundmember",
            constraint=models.UniqueConstraint(fields=("round", "user"), name="agreement_member_once_per_round"),
        ),
        migrations.AddConstraint(
            model_name="roundmember",
            constraint=models.UniqueConstraint(fields=("round", "letter"), name="agreement_letter_once_per_round"),
        ),
        migrations.AddConstraint(
            model_name="roundsignal",
            constraint=models.UniqueConstraint(fields=("round", "signal"), name="agreement_signal_once_per_round"),
        ),
        migrations.AddConstraint(
            model_name="roundsignal",
            constraint=models.UniqueConstraint(fields=("round", "position"), name="agreement_position_once_per_round"),
        ),
        migrations.AddConstraint(
            model_name="roundtag",
            constraint=models.UniqueConstraint(fields=("round_signal", "member", "theme"), name="agreement_tag_once"),
        ),
        migrations.RunPython(grant, revoke),
    ]
