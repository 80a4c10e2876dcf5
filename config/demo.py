"""Demo accounts, one per role. Only ever made while DEBUG is on."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

DEMO_PASSWORD = "demo-wachtwoord"
DEMO_ACCOUNTS = ["lid", "coordinator", "privacy", "beheerder"]


class DemoAccountsRefused(RuntimeError):
    pass


@transaction.atomic
def demo_accounts_create() -> list[str]:
    """Create the demo accounts that are missing; returns the names created."""
    if not settings.DEBUG:
        raise DemoAccountsRefused(_("Demo-accounts worden alleen gemaakt als DEBUG aan staat."))
    User = get_user_model()
    created = []
    for name in DEMO_ACCOUNTS:
        user, was_created = User.objects.get_or_create(username=name, defaults={"is_staff": name == "beheerder"})
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(name)
        user.groups.add(Group.objects.get(name=name))
    return created
