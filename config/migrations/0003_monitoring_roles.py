from django.db import migrations

# The roles once the numbers side exists (quantitative data issue): everyone who
# reads signals may read the catalogue and the figures; coordinators upload.
ROLES = {
    "lid": [
        "signals.view_signal",
        "signals.add_signal",
        "signals.change_signal",
        "signals.delete_signal",
        "signals.view_theme",
        "monitoring.view_area",
        "monitoring.view_source",
        "monitoring.view_indicator",
        "monitoring.view_observation",
    ],
    "coordinator": [
        "signals.view_signal",
        "signals.add_signal",
        "signals.change_signal",
        "signals.delete_signal",
        "signals.change_any_signal",
        "signals.view_theme",
        "signals.add_theme",
        "signals.change_theme",
        "consent.view_contact",
        "consent.add_contact",
        "consent.change_contact",
        "consent.view_consent",
        "consent.add_consent",
        "consent.change_consent",
        "consent.view_purpose",
        "consent.add_purpose",
        "consent.change_purpose",
        "consent.view_register",
        "monitoring.view_area",
        "monitoring.view_source",
        "monitoring.view_indicator",
        "monitoring.view_observation",
        "monitoring.view_import",
        "monitoring.add_upload",
        "monitoring.view_upload",
        "monitoring.add_indicator",
        "monitoring.change_indicator",
        "monitoring.add_source",
        "monitoring.change_source",
    ],
    "privacy": [
        "signals.view_signal",
        "signals.view_theme",
        "consent.view_accesslog",
        "consent.view_purpose",
        "consent.view_register",
        "monitoring.view_area",
        "monitoring.view_source",
        "monitoring.view_indicator",
        "monitoring.view_observation",
        "monitoring.view_import",
    ],
    "beheerder": [
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_group",
    ],
}


def update_roles(apps, schema_editor):
    from config.roles import sync_roles

    sync_roles(apps, ROLES)


def restore_roles(apps, schema_editor):
    from importlib import import_module

    from config.roles import sync_roles

    sync_roles(apps, import_module("config.migrations.0002_consent_roles").ROLES)


class Migration(migrations.Migration):
    dependencies = [("config", "0002_consent_roles"), ("monitoring", "0003_areas_country_benchmark_label_uploads")]
    operations = [migrations.RunPython(update_roles, restore_roles)]
