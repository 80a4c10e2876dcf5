"""Charts and tables at 360, 768, 1024 and 1280 px, measured in headless Chromium (issue 14): chart text
at 12 px or more, no text over other text, nothing wider than the screen, the comparison's verdict in
view on a phone, the indicator table whole, and axe-core on each page."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from playwright.sync_api import Page, expect

from monitoring.models import Indicator, Source
from monitoring.services import areas_load, observations_import
from signals.models import Theme
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import IndicatorFactory, SignalFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the dashboard's figures are cached; every test starts, and leaves, without them
    yield
    cache.clear()


WIDTHS = (360, 768, 1024, 1280)
HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
DISTRICTS = ["WK050311", "WK050312", "WK050313", "WK050314", "WK050316", "WK050322", "WK050323", "WK050325"]

# Every drawn chart's text: its size on screen and its box. A hidden drawing (display: none) has no box.
CHART_TEXTS = """() => [...document.querySelectorAll('svg.chart')].filter(s => s.getClientRects().length).map(svg => {
  const scale = svg.getScreenCTM().a;
  const box = svg.getBoundingClientRect();
  return {
    id: svg.querySelector('title').id,
    inside: [box.left, box.top, box.right, box.bottom],
    texts: [...svg.querySelectorAll('text')].map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
              box: [r.left, r.top, r.right, r.bottom]};
    }),
  };
})"""


def overlaps(a: list[float], b: list[float]) -> bool:
    """Two boxes share more than a pixel each way."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def check_charts(page: Page, width: int) -> int:
    """Every visible chart: text at 12 px or more, no two texts over each other, all inside the chart."""
    charts = page.evaluate(CHART_TEXTS)
    for chart in charts:
        texts = chart["texts"]
        small = [(t["text"], round(t["px"], 2)) for t in texts if t["px"] < 12 - 0.01]
        assert not small, (width, chart["id"], small)
        left, _top, right, _bottom = chart["inside"]
        outside = [t["text"] for t in texts if t["box"][0] < left - 1 or t["box"][2] > right + 1]
        assert not outside, (width, chart["id"], outside)
        clashes = [
            (a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1 :] if overlaps(a["box"], b["box"])
        ]
        assert not clashes, (width, chart["id"], clashes)
    return len(charts)


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-responsive'))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""


def no_sideways_scroll(page: Page, width: int) -> None:
    """The page's content is no wider than the screen (a table may scroll inside its own region).
    The menu bar is base.html's: its own tests measure it."""
    wider = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert not wider, (page.url, width, wider)


@pytest.fixture
def figures_to_chart():
    """Signals over three years, a source with a long name, one indicator measured once per district
    (with a benchmark), one over five years, and a member of the council."""
    areas_load(municipality_code="GM0503")
    themes = [Theme.objects.get(slug=slug) for slug in ("eenzaamheid", "taal", "mantelzorg", "sociale-contacten")]
    for year in (2024, 2025, 2026):
        for n, theme in enumerate(themes):
            for day in range(3 + n * 2 + year % 3):
                SignalFactory(conversation_date=date(year, 2, 1 + day), themes=[theme], created_by=None)
    ggd = SourceFactory(name="Gezondheidsmonitor Volwassenen en Ouderen (GGD'en, CBS en RIVM)", kind=Source.Kind.GGD)
    panel = SourceFactory(name="Inwonerspanel Delft, ronde najaar", kind=Source.Kind.RESIDENT_PANEL)
    IndicatorFactory(
        code="eenzaam", name="Eenzaam", unit=Indicator.Unit.PERCENTAGE, source=ggd, themes=[themes[0]],
        benchmark_label="Nederland (afgeleid: naar inwoners van 19 jaar en ouder gewogen gemiddelde van alle wijken)",
    )  # fmt: skip
    IndicatorFactory(
        code="taalles", name="Volgt taalles", unit=Indicator.Unit.PERCENTAGE, source=panel, themes=[themes[1]]
    )
    for name in ("CBS-microdata sociaal domein (bewerking elan-dcc/wijkprofielen)", "CBS StatLine"):
        IndicatorFactory(source=SourceFactory(name=name, kind=Source.Kind.CBS), themes=[themes[2]])  # a column
    once = "".join(f"eenzaam,{code},2022,,{40 + i},,,,44\n" for i, code in enumerate(["GM0503", *DISTRICTS]))
    yearly = "".join(f"taalles,GM0503,{year},,{year - 2010}.5,,,,12\n" for year in range(2021, 2026))
    observations_import(data=(HEADER + once + yearly).encode(), file_name="cijfers.csv")
    user = UserFactory(username="lid-grafieken", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))


def log_in(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("lid-grafieken")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()


PAGES = [
    "/",
    "/monitoring/indicatoren/eenzaam/",
    "/monitoring/indicatoren/taalles/",
    "/monitoring/tabellen/?gegevens=signalen&rijen=thema&kolommen=jaar&maat=aantal",
    "/monitoring/tabellen/?gegevens=signalen&rijen=thema&kolommen=&maat=aantal",
]


def test_charts_are_readable_and_nothing_overlaps_or_runs_off_the_screen(page: Page, live_server, figures_to_chart):
    log_in(page, live_server)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in PAGES:
            page.goto(f"{live_server.url}{path}")
            assert check_charts(page, width) >= 1, (width, path)
            no_sideways_scroll(page, width)
            if width == 360:
                assert_accessible(page)


def test_on_a_phone_the_comparison_shows_each_theme_as_a_card_with_its_verdict_in_view(
    page: Page, live_server, figures_to_chart
):
    log_in(page, live_server)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/monitoring/vergelijking/")
    expect(page.get_by_role("table")).to_have_count(1)  # one table, read once
    no_sideways_scroll(page, 360)
    rows = page.get_by_role("row").filter(has=page.get_by_role("rowheader"))
    assert rows.count() >= 4
    for i in range(rows.count()):
        badge = rows.nth(i).locator(".comparison-verdict .badge")
        badge.scroll_into_view_if_needed()
        expect(badge).to_be_visible()
        box = badge.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (i, box)
    # the verdict stands right under the theme's name, above the figures
    first = rows.first
    name, verdict, problems = (first.locator(s).bounding_box() for s in ("th", ".comparison-verdict", "td >> nth=0"))
    assert name["y"] < verdict["y"] < problems["y"]
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("columnheader", name="Oordeel")).to_be_visible()  # a table again
    no_sideways_scroll(page, 1280)


def test_the_indicator_table_is_whole_at_1280_px(page: Page, live_server, figures_to_chart):
    log_in(page, live_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/monitoring/indicatoren/eenzaam/")
    region = page.get_by_role("region", name="Eenzaam per periode en gebied.")
    scroll, client = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert scroll <= client  # nothing cut off on the right
    caption, first_row = (page.locator(s).first.bounding_box() for s in ("#indicator-detail-tabel", "tbody tr"))
    assert first_row["y"] - (caption["y"] + caption["height"]) < 60  # no blank gap between caption and figures
    expect(page.get_by_role("rowheader", name="Nederland")).to_be_visible()


def test_the_privacy_officer_sees_the_decisions_that_wait_and_goes_there(page: Page, live_server, figures_to_chart):
    from tests.factories import LinkRequestFactory

    LinkRequestFactory()
    officer = UserFactory(username="avg-grafieken", password=PASSWORD)
    officer.groups.add(Group.objects.get(name="privacy"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("avg-grafieken")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="1 koppelverzoek wacht op uw besluit").click()
    expect(page.get_by_role("heading", name="Koppelverzoeken")).to_be_visible()
    assert "status=ingediend" in page.url
