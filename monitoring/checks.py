"""Start-up checks: the app does not start with a perturbation table it cannot use."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def ptable_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    from monitoring.services.disclosure import ptable_loaded

    try:
        ptable_loaded(settings.PTABLE_FILE)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), hint="Set PTABLE_FILE to a ptable CSV (ADR 7).", id="monitoring.E001")]
    return []
