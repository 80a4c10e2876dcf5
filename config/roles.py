"""Roles are groups with permissions. Each migration that creates or changes a
role carries its own table of roles and calls `sync_roles` with it, so every
database ends up with the same groups."""


def sync_roles(apps, roles: dict[str, list[str]]) -> None:
    """Make each group hold exactly the listed permissions (creating what is missing)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # historical apps have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
