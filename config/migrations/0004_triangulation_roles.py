from django.db import migrations

# The roles once signals are compared with data (triangulation issue): coordinators file
# linking requests, data requests and follow-up inquiries; the privacy officer decides on
# linking requests; everyone who reads figures may save tables.
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
        "monitoring.view_inquiry",
        "monitoring.add_savedtable",
        "monitoring.view_savedtable",
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
        "monitoring.view_linkrequest",
        "monitoring.add_linkrequest",
        "monitoring.view_datarequest",
        "monitoring.add_datarequest",
        "monitoring.change_datarequest",
        "monitoring.view_inquiry",
        "monitoring.add_inquiry",
        "monitoring.change_inquiry",
        "monitoring.add_savedtable",
        "monitoring.view_savedtable",
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
        "monitoring.view_linkrequest",
        "monitoring.decide_linkrequest",
        "monitoring.view_savedtable",
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

    sync_roles(apps, import_module("config.migrations.0003_monitoring_roles").ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("config", "0003_monitoring_roles"),
        ("monitoring", "0004_linking_requests_follow_ups_saved_tables"),
    ]
    operations = [migrations.RunPython(update_roles, restore_roles)]
