"""The Celery app. All periodic schedules live here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("meedoen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Daily at 02:30: end consents past their end date and erase contacts left
    # without consent (one task per contact).
    "purge-expired-contacts": {
        "task": "consent.tasks.purge_expired_contacts",
        "schedule": crontab(minute=30, hour=2),
    },
    # Daily at 02:45: replace the text of each signal past SIGNAL_TEXT_RETENTION_YEARS
    # by a tombstone, keeping what the counts need (one task per signal).
    "purge-signal-texts": {
        "task": "signals.retention.purge_signal_texts",
        "schedule": crontab(minute=45, hour=2),
    },
    # Daily at 09:00: remind residents whose consent ends within
    # CONSENT_REMINDER_DAYS (off while that setting is 0).
    "remind-consents-ending": {
        "task": "consent.tasks.send_consent_reminders",
        "schedule": crontab(minute=0, hour=9),
    },
    # Daily at 04:00: delete uploaded files left waiting longer than UPLOAD_KEEP_DAYS.
    "clean-uploads": {
        "task": "monitoring.tasks.clean_uploads",
        "schedule": crontab(minute=0, hour=4),
    },
    # Daily at 04:30: count all signals per theme, district and year again (a safety net).
    "rebuild-signal-counts": {
        "task": "signals.tasks.rebuild_signal_counts",
        "schedule": crontab(minute=30, hour=4),
    },
    # Daily at 03:30: train the theme suggestions' model again on every tagged signal, so it learns
    # from new signals and forgets texts that were deleted (learning/suggestions).
    "train-theme-model": {
        "task": "learning.suggestions.tasks.train_theme_model",
        "schedule": crontab(minute=30, hour=3),
    },
    # Sundays at 03:00: scan every stored signal again with the current
    # personal-data guard, so a better detector also protects older notes.
    "rescan-stored-signals": {
        "task": "signals.tasks.rescan_all_signals",
        "schedule": crontab(minute=0, hour=3, day_of_week="sunday"),
    },
}
