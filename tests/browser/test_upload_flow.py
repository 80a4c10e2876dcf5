"""A coordinator uploads a file of figures in headless Chromium: preview, progress while
the worker runs, confirm, and the values on the indicator's page; axe-core on every page."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from monitoring.models import Indicator, Observation, Source, Upload
from monitoring.services import areas_load, upload_run
from monitoring.tasks import run_upload
from tests.browser.menu import menu_link
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import IndicatorFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

FILE = (
    "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
    "eenzaam,WK050325,2016,,54,210,49,59,43\n"
    "eenzaam,GM0503,2016,,44,2400,42,46,43\n"
)


@pytest.fixture
def queue(monkeypatch):
    """The Celery queue: the test takes the worker's part, so the page shows the waiting
    and the progress before the work is done."""
    jobs = []
    monkeypatch.setattr(run_upload, "delay", lambda upload_id, step: jobs.append((upload_id, step)))
    return jobs


def test_a_coordinator_uploads_previews_waits_confirms_and_sees_the_values(
    page: Page, live_server, settings, queue, tmp_path
):
    settings.IMPORT_BACKGROUND_BYTES = 0  # every file goes to the worker
    areas_load(municipality_code="GM0503")
    IndicatorFactory(
        code="eenzaam", name="Eenzaam", definition="Aandeel volwassenen dat zich eenzaam voelt.",
        unit=Indicator.Unit.PERCENTAGE, polarity=Indicator.Polarity.HIGHER_IS_WORSE,
        source=SourceFactory(name="GGD-monitor", owner="GGD Haaglanden", kind=Source.Kind.GGD),
    )  # fmt: skip
    user = UserFactory(username="coordinator-upload", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-upload")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    menu_link(page, "Cijfers", "Bestand uploaden").click()
    expect(page.get_by_role("heading", name="Cijfers uploaden")).to_be_visible()
    assert_accessible(page)
    file = tmp_path / "eenzaamheid-2016.csv"
    file.write_text(FILE, encoding="utf-8")
    page.get_by_label("Bestand*").set_input_files(str(file))
    page.get_by_role("button", name="Uploaden en controleren").click()

    progress = page.get_by_role("progressbar")
    expect(progress).to_be_visible()
    expect(page.get_by_text("Het bestand staat in de wachtrij")).to_be_visible()
    assert_accessible(page)
    upload_run(upload_id=_next_job(queue, "check"), step="check")  # the worker checks; the page polls
    expect(page.get_by_text("klaar om te importeren")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("nieuw: 2")).to_be_visible()
    assert_accessible(page)
    assert not Observation.objects.exists()

    page.get_by_role("button", name="Importeren bevestigen").click()
    expect(page.get_by_text("De cijfers worden geïmporteerd")).to_be_visible()
    upload_run(upload_id=_next_job(queue, "import"), step="import")
    expect(page.get_by_text("De cijfers zijn geïmporteerd.")).to_be_visible(timeout=10_000)
    assert_accessible(page)
    assert Upload.objects.get().status == Upload.Status.DONE

    page.goto(f"{live_server.url}/monitoring/indicatoren/eenzaam/")
    expect(page.get_by_role("heading", name=re.compile("Eenzaam"))).to_be_visible()
    table = page.get_by_role("table").last
    expect(table).to_contain_text("Buitenhof")
    expect(table).to_contain_text("54")
    assert_accessible(page)

    for path, heading in (
        ("/monitoring/", "Indicatoren"),
        ("/monitoring/bronnen/", "Bronnen"),
        ("/monitoring/imports/", "Imports"),
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", name=f"Cijfers: {heading}")).to_be_visible()
        assert_accessible(page)
    page.get_by_role("row", name="eenzaamheid-2016.csv").get_by_role("link").click()
    expect(page.get_by_role("cell", name="Buitenhof")).to_be_visible()
    assert_accessible(page)


def _next_job(queue: list, step: str) -> int:
    upload_id, queued_step = queue.pop(0)
    assert queued_step == step
    return upload_id
