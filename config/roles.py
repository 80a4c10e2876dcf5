"""Roles are groups with permissions. Each migration that creates or changes a
role carries its own table of roles and calls `sync_roles` with it, so every
database ends up with the same groups. A migration that only adds permissions to
existing roles calls `grant_permissions` (and `revoke_permissions` to go back)."""


def _make_permissions(apps, app_labels: list[str] | None = None) -> None:
    """Permissions are normally made after all migrations ran; make them now."""
    from django.contrib.auth.management import create_permissions

    configs = apps.get_app_configs() if app_labels is None else [apps.get_app_config(a) for a in app_labels]
    for app_config in configs:
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # historical apps have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


def sync_roles(apps, roles: dict[str, list[str]]) -> None:
    """Make each group hold exactly the listed permissions (creating what is missing)."""
    _make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def grant_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Add each of the app's permissions (codename -> roles) to the roles that exist."""
    _make_permissions(apps, [app_label])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for codename, roles in grants.items():
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for group in Group.objects.filter(name__in=roles):
            group.permissions.add(permission)


def revoke_permissions(apps, app_label: str, codenames) -> None:
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label=app_label, codename__in=list(codenames)).delete()
