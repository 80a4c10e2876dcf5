"""Settings come from the environment; production mode refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LONG_KEY = "k3y-" + "x7Q9p!Lm2#vB8zR" * 4
FERNET_KEY = "3q2Yb0Tt0m7JgqQb6mJ8r3cQy1a0V1z2m3R4s5T6u7w="
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": LONG_KEY,
    "ALLOWED_HOSTS": "meedoen.example.nl",
    "CONTACT_ENCRYPTION_KEYS": FERNET_KEY,
    "CONTACT_HASH_KEY": "a-long-random-hash-key-for-tests-only",
}


def django_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    unset = {"DJANGO_ALLOW_ASYNC_UNSAFE", *PRODUCTION}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = django_check({"DEBUG": "0", "ALLOWED_HOSTS": "meedoen.example.nl"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start():
    result = django_check({"DEBUG": "0", "SECRET_KEY": LONG_KEY})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize("name", ["CONTACT_ENCRYPTION_KEYS", "CONTACT_HASH_KEY"])
def test_debug_off_without_contact_keys_refuses_to_start(name):
    env = {k: v for k, v in PRODUCTION.items() if k != name}
    result = django_check(env)
    assert result.returncode != 0
    assert f"{name} must be set when DEBUG is off" in result.stderr


def test_a_bad_boolean_names_the_variable():
    result = django_check({"DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


@pytest.mark.parametrize("name", ["SECURE_HSTS_SECONDS", "DATABASE_CONN_MAX_AGE"])
def test_a_bad_number_names_the_variable(name):
    result = django_check({name: "veel"})
    assert result.returncode != 0
    assert f"{name} must be a whole number" in result.stderr


def test_check_deploy_is_clean_with_debug_off():
    result = django_check(PRODUCTION, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_a_broker_tasks_run_in_process():
    from django.conf import settings

    if os.environ.get("CELERY_BROKER_URL"):
        assert settings.CELERY_TASK_ALWAYS_EAGER is False
    else:
        assert settings.CELERY_TASK_ALWAYS_EAGER is True


def test_sqlite_is_the_default_and_database_url_switches_engine():
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    assert engine.endswith(expected)


def test_log_level_and_municipality_are_read_forgivingly_or_refused_clearly():
    assert django_check({"LOG_LEVEL": "warning", "MUNICIPALITY_CODE": "gm0503"}).returncode == 0
    result = django_check({"LOG_LEVEL": "loud"})
    assert result.returncode != 0 and "LOG_LEVEL must be" in result.stderr
    result = django_check({"SIGNALS_PER_PAGE": "0"})
    assert result.returncode != 0 and "SIGNALS_PER_PAGE must be at least 1" in result.stderr


def per_page(env: dict[str, str]) -> str:
    unset = {"DJANGO_ALLOW_ASYNC_UNSAFE", "PER_PAGE", "SIGNALS_PER_PAGE", *PRODUCTION}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c"]
    command.append("from django.conf import settings; print(settings.PER_PAGE)")
    result = subprocess.run(command, cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120)
    return result.stdout.strip() or result.stderr


def test_one_page_size_for_every_list_still_read_from_its_old_name():
    assert per_page({}) == "25"
    assert per_page({"SIGNALS_PER_PAGE": "7"}) == "7"
    assert per_page({"PER_PAGE": "9", "SIGNALS_PER_PAGE": "7"}) == "9"
    result = django_check({"PER_PAGE": "0"})
    assert result.returncode != 0 and "PER_PAGE must be at least 1" in result.stderr


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits 1 when one is missing
