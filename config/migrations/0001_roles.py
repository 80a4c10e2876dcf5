from django.db import migrations

# The roles as they were when this migration was written; later migrations
# that change a role carry their own copy of the table.
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
    ],
    "privacy": ["signals.view_signal", "signals.view_theme"],
    "beheerder": ["auth.view_user", "auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_group"],
}


def create_roles(apps, schema_editor):
    from config.roles import sync_roles

    sync_roles(apps, ROLES)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("signals", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
