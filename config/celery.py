"""The Celery app. All periodic schedules live here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("meedoen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Sundays at 03:00: scan every stored signal again with the current
    # personal-data guard, so a better detector also protects older notes.
    "rescan-stored-signals": {
        "task": "signals.tasks.rescan_all_signals",
        "schedule": crontab(minute=0, hour=3, day_of_week="sunday"),
    },
}
