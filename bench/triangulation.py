"""Server time of the comparison page, the dashboard and the table builder with 1,000,000
signals and 500,000 observations (generate_load_data), against the raw SQL aggregate
queries they need, measured in the same run on a fresh test database.

Two baselines per page: the raw SQL over the signals themselves (what the figures cost
without the kept counts), and the raw SQL the page's own figures come from (the counts
table and the observations), so the ratio shows the page's own overhead too.
`BENCH_SIGNALS` and `BENCH_OBSERVATIONS` make a smaller run for a quick look.
"""

from __future__ import annotations

import os
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings

from monitoring.models import Area
from monitoring.services import areas_load
from monitoring.services.load_data import load_data_generate

SIGNALS = int(os.environ.get("BENCH_SIGNALS", 1_000_000))
OBSERVATIONS = int(os.environ.get("BENCH_OBSERVATIONS", 500_000))
RUNS = 20

# What the comparison needs, straight from the signals: per theme and year, and the total.
RAW_SIGNALS = [
    """SELECT st.theme_id, EXTRACT(YEAR FROM s.conversation_date), COUNT(*), SUM(s.residents)
       FROM signals_signal_themes st JOIN signals_signal s ON s.id = st.signal_id
       WHERE s.conversation_date >= %(first)s AND s.conversation_date <= %(last)s
       GROUP BY 1, 2""",
    """SELECT COUNT(*) FROM signals_signal WHERE conversation_date >= %(year_start)s
       AND conversation_date <= %(last)s""",
]
# What the page reads: the kept counts, and the latest observations of the linked indicators.
RAW_COUNTS = [
    """SELECT theme, year, SUM(signals), SUM(residents) FROM signals_signalcount
       WHERE theme > 0 AND year BETWEEN %(first_year)s AND %(year)s GROUP BY 1, 2""",
    """SELECT SUM(signals) FROM signals_signalcount WHERE theme = 0 AND year = %(year)s""",
]
# What the table builder's default table (signals per theme and year) needs.
RAW_TABLE = [
    """SELECT st.theme_id, EXTRACT(YEAR FROM s.conversation_date)::int, COUNT(*)
       FROM signals_signal_themes st JOIN signals_signal s ON s.id = st.signal_id GROUP BY 1, 2""",
]
# A table by channel and quarter: no kept counts to help, straight from the signals.
RAW_TABLE_CHANNEL = [
    """SELECT s.channel, EXTRACT(YEAR FROM s.conversation_date)::int, EXTRACT(QUARTER FROM s.conversation_date)::int,
              COUNT(*) FROM signals_signal s GROUP BY 1, 2, 3""",
]
RAW_OBSERVATIONS = """
    SELECT it.theme_id, i.code, o.period_end, o.value, o.benchmark, o.ci_low, o.ci_high, o.sample_size
    FROM monitoring_observation o JOIN monitoring_indicator i ON i.id = o.indicator_id
    JOIN monitoring_indicator_themes it ON it.indicator_id = i.id
    WHERE o.area_id = %(area)s AND o.category = ''"""


def _ms(func) -> dict[str, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000, "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000}


def _raw(statements: list[str], params: dict):
    def run() -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                cursor.fetchall()

    return run


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


def _params() -> dict:
    from monitoring.services.comparing import comparison_years

    year = comparison_years()[0]
    area = Area.objects.get(code=settings.MUNICIPALITY_CODE).pk
    return {
        "year": year,
        "first_year": year - settings.COMPARE_PREVIOUS_YEARS,
        "first": f"{year - settings.COMPARE_PREVIOUS_YEARS}-01-01",
        "year_start": f"{year}-01-01",
        "last": f"{year}-12-31",
        "area": area,
    }


def _pages(params: dict) -> list[tuple]:
    """(label, url, target ms, raw SQL baseline statements, clear the cache before each request)."""
    comparison_raw = [*RAW_SIGNALS, RAW_OBSERVATIONS]
    return [
        ("comparison page `/monitoring/vergelijking/`", "/monitoring/vergelijking/", 500, comparison_raw, False),
        ("dashboard `/`, charts not cached", "/", 500, comparison_raw, True),
        ("dashboard `/`, charts cached", "/", 500, comparison_raw, False),
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


def run() -> list[str]:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        client, fill_s = _prepare()
        params = _params()
        counts_raw = _ms(_raw([*RAW_COUNTS, RAW_OBSERVATIONS], params))
        rows = []
        for label, url, target, raw, clear in _pages(params):
            rows.append((label, _page_timing(client, url, clear), _ms(_raw(raw, params)), target))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    lines = [
        "## Comparison, dashboard and table builder at scale",
        "",
        f"{SIGNALS:,} signals and {OBSERVATIONS:,} observations made by `generate_load_data` on {connection.vendor} "
        f"(filling took {fill_s:.0f} s); {RUNS} requests each through Django's test client, logged in as a "
        "coordinator. Targets: comparison and dashboard under 500 ms, table builder under 1 s, within 3× of the "
        "raw SQL aggregate queries they need (run in the same process, same database).",
        "",
        "| page | p50 ms | p95 ms | raw SQL p50 ms | page / raw SQL | under target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, timing, raw, target in rows:
        lines.append(
            f"| {label} | {timing['p50']:.0f} | {timing['p95']:.0f} | {raw['p50']:.0f} | "
            f"{timing['p50'] / raw['p50']:.2f}× | {'yes' if timing['p50'] < target else 'NO'} ({target} ms) |"
        )
    lines += [
        "",
        "Raw SQL for the comparison and the dashboard: signals per theme and year and the year's total, counted "
        "from the signals, plus the municipality's observations of linked indicators. For the table builder: "
        "the GROUP BY of the same table straight from the signals. The comparison and the dashboard read kept "
        f"counts instead (ADR 6); the raw SQL over those counts takes {counts_raw['p50']:.0f} ms, so the rest of "
        "their time is Python: pandas, the verdicts and the template. The dashboard caches its charts for "
        "`DASHBOARD_CACHE_SECONDS`; the first row is with the cache cleared before every request.",
    ]
    return lines
