import os
import threading

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        # Celery autodiscovers signals.tasks only; the retention tasks live beside their service.
        from signals import retention  # noqa: F401

        # The development server's serving process loads the personal-data guard
        # in the background, so the first save does not wait 10 seconds for it.
        if os.environ.get("RUN_MAIN") == "true":
            from signals.guard import get_detector

            threading.Thread(target=get_detector, name="guard-warm-up", daemon=True).start()
