"""Each role's first journey at 1280, 1024, 768 and 360 px wide, in headless Chromium (issue 14).

On every page: the page is never wider than the window, logout is reachable (visible, or after
opening the menu, and clickable inside the window) and axe-core finds no serious or critical
violation. Those findings are collected for the whole journey and reported together (see
journeys_support.py); a step the journey cannot go on without fails at once. At 360 px every step
leaves a full-page screenshot in tests/browser/screenshots/ (role-step-width.png), which git ignores.

- member: a first signal, ticking a theme the suggestions offer;
- coordinator: the dashboard, a table with its chart, its export; an upload with its preview;
- privacy officer: a decision on a waiting linking request;
- resident: withdrawing the last consent, through its confirmation.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from consent.models import Contact
from learning.suggestions import model
from learning.suggestions import services as suggestions
from monitoring.models import Area, Indicator, LinkRequest, Observation, Source
from monitoring.services import areas_load, observations_import
from signals.models import Signal, Theme
from tests.browser.journeys_support import WIDTHS, Journey, follow, log_in
from tests.factories import IndicatorFactory, LinkRequestFactory, SignalFactory, SourceFactory, UserFactory
from tests.learning.test_suggestions_model import training_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

widths = pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])

FIGURES = (
    "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
    "vaak-eenzaam,GM0503,2024,,14.2,1846,12.6,15.8,11\n"
    "vaak-eenzaam,GM0503,2025,,15.1,1790,13.4,16.8,11\n"
)
UPLOAD = (
    "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
    "vaak-eenzaam,WK050325,2023,,18.4,210,13.2,23.6,11\n"
    "vaak-eenzaam,GM0503,2023,,13.9,1802,12.3,15.5,11\n"
)
NOTE = "Meneer heeft schulden en de energierekening is te hoog."


_FITTED: dict = {}  # the theme model, fitted once for the four widths


@pytest.fixture
def suggestions_trained(settings):
    """A theme model fitted on short notes (as in test_learning_flow.py), stored as the current version."""
    settings.SUGGEST_MIN_CONFIDENCE = 0.2
    if not _FITTED:
        texts, labels = training_set()
        _FITTED.update(bundle=model.fit(texts, labels, suggestions.catalogue(), min_theme_signals=8), count=len(texts))
    suggestions.theme_model_store(bundle=_FITTED["bundle"], signal_count=_FITTED["count"], evaluation={})


@pytest.fixture(scope="module")
def guard_loaded():
    """The personal-data guard, loaded before the first save (it takes seconds, more on a busy machine)."""
    from signals.guard import get_detector

    get_detector()


@pytest.fixture
def figures():
    """Delft with signals about loneliness in Buitenhof and a panel figure on it, as in
    test_triangulation_flow.py."""
    areas_load(municipality_code="GM0503")
    lonely = Theme.objects.get(slug="eenzaamheid")
    buitenhof = Area.objects.get(code="WK050325")
    for day in range(1, 13):
        SignalFactory(conversation_date=date(2025, 4, day), district=buitenhof, themes=[lonely])
    panel = SourceFactory(name="Inwonerspanel", owner="Gemeente Delft", kind=Source.Kind.RESIDENT_PANEL)
    IndicatorFactory(
        code="vaak-eenzaam", name="Voelt zich vaak eenzaam", definition="%", unit=Indicator.Unit.PERCENTAGE,
        polarity=Indicator.Polarity.HIGHER_IS_WORSE, source=panel, themes=[lonely],
    )  # fmt: skip
    observations_import(data=FIGURES.encode(), file_name="panel.csv")


@pytest.fixture
def waiting_link_request():
    """A coordinator asked to combine the district teams' registrations; nobody decided yet."""
    coordinator = UserFactory(username="coordinator-aanvrager")
    teams = SourceFactory(
        name="Registratie wijkteams Delft", owner="Gemeente Delft", linking_policy=Source.LinkingPolicy.APPROVAL
    )
    return LinkRequestFactory(sources=[teams], users=[coordinator], requested_by=coordinator)


@widths
def test_a_member_logs_a_first_signal_with_a_suggested_theme(
    page: Page, live_server, width, suggestions_trained, guard_loaded
):
    journey = Journey(page, "lid", width)
    log_in(page, live_server, "lid")
    journey.check("inloggen", logged_in=False)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()
    journey.check("start")

    assert follow(page, re.compile(r"^Nieuw signaal")), "no link to a new signal, not even in the menu"
    expect(page.get_by_role("heading", name="Nieuw signaal")).to_be_visible()
    journey.check("formulier")

    page.get_by_label("Datum van het gesprek").fill("2025-03-14")
    page.get_by_label("Kanaal").select_option("spreekuur")
    page.get_by_label("knelpunt").check()
    page.get_by_label("Aantal inwoners").fill("1")
    page.get_by_label("Samenvatting").press_sequentially(NOTE)
    suggestion = page.get_by_role("button", name=re.compile("Financiële zorgen"))
    expect(suggestion).to_be_visible()
    journey.check("voorstel")

    suggestion.click()
    expect(page.get_by_role("checkbox", name="Financiële zorgen")).to_be_checked()
    page.get_by_role("button", name="Signaal opslaan").click()
    expect(page.get_by_text("Het signaal is opgeslagen.")).to_be_visible()
    journey.check("opgeslagen")
    assert [t.slug for t in Signal.objects.get(summary=NOTE).themes.all()] == ["financiele-zorgen"]
    journey.finish()


@widths
def test_a_coordinator_goes_from_the_dashboard_to_a_table_its_chart_and_export_and_uploads(
    page: Page, live_server, width, figures, settings, tmp_path
):
    settings.IMPORT_BACKGROUND_BYTES = 100_000  # the small file is checked at once, no worker needed
    journey = Journey(page, "coordinator", width)
    log_in(page, live_server, "coordinator")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()  # the dashboard's charts
    journey.check("start")

    page.get_by_role("link", name="Bekijk in de tabellenmaker").first.click()
    expect(page.get_by_role("heading", name="Tabellen maken")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Eenzaamheid")
    chart = page.get_by_role("main").get_by_role("img", name=re.compile(r"\w"))
    chart = chart.or_(page.get_by_role("main").get_by_role("figure", name=re.compile(r"\w")))
    if not chart.count():
        journey.note("tabel", "no chart of the table (an <svg role=img> or <figure> with an accessible name)")
    journey.check("tabel")

    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als CSV").click()
    assert "Eenzaamheid" in Path(download.value.path()).read_text(encoding="utf-8-sig")

    upload_link = re.compile(r"^(Bestand |Cijfers )?uploaden$", re.IGNORECASE)
    if not follow(page, upload_link):
        assert follow(page, "Cijfers"), "no link to the figures, not even in the menu"
        assert follow(page, upload_link), "no link to upload figures from the figures page"
    expect(page.get_by_role("heading", name="Cijfers uploaden")).to_be_visible()
    journey.check("uploaden")

    file = tmp_path / "eenzaamheid-2023.csv"
    file.write_text(UPLOAD, encoding="utf-8")
    page.get_by_label(re.compile(r"^\s*Bestand\b")).set_input_files(str(file))
    page.get_by_role("button", name="Uploaden en controleren").click()
    expect(page.get_by_text("klaar om te importeren")).to_be_visible()
    expect(page.get_by_text(re.compile(r"nieuw:?\s*2\b"))).to_be_visible()
    if not page.get_by_role("main").get_by_text("Buitenhof").count():
        journey.note("voorbeeld", "the preview shows the area code WK050325 without its name Buitenhof")
    journey.check("voorbeeld")

    page.get_by_role("button", name="Importeren bevestigen").click()
    expect(page.get_by_text("De cijfers zijn geïmporteerd.")).to_be_visible()
    journey.check("geimporteerd")
    assert Observation.objects.filter(period_label="2023").count() == 2
    journey.finish()


@widths
def test_a_privacy_officer_decides_a_waiting_linking_request(page: Page, live_server, width, waiting_link_request):
    journey = Journey(page, "privacy", width)
    log_in(page, live_server, "privacy")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()
    waiting = page.get_by_role("main").get_by_text(re.compile(r"wacht\w* op uw besluit", re.IGNORECASE)).first
    # The notice is a link, or it or its parent holds one ("3 koppelverzoeken wachten op uw besluit. Bekijk ze").
    near = waiting.locator("xpath=ancestor-or-self::*[position() <= 2][.//a][1]").get_by_role("link")
    to_decide = waiting.locator("xpath=ancestor-or-self::a").or_(near)
    if not to_decide.count():
        journey.note("start", "the home page does not say, with a link, that a linking request waits for a decision")
    journey.check("start")

    if to_decide.count():
        to_decide.first.click()
    else:
        assert follow(page, "Koppelverzoeken"), "no link to the linking requests, not even in the menu"
    listed = page.get_by_role("heading", name="Koppelverzoeken")
    detail = page.get_by_role("heading", name=f"Koppelverzoek {waiting_link_request.pk}", exact=True)
    expect(listed.or_(detail)).to_be_visible()
    if listed.count():
        journey.check("lijst")
        page.get_by_role("link", name=f"Koppelverzoek {waiting_link_request.pk}").click()
    expect(detail).to_be_visible()
    journey.check("verzoek")

    page.get_by_label("Goedkeuren").check()
    page.get_by_label("Motivering").fill("Het doel is helder en beperkt; alleen de aanvrager krijgt toegang.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text(re.compile("Uw besluit is vastgelegd"))).to_be_visible()
    journey.check("besloten")
    waiting_link_request.refresh_from_db()
    assert waiting_link_request.status == LinkRequest.Status.APPROVED
    journey.finish()


@widths
def test_a_resident_withdraws_a_consent_through_the_confirmation(page: Page, live_server, width, contact, eager_celery):
    from django.core.cache import cache

    cache.clear()  # the link requests of earlier widths count against the limit per address
    journey = Journey(page, "inwoner", width)
    page.goto(f"{live_server.url}/mijn-gegevens/")
    expect(page.get_by_role("heading", name="Mijn gegevens bij de adviesraad")).to_be_visible()
    journey.check("aanvragen", logged_in=False)
    page.get_by_label("Uw e-mailadres").fill("fatima@example.nl")
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    journey.check("mail", logged_in=False)

    path = re.search(r"/mijn-gegevens/link/\S+/", mail.outbox[-1].body).group()
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", name="Mijn gegevens bekijken")).to_be_visible()
    journey.check("link", logged_in=False)
    page.get_by_role("button", name="Bekijk mijn gegevens").click()
    expect(page.get_by_role("heading", name="Dit bewaren wij van u")).to_be_visible()
    journey.check("overzicht", logged_in=False)

    page.get_by_role("button", name=re.compile(r"Toestemming intrekken\W+Terugkoppeling")).click()
    expect(page.get_by_role("heading", name="Uw laatste toestemming intrekken?")).to_be_visible()
    assert not Contact.objects.get().is_erased  # the confirmation erases nothing yet
    journey.check("bevestigen", logged_in=False)

    page.get_by_role("button", name="Ja, wis alles").click()
    expect(page.get_by_role("heading", name="Uw gegevens zijn gewist")).to_be_visible()
    journey.check("gewist", logged_in=False)
    assert Contact.objects.get().is_erased
    journey.finish()
