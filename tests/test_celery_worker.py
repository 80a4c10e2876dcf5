"""A real Celery worker against the configured broker picks up a task and finishes it."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from signals.models import Signal
from signals.tasks import rescan_signal
from tests.factories import SignalFactory

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not settings.CELERY_BROKER_URL,
        reason="CELERY_BROKER_URL is not set: tasks run in-process, so there is no worker to test",
    ),
]


def worker_database_url() -> str:
    """The test database, as a URL the worker process can use."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.skip("the test database is SQLite in memory, which a worker process cannot share")
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": worker_database_url(), "DATABASE_CONN_MAX_AGE": "0"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=WARNING",
            "--pidfile",
            str(tmp_path / "worker.pid"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seed_data")
def test_a_worker_rescans_a_stored_signal_and_flags_personal_data(worker):
    signal = SignalFactory(summary="Een signaal van voor de controle: bel 06-12345678.")
    result = rescan_signal.apply_async(args=[signal.pk], queue=worker)
    assert result.get(timeout=120) == 1
    signal.refresh_from_db()
    assert signal.guard_flagged_at is not None
    assert Signal.objects.filter(guard_flagged_at__isnull=False).count() == 1
