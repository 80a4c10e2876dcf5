"""The comparison as loaded from the database (monitoring.services.comparing) and as the command and
the dashboard show it: main themes, the months counted, the new keys, and totals that agree."""

import html
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from monitoring.models import Area, Indicator, Source
from monitoring.services import observations_import
from monitoring.services.comparing import comparison_run
from monitoring.services.dashboard import dashboard_figures
from signals.models import Signal, Theme
from tests.factories import IndicatorFactory, SignalFactory, SourceFactory

# These tests read the page's numbers, so counts show exactly.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("exact_counts")]

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"


def themed(slugs: list[str], day: date, count: int = 1, kind: str = Signal.Kind.PROBLEM, district=None) -> None:
    themes = list(Theme.objects.filter(slug__in=slugs))
    for _ in range(count):
        SignalFactory(conversation_date=day, themes=themes, kind=kind, district=district, created_by=None)


def row(result, slug: str) -> dict:
    table = result.table
    return table[table["slug"] == slug].iloc[0].to_dict()


@freeze_time("2026-06-15")
def test_a_main_theme_counts_its_aspects_each_signal_once(delft):
    themed(["sociale-contacten", "erbij-horen"], date(2026, 3, 1), count=4)  # two aspects of Meedoen
    themed(["sociale-contacten"], date(2026, 3, 2), count=2)
    themed(["taal"], date(2026, 3, 3), count=6)
    result = comparison_run(area=delft)
    assert row(result, "meedoen")["signals"] == 6  # not 4 + 4 + 2
    assert row(result, "sociale-contacten")["signals"] == 6 and row(result, "erbij-horen")["signals"] == 4
    assert result.total == 12


@freeze_time("2026-06-15")
def test_the_window_runs_from_the_first_month_logged_to_today(delft):
    themed(["taal"], date(2025, 11, 20), count=5)
    themed(["taal"], date(2026, 6, 10), count=5)
    result = comparison_run(area=delft)
    assert (result.window.start, result.window.end) == (date(2026, 1, 1), date(2026, 6, 15))
    assert result.window.earlier_years == []  # November 2025 lies outside January to June
    earlier = comparison_run(area=delft, period=2025)
    assert earlier.window.start == date(2025, 11, 1) and earlier.window.end == date(2025, 12, 31)


@freeze_time("2026-06-15")
def test_only_problems_count_and_the_dashboard_says_the_same_total(member_client, delft):
    themed(["taal"], date(2026, 2, 1), count=7)
    themed(["mantelzorg"], date(2026, 2, 2), count=4)
    themed(["mantelzorg"], date(2026, 2, 3), count=9, kind=Signal.Kind.POSITIVE)
    result = comparison_run(area=delft)
    assert result.total == 11
    page = member_client.get(reverse("monitoring:comparison")).content.decode()
    assert "11 knelpunten in Delft van 1 februari 2026 tot en met 15 juni 2026." in page
    home = html.unescape(member_client.get(reverse("home")).content.decode())
    assert "In 2026 kregen 2 thema's een oordeel, op grond van 11 knelpunten." in home
    assert dashboard_figures(user=None).verdicts.summary.startswith("In 2026 kregen 2 thema")


@freeze_time("2026-06-15")
def test_the_command_adds_expected_p_value_and_basis(delft):
    theme = Theme.objects.get(slug="eenzaamheid")
    panel = SourceFactory(name="Panel", owner="Gemeente", kind=Source.Kind.RESIDENT_PANEL)
    IndicatorFactory(
        code="vaak-eenzaam", name="Vaak eenzaam", unit=Indicator.Unit.PERCENTAGE,
        polarity=Indicator.Polarity.HIGHER_IS_WORSE, source=panel, themes=[theme], benchmark_label="landelijk",
    )  # fmt: skip
    observations_import(data=(HEADER + "vaak-eenzaam,GM0503,2025,,14.2,1846,12.6,15.8,11\n").encode(), file_name="p")
    themed(["eenzaamheid"], date(2025, 3, 1), count=10)
    themed(["taal"], date(2025, 3, 2), count=30)
    themed(["eenzaamheid"], date(2026, 3, 1), count=12)
    themed(["taal"], date(2026, 3, 2), count=28)
    out = io.StringIO()
    call_command("compare", "--format", "json", stdout=out)
    found = next(r for r in json.loads(out.getvalue()) if r["slug"] == "eenzaamheid")
    assert {"expected", "p_value", "below_p_value", "basis"} <= set(found)
    assert found["verdict"] == "bevestigd" and found["signals"] == 12
    assert found["basis"].startswith("vaak-eenzaam 2025 = 14.2; benchmark landelijk = 11; p = ")
    assert 0 < found["p_value"] <= 1 and found["expected"] == pytest.approx(20.0)
    csv_out = io.StringIO()
    call_command("compare", "--format", "csv", stdout=csv_out)
    assert csv_out.getvalue().splitlines()[0].endswith(",expected,p_value,below_p_value,basis")


@freeze_time("2026-06-15")
def test_the_page_shows_the_tests_behind_each_verdict(member_client, delft):
    themed(["taal"], date(2025, 3, 1), count=10)
    themed(["mantelzorg"], date(2025, 3, 1), count=10)
    themed(["taal"], date(2026, 3, 1), count=30)
    themed(["mantelzorg"], date(2026, 3, 1), count=10)
    page = member_client.get(reverse("monitoring:comparison")).content.decode()
    assert "<summary>Toetsen en marges" in page
    assert "Verandering: p na correctie voor alle thema’s" in page and "Aandeel in dezelfde maanden eerder" in page
    assert "Benjamini–Hochberg" in page and "10,0\u00a0%" in page


@freeze_time("2026-06-15")
def test_a_district_is_held_against_its_municipality(delft):
    buitenhof = Area.objects.get(code="WK050325")
    themed(["taal"], date(2026, 3, 1), count=40, district=buitenhof)
    themed(["mantelzorg"], date(2026, 3, 1), count=60)
    themed(["taal"], date(2026, 3, 1), count=20)
    result = comparison_run(area=buitenhof)
    taal = row(result, "taal")
    # Tested against the rest of Delft (20 of 80); the sentence quotes all of Delft's share (60 of 120).
    assert taal["total"] == 40 and taal["expected"] == pytest.approx(40 * 20 / 80)
    assert "bij het aandeel in heel Delft (50,0\u00a0%) zou je er ongeveer 20 verwachten" in taal["explanation"]
