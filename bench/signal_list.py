"""Server time of the signal list (filtered, paginated) against two baselines
measured in the same run: the raw SQL query for the same page of signals, and a
bare Django view (login and middleware, no query, no template)."""

from __future__ import annotations

import statistics
import time

from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from config.demo import demo_accounts_create
from monitoring.services import areas_load
from signals.demo import demo_signals_load

RUNS = 200
N_SIGNALS = 4000


def bare_view(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare_view)]

RAW_SQL = """
SELECT s.id, s.conversation_date, s.summary, s.kind, s.channel, a.name
FROM signals_signal s LEFT JOIN monitoring_area a ON a.id = s.district_id
WHERE s.id IN (SELECT st.signal_id FROM signals_signal_themes st WHERE st.theme_id = %s)
  AND LOWER(s.summary) LIKE %s
ORDER BY s.conversation_date DESC, s.id DESC LIMIT 25
"""


def _ms(func) -> dict[str, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000, "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000}


def _prepare() -> Client:
    with override_settings(DEBUG=True):
        areas_load(municipality_code="GM0503")
        demo_accounts_create()
    demo_signals_load(count=N_SIGNALS)
    client = Client()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lid")
    user.groups.add(Group.objects.get(name="lid"))
    client.force_login(user)
    return client


def run() -> list[str]:
    # No setup_test_environment(): its instrumented template rendering would
    # copy every context and measure the test harness, not the page.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        client = _prepare()
        from signals.models import Theme

        theme = Theme.objects.get(slug="eenzaamheid").pk
        url = f"/signalen/?thema={theme}&q=buurt"

        def raw():
            with connection.cursor() as cursor:
                cursor.execute(RAW_SQL, [theme, "%buurt%"])
                cursor.fetchall()

        client.get(url)
        view = _ms(lambda: client.get(url))
        sql = _ms(raw)
        with override_settings(ROOT_URLCONF=__name__):
            client.get("/bare/")
            bare = _ms(lambda: client.get("/bare/"))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    engine = connection.vendor
    return [
        "## Signal list: server time",
        "",
        f"`GET /signalen/?thema=<eenzaamheid>&q=buurt` over {N_SIGNALS} demo signals on {engine}, "
        f"{RUNS} requests through Django's test client (no network), logged in as a member.",
        "",
        "| what | p50 ms | p95 ms |",
        "| --- | ---: | ---: |",
        f"| signal list (filter, count, page of 25, template) | {view['p50']:.1f} | {view['p95']:.1f} |",
        f"| baseline: raw SQL for one page of signals | {sql['p50']:.2f} | {sql['p95']:.2f} |",
        f"| baseline: bare Django view (middleware, session, no query) | {bare['p50']:.1f} | {bare['p95']:.1f} |",
        "",
        f"Ratio list / bare view at p50: **{view['p50'] / bare['p50']:.1f}×**; "
        f"list / raw SQL at p50: **{view['p50'] / sql['p50']:.0f}×** (the list also counts, renders "
        "filters and a template).",
    ]
