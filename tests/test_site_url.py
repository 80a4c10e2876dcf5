"""A resident's link points where the app runs: in development SITE_URL follows PORT, as `make run` serves."""

import os
import subprocess
import sys
from pathlib import Path

from tests.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parent.parent


def setting(name: str, env: dict[str, str]) -> str:
    """The value of one setting in a fresh process with exactly these variables of ours set."""
    unset = {"DJANGO_ALLOW_ASYNC_UNSAFE", "PORT", "SITE_URL", *PRODUCTION}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c"]
    command.append(f"from django.conf import settings; print(settings.{name})")
    result = subprocess.run(command, cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120)
    return result.stdout.strip() or result.stderr


def test_in_development_the_link_follows_the_port_the_app_runs_on():
    assert setting("SITE_URL", {}) == "http://127.0.0.1:8000"
    assert setting("SITE_URL", {"PORT": "8101"}) == "http://127.0.0.1:8101"


def test_an_explicit_site_url_wins_over_the_port():
    assert setting("SITE_URL", {"PORT": "8101", "SITE_URL": "https://meedoen.example.nl/"}) == (
        "https://meedoen.example.nl"
    )


def test_in_production_the_port_does_not_change_the_site_url():
    # A platform's PORT (the port gunicorn binds behind a proxy) is not the address residents reach.
    env = {**PRODUCTION, "PORT": "5000", "SITE_URL": "https://meedoen.example.nl"}
    assert setting("SITE_URL", env) == "https://meedoen.example.nl"
    assert setting("SITE_URL", {**PRODUCTION, "PORT": "5000"}) == "http://127.0.0.1:8000"


def test_a_bad_port_names_the_variable():
    assert "PORT must be" in setting("SITE_URL", {"PORT": "achtduizend"})


def test_make_run_passes_its_port_to_the_server():
    # -n prints the commands without running them.
    commands = subprocess.run(["make", "-n", "run", "PORT=8101"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "PORT=8101 .venv/bin/python manage.py runserver 127.0.0.1:8101" in commands.splitlines()
