import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from monitoring.services import areas_load
from tests.factories import UserFactory, record_contact

# live_server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(config, items):
    missing = not (Path(CHROMIUM_PATH).exists() or shutil.which(CHROMIUM_PATH))
    reason = f"Chromium not found at {CHROMIUM_PATH}: install Debian's chromium package"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skipif(missing, reason=reason))


@pytest.fixture(autouse=True)
def _demo_without_model_training(request, monkeypatch):
    """load_demo trains a first theme model (about 6 s); some 25 tests load the demo for other reasons, so
    only tests marked `demo_model` pay for it. The training itself is tested in tests/learning/."""
    if request.node.get_closest_marker("demo_model") is None:
        monkeypatch.setattr("config.management.commands.load_demo.theme_model_train", lambda: None)


@pytest.fixture
def delft(db):
    municipality, _created, _updated = areas_load(municipality_code="GM0503")
    return municipality


def _user_in(role: str):
    user = UserFactory(username=f"{role}-user")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def member(db):
    return _user_in("lid")


@pytest.fixture
def coordinator(db):
    return _user_in("coordinator")


@pytest.fixture
def privacy_officer(db):
    return _user_in("privacy")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def privacy_client(client, privacy_officer):
    client.force_login(privacy_officer)
    return client


@pytest.fixture
def contact(coordinator):
    """Fatima El Amrani's contact data, recorded by a coordinator with her consent to feedback."""
    return record_contact(user=coordinator)


def pytest_terminal_summary(terminalreporter):
    from tests.signals.corpus import REPORTS

    if REPORTS:
        terminalreporter.section("personal-data guard on the test corpora")
        for report in REPORTS:
            terminalreporter.write_line(report)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Dutch browser, as most of the council's members have.
    # Reduced motion: Bootstrap then has no colour transitions, so axe-core never measures a button
    # halfway between two colours.
    return {**browser_context_args, "locale": "nl-NL", "reduced_motion": "reduce"}


@pytest.fixture
def seed_data(transactional_db):
    """The roles and themes that migrations seed, for transactional tests.

    A transactional test empties the tables when it ends, and Django's
    serialized rollback does not reach the database connection that
    Playwright's greenlet uses; so the seed runs again here when it is gone.
    """
    import importlib

    from django.apps import apps

    from consent.models import Purpose
    from signals.models import Theme

    if not Group.objects.exists():
        importlib.import_module("config.migrations.0004_triangulation_roles").update_roles(apps, None)
        importlib.import_module("signals.migrations.0009_dismissal_reason_version_review").grant(apps, None)
        for migration in ("0001_suggestions", "0002_topics", "0003_agreement", "0004_qda"):
            importlib.import_module(f"learning.migrations.{migration}").grant(apps, None)
    if not Theme.objects.exists():
        importlib.import_module("signals.migrations.0002_seed_themes").seed(apps, None)
    if not Purpose.objects.exists():
        importlib.import_module("consent.migrations.0002_seed_purposes").seed(apps, None)
        importlib.import_module("consent.migrations.0006_purpose_data_categories").set_categories(apps, None)


@pytest.fixture
def eager_celery():
    """Run tasks in the test process, also in the CI run that has a broker."""
    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager
