"""The linking rule on every page (issue 11): figures of a source that needs an approved linking
request appear nowhere for a user whom no approved, unexpired request covers.

The pages are not listed by hand. The walk takes every pattern of the project's URLconf, fills its
parameters from FILL (a pattern with parameters that FILL does not know fails the test loudly, so a
new page cannot slip past), asks it as every role, plain and as an htmx fragment, with the query
variants in QUERIES and the form posts in POSTS, and looks for the panel's figures in what comes back:
the page, a CSV, or the cells of an XLSX."""

from __future__ import annotations

import datetime
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from consent.links import link_create
from consent.models import Purpose
from monitoring.models import (
    Area,
    DataRequest,
    Import,
    Indicator,
    Inquiry,
    LinkRequest,
    SavedTable,
    Source,
    Upload,
)
from monitoring.services import areas_load, observations_import
from signals.models import DismissedFinding, Signal, Theme
from tests.factories import SignalFactory, record_contact
from tests.monitoring import everywhere_learning

pytestmark = pytest.mark.django_db

PANEL = "panel-eenzaam"
YEAR = 2025  # the year of the signals and of the panel's figures
# Figures no page shows by chance: each is looked for with one to four decimals.
VALUE = 61.7843  # Delft, set by the second import
BEFORE = 44.3719  # Delft, set by the first import: the history's old value
DISTRICT = 73.2591  # Buitenhof
GROUP = 38.6124  # Delft, 65-plussers
CI_LOW, CI_HIGH, BENCHMARK = 57.1329, 66.4361, 52.9187
WAITING = 59.0537  # in a checked file that is not imported yet
N = 48263
FIGURES = [VALUE, BEFORE, DISTRICT, GROUP, CI_LOW, CI_HIGH, BENCHMARK, WAITING]
HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
ROLES = ["lid", "coordinator", "privacy", "beheerder", None]  # None: not logged in


def texts_of(value: float) -> set[str]:
    """How a page, a CSV or a sentence can write the value: Dutch with a decimal comma, or with a point;
    rounded, or cut off (as Django's number_format does)."""
    cut = {f"{value:.{d}f}" for d in (1, 2, 3, 4)} | {f"{math.trunc(value * 10**d) / 10**d:.{d}f}" for d in (1, 2, 3)}
    return {t.replace(".", ",") for t in cut} | {t for t in cut if len(t.split(".")[1]) >= 2}


TEXTS = sorted(set().union(*map(texts_of, FIGURES)) | {str(N), f"{N:,}".replace(",", "."), f"{N:,}"})
HASHES = re.compile(r"[0-9a-f]{12,64}")  # file fingerprints (SHA-256) may hold any digits


def leaks(response) -> list[str]:
    """The panel's figures found in a response: in its text, or in the cells of a spreadsheet."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        return _leaks_in_xlsx(content)
    text = HASHES.sub("", content.decode("utf-8-sig", errors="replace"))
    return [t for t in TEXTS if t in text]


def _leaks_in_xlsx(content: bytes) -> list[str]:
    found = []
    for sheet in openpyxl.load_workbook(io.BytesIO(content)).worksheets:
        for cell in (c for row in sheet.iter_rows() for c in row):
            if isinstance(cell.value, int | float) and any(abs(cell.value - f) < 0.005 for f in [*FIGURES, N]):
                found.append(f"{cell.coordinate}={cell.value}")
            elif isinstance(cell.value, str):
                found += [f"{cell.coordinate}: {t}" for t in TEXTS if t in cell.value]
    return found


# The world: the resident panel's figures, under a source that needs approval, and one of everything


@dataclass
class World:
    users: dict
    panel: Source
    theme: Theme
    signal: Signal
    imports: list[int]
    uploads: list[int]
    saved_tables: list[int]
    data_request: int
    inquiry: int
    link_requests: list[int]
    purpose: int
    contact: str
    receipt: str
    token: str


def _user(role: str):
    user = get_user_model().objects.create_user(f"{role}-walk", password="een-lang-test-wachtwoord")
    user.groups.add(Group.objects.get(name=role))
    if role == "beheerder":
        user.is_staff = True  # the beheerder manages accounts in the admin
        user.save()
    return user


def _row(area: str, value: float, *, category: str = "", n: int | str = "", ci=("", ""), benchmark="") -> str:
    return f"{PANEL},{area},{YEAR},{category},{value},{n},{ci[0]},{ci[1]},{benchmark}\n"


def _upload(client: Client, text: str, name: str) -> int:
    file = SimpleUploadedFile(name, (HEADER + text).encode())
    client.post(reverse("monitoring:upload"), {"format": "long", "file": file})
    return Upload.objects.filter(file_name=name).get().pk


def _save_table(client: Client, name: str, query: dict) -> int:
    client.post(reverse("monitoring:table_save"), {"name": name, "query": urlencode(query, doseq=True)})
    return SavedTable.objects.get(name=name).pk


@pytest.fixture
def world(db) -> World:
    cache.clear()  # the dashboard's figures are cached per set of usable sources
    areas_load(municipality_code="GM0503")
    users = {role: _user(role) for role in ROLES if role}
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    theme = Theme.objects.get(slug="eenzaamheid")
    # Open while the first figures come in and a table is saved; then it needs approval.
    panel = Source.objects.create(
        name="Inwonerspanel", owner="Gemeente Delft", kind=Source.Kind.RESIDENT_PANEL, linking_policy="open"
    )
    indicator = Indicator.objects.create(
        code=PANEL,
        name="Eenzaam (panel)",
        definition="Deel van de panelleden dat zich eenzaam voelt.",
        unit=Indicator.Unit.PERCENTAGE,
        polarity=Indicator.Polarity.HIGHER_IS_WORSE,
        source=panel,
        benchmark_label="Nederland",
    )
    indicator.themes.add(theme)
    first = observations_import(
        data=(
            HEADER
            + _row("GM0503", BEFORE, n=N, benchmark=BENCHMARK)
            + _row("WK050325", DISTRICT, n=N)
            + _row("GM0503", GROUP, category="65+")
        ).encode(),
        file_name="panel-eerste.csv",
        user=users["coordinator"],
    ).source_import
    done = _upload(
        coordinator, _row("GM0503", VALUE, n=N, ci=(CI_LOW, CI_HIGH), benchmark=BENCHMARK), "panel-tweede.csv"
    )
    coordinator.post(reverse("monitoring:upload_confirm", args=[done]))
    saved_open = _save_table(coordinator, "Panel toen het open was", TABLES[0])
    Source.objects.filter(pk=panel.pk).update(linking_policy=Source.LinkingPolicy.APPROVAL)
    panel.refresh_from_db()
    waiting = _upload(coordinator, _row("GM0503", WAITING, n=N), "panel-derde.csv")
    saved_closed = _save_table(coordinator, "Alle indicatoren", TABLES[1])
    for district in ("WK050325", None):
        area = Area.objects.filter(code=district).first()
        for _n in range(6):
            SignalFactory(conversation_date=datetime.date(YEAR, 3, 14), district=area, created_by=users["lid"])
    contact = record_contact(user=users["coordinator"])
    today = timezone.localdate()
    links = []
    for status, until in (
        (LinkRequest.Status.SUBMITTED, today + datetime.timedelta(days=30)),
        (LinkRequest.Status.APPROVED, today - datetime.timedelta(days=1)),  # expired: covers nobody
        (LinkRequest.Status.REJECTED, today + datetime.timedelta(days=30)),
    ):
        link = LinkRequest.objects.create(
            purpose="Panel naast signalen", benefit="Beter beeld", valid_until=until, status=status
        )
        link.sources.set([panel])
        link.users.set(users.values())
        links.append(link.pk)
    return World(
        users=users,
        panel=panel,
        theme=theme,
        signal=Signal.objects.first(),
        imports=[first.pk, Import.objects.get(file_name="panel-tweede.csv").pk],
        uploads=[done, waiting],
        saved_tables=[saved_open, saved_closed],
        data_request=DataRequest.objects.create(
            theme=theme,
            area=Area.objects.get(code="GM0503"),
            period=YEAR,
            verdict="bevestigd",
            which_data="Panelcijfers",
            why="Bevestigd",
            level=Area.Level.MUNICIPALITY,
        ).pk,
        inquiry=Inquiry.objects.create(question="Waarom eenzaam?", theme=theme).pk,
        link_requests=links,
        purpose=Purpose.objects.first().pk,
        contact=str(contact.reference),
        receipt=str(contact.consents.first().receipt_id),
        token=link_create(contact=contact),
    )


TABLE = {"gegevens": "waarnemingen", "indicator": PANEL, "rijen": "gebied", "kolommen": "periode"}
TABLES = [
    {**TABLE, "gebied": ["GM0503", "WK050325"]},
    {"gegevens": "waarnemingen", "rijen": "indicator", "kolommen": "periode"},
    {"gegevens": "waarnemingen", "indicator": PANEL, "rijen": "categorie", "kolommen": ""},
    {"gegevens": "waarnemingen", "rijen": "indicator", "kolommen": "gebied", "gebied": ["GM0503", "WK050325"]},
]


def _prefills(w: World) -> list[dict]:
    return [{}] + [
        {"thema": w.theme.pk, "gebied": area, "periode": YEAR, "oordeel": "bevestigd"}
        for area in ("GM0503", "WK050325")
    ]


def _user_ids(w: World) -> list[dict]:
    return [{"object_id": w.users["lid"].pk}]


# Every pattern with parameters, by its route: the values to fill in (one dict per variant).
FILL: dict[str, Callable[[World], list[dict]]] = {
    "signalen/<int:pk>/": lambda w: [{"pk": w.signal.pk}],
    "signalen/<int:pk>/bewerken/": lambda w: [{"pk": w.signal.pk}],
    "signalen/<int:pk>/verwijderen/": lambda w: [{"pk": w.signal.pk}],
    "signalen/themas/<int:pk>/bewerken/": lambda w: [{"pk": w.theme.pk}],
    "signalen/themas/<int:pk>/aan-uit/": lambda w: [{"pk": w.theme.pk}],
    "signalen/afgewezen-meldingen/<int:pk>/heropenen/": lambda w: [
        {"pk": DismissedFinding.objects.get_or_create(signal=w.signal, kind="NAAM", start=0, end=3)[0].pk}
    ],
    "monitoring/indicatoren/<slug:code>/": lambda w: [{"code": PANEL}],
    "monitoring/imports/<int:pk>/": lambda w: [{"pk": pk} for pk in w.imports],
    "monitoring/uploaden/<int:pk>/": lambda w: [{"pk": pk} for pk in w.uploads],
    "monitoring/uploaden/<int:pk>/voortgang/": lambda w: [{"pk": pk} for pk in w.uploads],
    "monitoring/uploaden/<int:pk>/koppelen/": lambda w: [{"pk": pk} for pk in w.uploads],
    "monitoring/uploaden/<int:pk>/importeren/": lambda w: [{"pk": pk} for pk in w.uploads],
    "monitoring/uploaden/<int:pk>/annuleren/": lambda w: [{"pk": pk} for pk in w.uploads],
    "monitoring/tabellen/export.<str:fmt>": lambda w: [{"fmt": "csv"}, {"fmt": "xlsx"}],
    "monitoring/tabellen/bewaard/<int:pk>/": lambda w: [{"pk": pk} for pk in w.saved_tables],
    "monitoring/datavragen/<int:pk>/": lambda w: [{"pk": w.data_request}],
    "monitoring/datavragen/<int:pk>/status/": lambda w: [{"pk": w.data_request}],
    "monitoring/verdiepingsvragen/<int:pk>/": lambda w: [{"pk": w.inquiry}],
    "monitoring/verdiepingsvragen/<int:pk>/sluiten/": lambda w: [{"pk": w.inquiry}],
    "monitoring/koppelverzoeken/<int:pk>/": lambda w: [{"pk": pk} for pk in w.link_requests],
    "monitoring/koppelverzoeken/<int:pk>/besluit/": lambda w: [{"pk": pk} for pk in w.link_requests],
    "toestemming/contact/<uuid:reference>/": lambda w: [{"reference": w.contact}],
    "toestemming/contact/<uuid:reference>/toestemmingen/": lambda w: [{"reference": w.contact}],
    "toestemming/contact/<uuid:reference>/toestemming-toevoegen/": lambda w: [{"reference": w.contact}],
    "toestemming/contact/<uuid:reference>/signaal-koppelen/": lambda w: [{"reference": w.contact}],
    "toestemming/contact/<uuid:reference>/wissen/": lambda w: [{"reference": w.contact}],
    "toestemming/bewijs/<uuid:receipt_id>/": lambda w: [{"receipt_id": w.receipt}],
    "toestemming/bewijs/<uuid:receipt_id>/json/": lambda w: [{"receipt_id": w.receipt}],
    "toestemming/bewijs/<uuid:receipt_id>/intrekken/": lambda w: [{"receipt_id": w.receipt}],
    "toestemming/doelen/<int:pk>/bewerken/": lambda w: [{"pk": w.purpose}],
    "mijn-gegevens/intrekken/<uuid:receipt_id>/": lambda w: [{"receipt_id": w.receipt}],
    "mijn-gegevens/link/<str:token>/": lambda w: [{"token": w.token}],
    "beheer/r/<path:content_type_id>/<path:object_id>/": lambda w: [
        {"content_type_id": ContentType.objects.get_for_model(get_user_model()).pk, "object_id": w.users["lid"].pk}
    ],
    "beheer/auth/group/<path:object_id>/history/": lambda w: [{"object_id": Group.objects.first().pk}],
    "beheer/auth/group/<path:object_id>/delete/": lambda w: [{"object_id": Group.objects.first().pk}],
    "beheer/auth/group/<path:object_id>/change/": lambda w: [{"object_id": Group.objects.first().pk}],
    "beheer/auth/group/<path:object_id>/": lambda w: [{"object_id": Group.objects.first().pk}],
    "beheer/auth/user/<id>/password/": lambda w: [{"id": w.users["lid"].pk}],
    "beheer/auth/user/<path:object_id>/history/": _user_ids,
    "beheer/auth/user/<path:object_id>/delete/": _user_ids,
    "beheer/auth/user/<path:object_id>/change/": _user_ids,
    "beheer/auth/user/<path:object_id>/": _user_ids,
    "beheer/^(?P<app_label>auth)/$": lambda w: [{"app_label": "auth"}],
    "beheer/(?P<url>.*)$": lambda w: [{"url": "monitoring/observation/"}],
    **everywhere_learning.FILL,
}
# Query variants that select the panel's figures, by route (default: none).
QUERIES: dict[str, Callable[[World], list[dict]]] = {
    "monitoring/": lambda w: [{}, {"bron": w.panel.pk}, {"q": "panel"}],
    "monitoring/indicatoren/<slug:code>/": lambda w: [
        {},
        {"groep": "65+"},
        {"gebieden": Area.objects.get(code="WK050325").pk},
    ],
    "monitoring/tabellen/": lambda w: TABLES,
    "monitoring/tabellen/export.<str:fmt>": lambda w: TABLES,
    "monitoring/vergelijking/": lambda w: [{}, {"gebied": "GM0503", "periode": YEAR}, {"gebied": "WK050325"}],
    "monitoring/datavragen/nieuw/": _prefills,
    "monitoring/verdiepingsvragen/nieuw/": _prefills,
}
# Forms that answer a post with a page (a wrong one shows the page again): (query, data).
POSTS: dict[str, Callable[[World], list[tuple[dict, dict]]]] = {
    "monitoring/tabellen/bewaren/": lambda w: [({}, {"name": "", "query": urlencode(t, doseq=True)}) for t in TABLES],
    "monitoring/datavragen/nieuw/": lambda w: [(query, {"which_data": ""}) for query in _prefills(w)],
}


@dataclass(frozen=True)
class Route:
    route: str
    params: tuple[str, ...]


def routes(resolver: URLResolver | None = None, prefix: str = "", params: tuple = ()) -> list[Route]:
    """Every pattern of the URLconf with its full route and the names of its parameters."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        here = (*params, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            found += routes(entry, prefix + str(entry.pattern), here)
        elif isinstance(entry, URLPattern):
            found.append(Route(prefix + str(entry.pattern), here))
    return found


def url_of(route: Route, values: dict) -> str:
    """The route with its parameters filled in; it must resolve to the same pattern."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route.route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    path = "/" + path.replace("^", "").replace("$", "")
    assert resolve(path).route == route.route.replace("^", ""), f"{path} does not lead to {route.route}"
    return path


def requests_of(world: World) -> list[tuple[str, str, dict, dict]]:
    """(method, path, query, data) for every pattern and variant; fails on a pattern it cannot fill."""
    unfilled = [r.route for r in routes() if r.params and r.route not in FILL]
    if unfilled:
        pytest.fail(f"The walk cannot fill these URL patterns; add them to FILL with real values: {unfilled}")
    asked = []
    for route in routes():
        for values in FILL[route.route](world) if route.params else [{}]:
            path = url_of(route, values)
            asked += [("get", path, query, {}) for query in QUERIES.get(route.route, lambda w: [{}])(world)]
            asked += [("post", path, query, data) for query, data in POSTS.get(route.route, lambda w: [])(world)]
    return asked


def ask(client: Client, method: str, path: str, query: dict, data: dict, *, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    if method == "post":
        return client.post(f"{path}?{urlencode(query, doseq=True)}", data, headers=headers, follow=True)
    return client.get(path, query, headers=headers, follow=True)


def test_fill_knows_only_patterns_that_exist_and_every_one_with_parameters():
    known = {r.route for r in routes()}
    assert set(FILL) <= known, f"FILL names patterns that are gone: {set(FILL) - known}"
    assert {r.route for r in routes() if r.params} <= set(FILL)
    assert set(QUERIES) | set(POSTS) <= known


@pytest.mark.parametrize("role", ROLES)
def test_no_page_fragment_or_export_shows_figures_of_a_source_needing_approval(world, role):
    client = Client()
    if role:
        client.force_login(world.users[role])
    found = []
    for method, path, query, data in requests_of(world):
        for htmx in (False, True):
            response = ask(client, method, path, query, data, htmx=htmx)
            assert response.status_code < 500, (method, path, query)
            if leaked := leaks(response):
                found.append(f"{method.upper()} {path}?{urlencode(query, doseq=True)} htmx={htmx}: {leaked}")
    assert not found, "\n".join(found)


def test_the_walk_asks_the_pages_that_hold_the_figures(world):
    paths = {path for _method, path, _query, _data in requests_of(world)}
    assert reverse("monitoring:indicator", args=[PANEL]) in paths
    assert {reverse("monitoring:import_detail", args=[pk]) for pk in world.imports} <= paths
    assert {reverse("monitoring:saved_table", args=[pk]) for pk in world.saved_tables} <= paths
    assert reverse("monitoring:table_export", args=["xlsx"]) in paths


def _approve(world: World, user) -> None:
    link = LinkRequest.objects.create(
        purpose="Panel naast signalen",
        benefit="Beter beeld",
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
        status=LinkRequest.Status.APPROVED,
    )
    link.sources.set([world.panel])
    link.users.set([user])


def test_an_approved_request_shows_the_figures_to_the_user_it_names_and_no_one_else(world):
    _approve(world, world.users["lid"])
    member, coordinator = Client(), Client()
    member.force_login(world.users["lid"])
    coordinator.force_login(world.users["coordinator"])
    indicator = reverse("monitoring:indicator", args=[PANEL])
    shown = set(leaks(member.get(indicator)))
    assert all(texts_of(figure) & shown for figure in (VALUE, CI_LOW, CI_HIGH, BENCHMARK)), shown
    assert f"{N:,}".replace(",", ".") in shown or str(N) in shown
    district = member.get(indicator, {"gebieden": Area.objects.get(code="WK050325").pk})
    assert texts_of(DISTRICT) & set(leaks(district))
    assert leaks(member.get(reverse("monitoring:tables"), TABLES[0]))
    assert leaks(member.get(reverse("monitoring:table_export", args=["csv"]), TABLES[0]))
    assert leaks(member.get(reverse("monitoring:table_export", args=["xlsx"]), TABLES[0]))
    assert not leaks(coordinator.get(indicator))


def test_a_coordinator_whom_a_request_covers_sees_what_an_import_set(world):
    _approve(world, world.users["coordinator"])
    coordinator = Client()
    coordinator.force_login(world.users["coordinator"])
    second = coordinator.get(reverse("monitoring:import_detail", args=[world.imports[1]]))
    assert {"44,3719", "61,7843"} <= set(leaks(second))
    waiting = coordinator.get(reverse("monitoring:upload_detail", args=[world.uploads[1]]))
    assert {"61,78", "59,05"} <= set(leaks(waiting))


def test_the_catalogue_lists_the_indicator_and_says_why_its_figures_are_hidden(world):
    member = Client()
    member.force_login(world.users["lid"])
    listed = member.get(reverse("monitoring:indicators")).content.decode()
    assert "Eenzaam (panel)" in listed and "koppelverzoek" in listed
    page = member.get(reverse("monitoring:indicator", args=[PANEL])).content.decode()
    assert "Deel van de panelleden dat zich eenzaam voelt." in page and "Nederland" in page
    assert "verborgen" in page and "koppelverzoek" in page


def test_a_saved_table_shows_its_figures_again_to_whom_a_request_covers_the_privacy_officer_too(world):
    _approve(world, world.users["privacy"])
    privacy = Client()
    privacy.force_login(world.users["privacy"])
    page = privacy.get(reverse("monitoring:saved_table", args=[world.saved_tables[0]]))
    assert texts_of(VALUE) & set(leaks(page))


def test_a_saved_copy_that_does_not_list_its_sources_is_hidden_while_any_source_needs_approval(world):
    saved = SavedTable.objects.get(pk=world.saved_tables[0])
    del saved.figures["sources"]  # saved before the sources were kept with the copy
    saved.save()
    member = Client()
    member.force_login(world.users["lid"])
    url = reverse("monitoring:saved_table", args=[saved.pk])
    page = member.get(url)
    assert "Daarom zijn de cijfers voor u verborgen." in page.content.decode() and not leaks(page)
    Source.objects.update(linking_policy=Source.LinkingPolicy.OPEN)
    assert texts_of(VALUE) & set(leaks(member.get(url)))
