from django.db import migrations

# The roles once contact data and consent exist (consent issue).
ROLES = {
    "lid": [
        "signals.view_signal",
        "signals.add_signal",
        "signals.change_signal",
        "signals.delete_signal",
        "signals.view_theme",
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
    ],
    "privacy": [
        "signals.view_signal",
        "signals.view_theme",
        "consent.view_accesslog",
        "consent.view_purpose",
        "consent.view_register",
    ],
    "beheerder": ["auth.view_user", "auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_group"],
}


def update_roles(apps, schema_editor):
    from config.roles import sync_roles

    sync_roles(apps, ROLES)


def restore_roles(apps, schema_editor):
    from importlib import import_module

    from config.roles import sync_roles

    sync_roles(apps, import_module("config.migrations.0001_roles").ROLES)


class Migration(migrations.Migration):
    dependencies = [("config", "0001_roles"), ("consent", "0003_alter_accesslog_options_residentlink")]
    operations = [migrations.RunPython(update_roles, restore_roles)]
