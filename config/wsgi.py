"""WSGI entry point. Run with gunicorn --preload so the personal-data guard,
loaded once in the master, is shared copy-on-write by the workers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

if os.environ.get("MEEDOEN_PRELOAD_GUARD", "") == "1":
    from signals.guard import get_detector

    get_detector()
