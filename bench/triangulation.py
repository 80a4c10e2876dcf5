"""Server time of the comparison page, the dashboard and the table builder with 1,000,000
signals and 500,000 observations (generate_load_data), against the raw SQL they need, measured in
the same run on a fresh test database.

The baseline of the comparison page and the dashboard is the SQL they read, replayed raw: every
statement one request issues (captured once, with its parameters bound; the kept counts per theme,
family, district, year, month and kind, the themes, links and observations, and the session and user
lookups), so the ratio is the page's own overhead over its data. The table builder is held against
the GROUP BY over the signals its tables need. `BENCH_SIGNALS` and `BENCH_OBSERVATIONS` make a smaller
run for a quick look. The council is taken to have started five years ago (SIGNALS_START_YEAR), so
the comparison reads every year the load data spans.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from monitoring.services import areas_load
from monitoring.services.load_data import load_data_generate

SIGNALS = int(os.environ.get("BENCH_SIGNALS", 1_000_000))
OBSERVATIONS = int(os.environ.get("BENCH_OBSERVATIONS", 500_000))
RUNS = 20

# What the table builder's default table (signals per theme and year) needs.
RAW_TABLE = [
    """SELECT st.theme_id, EXTRACT(YEAR FROM s.conversation_date)::int, COUNT(*), SUM(s.residents),
              SUM(s.record_key)
       FROM signals_signal_themes st JOIN signals_signal s ON s.id = st.signal_id GROUP BY 1, 2""",
]
# A table by channel and quarter: no kept counts to help, straight from the signals.
RAW_TABLE_CHANNEL = [
    """SELECT s.channel, EXTRACT(YEAR FROM s.conversation_date)::int, EXTRACT(QUARTER FROM s.conversation_date)::int,
              COUNT(*), SUM(s.residents), SUM(s.record_key) FROM signals_signal s GROUP BY 1, 2, 3""",
]


def _ms(func) -> dict[str, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000, "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000}


def _raw(statements: list[str]):
    def run() -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
                if cursor.description is not None:
                    cursor.fetchall()

    return run


def _captured(client: Client, url: str) -> list[str]:
    """Every SQL statement one request of the page issues, with its parameters bound, as the server ran it."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def _prepare() -> tuple[Client, float]:
    areas_load(municipality_code=settings.MUNICIPALITY_CODE)
    start = time.perf_counter()
    with override_settings(DEBUG=True):
        load_data_generate(signals=SIGNALS, observations=OBSERVATIONS)
    fill_s = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = get_user_model().objects.create_user("bench-coordinator")
    user.groups.add(Group.objects.get(name="coordinator"))
    client = Client()
    client.force_login(user)
    return client, fill_s


def _pages() -> list[tuple]:
    """(label, url, target ms, raw SQL baseline or None for the page's own SQL, clear the cache before each request)."""
    return [
        ("comparison page `/monitoring/vergelijking/`", "/monitoring/vergelijking/", 500, None, False),
        (
            "comparison page, a district (`?gebied=WK050325`)",
            "/monitoring/vergelijking/?gebied=WK050325",
            500,
            None,
            False,
        ),
        ("dashboard `/`, charts not cached", "/", 500, None, True),
        ("dashboard `/`, charts cached", "/", 500, None, False),
        ("table builder, default (signals per theme and year)", "/monitoring/tabellen/", 1000, RAW_TABLE, False),
        (
            "table builder, signals per channel and quarter",
            "/monitoring/tabellen/?gegevens=signalen&rijen=kanaal&kolommen=kwartaal&maat=aantal",
            1000,
            RAW_TABLE_CHANNEL,
            False,
        ),
    ]


def _page_timing(client: Client, url: str, clear: bool) -> dict[str, float]:
    from django.core.cache import cache

    def get() -> None:
        if clear:
            cache.clear()
        assert client.get(url).status_code == 200

    get()
    return _ms(get)


def _baseline(client: Client, url: str, raw: list[str] | None, clear: bool) -> tuple[dict[str, float], int]:
    """The raw SQL's timing and its number of statements."""
    if raw is not None:
        return _ms(_raw(raw)), len(raw)
    from django.core.cache import cache

    if clear:
        cache.clear()
    statements = _captured(client, url)
    return _ms(_raw(statements)), len(statements)


def run() -> list[str]:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(SIGNALS_START_YEAR=date.today().year - 5):
            client, fill_s = _prepare()
            rows = []
            for label, url, target, raw, clear in _pages():
                timing = _page_timing(client, url, clear)
                baseline, statements = _baseline(client, url, raw, clear)
                rows.append((label, timing, baseline, statements, target))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return _lines(rows, fill_s)


def _lines(rows: list[tuple], fill_s: float) -> list[str]:
    lines = [
        "## Comparison, dashboard and table builder at scale",
        "",
        f"{SIGNALS:,} signals and {OBSERVATIONS:,} observations made by `generate_load_data` on {connection.vendor} "
        f"(filling took {fill_s:.0f} s); {RUNS} requests each through Django's test client, logged in as a "
        "coordinator. Targets: comparison and dashboard under 500 ms, table builder under 1 s, and the comparison "
        "within 3× of the raw SQL it reads (run in the same process, same database).",
        "",
        "| page | p50 ms | p95 ms | raw SQL p50 ms (statements) | page / raw SQL | under target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, timing, raw, statements, target in rows:
        lines.append(
            f"| {label} | {timing['p50']:.0f} | {timing['p95']:.0f} | {raw['p50']:.0f} ({statements}) | "
            f"{timing['p50'] / raw['p50']:.2f}× | {'yes' if timing['p50'] < target else 'NO'} ({target} ms) |"
        )
    lines += [
        "",
        "Raw SQL for the comparison and the dashboard: every statement one request of the page issues, captured "
        "with its parameters and replayed on the same connection (the kept counts per theme, main-theme family, "
        "district, year, month and kind for the months compared, the first month logged, the years, themes, "
        "linked indicators, observations and usable sources, and the session and user lookups). The rest of the "
        "page's time is Python: the tests over all themes, the verdicts, the sentences and the template. For the "
        "table builder: the GROUP BY of the same table straight from the signals, with the residents and the "
        "sum of record keys that the cell-key method needs (ADR 7). The dashboard caches its "
        "charts for `DASHBOARD_CACHE_SECONDS`; its first row is with the cache cleared before every request.",
    ]
    return lines
