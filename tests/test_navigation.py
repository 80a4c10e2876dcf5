"""The main menu: every page a role may use is in it or one click away from a page in it; no link leads
to a page the role is refused; the current page is marked for screen readers."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["lid", "coordinator", "privacy", "beheerder"]
HREF = re.compile(r'href="(/[^"#?]*)"')
# Not for a role's menu: the login, the residents' own pages, the admin's own tree, and the explanation of
# small-count protection, which is linked below every table (the administrator, who reads no tables, may open it).
NOT_IN_MENU = ("/inloggen/", "/uitloggen/", "/taal/", "/mijn-gegevens/", "/beheer/")
NOT_IN_MENU += ("/monitoring/tabellen/bescherming/",)


def client_for(role: str) -> Client:
    user = UserFactory(username=f"{role}-nav", is_staff=role == "beheerder")
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def menu_of(html: str) -> str:
    return html.split('<nav class="navbar', 1)[1].split("</nav>", 1)[0]


def pages_without_parameters(resolver=None, prefix: str = "") -> list[str]:
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(?P" in route:
            continue
        if isinstance(entry, URLResolver):
            found += pages_without_parameters(entry, route)
        elif isinstance(entry, URLPattern) and not route.endswith((".csv", ".qdpx", ".qdc")):
            found.append("/" + route.replace("^", "").replace("$", ""))
    return found


def is_page(response) -> bool:
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and (b'<main id="inhoud"' in response.content)
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_may_use_is_in_the_menu_or_one_click_away(role):
    client = client_for(role)
    menu = set(HREF.findall(menu_of(client.get("/").content.decode())))
    near = set(menu)
    for url in menu:
        near |= set(HREF.findall(client.get(url).content.decode()))
    missing = []
    for url in pages_without_parameters():
        if url.startswith(NOT_IN_MENU) or url in near:
            continue
        if is_page(client.get(url)):
            missing.append(url)
    assert missing == [], f"{role} may use these pages but cannot reach them from the menu: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_links_no_page_the_role_is_refused(role):
    client = client_for(role)
    for url in HREF.findall(menu_of(client.get("/").content.decode())):
        assert client.get(url).status_code == 200, (role, url)


def test_each_role_sees_its_own_groups():
    expected = {
        "lid": ({"Signalen", "Cijfers", "Opvolging", "Leren"}, {"Privacy", "Beheer"}),
        "coordinator": ({"Signalen", "Cijfers", "Opvolging", "Leren", "Privacy"}, {"Beheer"}),
        "privacy": ({"Signalen", "Cijfers", "Leren", "Privacy"}, {"Beheer", "Opvolging"}),
        "beheerder": ({"Beheer", "Hulp"}, {"Signalen", "Cijfers", "Opvolging", "Leren", "Privacy"}),
    }
    for role, (shown, hidden) in expected.items():
        menu = menu_of(client_for(role).get("/").content.decode())
        labels = set(re.findall(r'<summary class="site-nav-link[^"]*">([^<]+)</summary>', menu))
        labels |= set(re.findall(r'<a class="site-nav-link[^"]*" href="[^"]+"[^>]*>([^<]+)</a>', menu))
        assert shown <= labels and not (hidden & labels), (role, labels)


def test_the_current_page_is_marked_and_its_group_too(coordinator_client):
    menu = menu_of(coordinator_client.get("/monitoring/vergelijking/").content.decode())
    assert re.search(r'href="/monitoring/vergelijking/" aria-current="page"', menu)
    assert menu.count('aria-current="page"') == 1
    assert re.search(r'<summary class="site-nav-link active">Cijfers</summary>', menu)


def test_a_page_under_a_menu_page_marks_its_group_but_is_not_the_current_page(coordinator_client):
    menu = menu_of(coordinator_client.get("/monitoring/datavragen/nieuw/").content.decode())
    assert 'aria-current="page"' not in menu
    assert re.search(r'<summary class="site-nav-link active">Opvolging</summary>', menu)


def test_logout_is_a_post_button_in_the_account_menu(member_client):
    menu = menu_of(member_client.get("/").content.decode())
    account = menu.split('class="site-nav-group site-nav-account"', 1)[1]
    assert '<span class="visually-hidden">Ingelogd als </span>lid-user</summary>' in account
    logout = r'<form method="post" action="/uitloggen/">.*<button type="submit"[^>]*>Uitloggen</button>'
    assert re.search(logout, account, re.S)


def test_visitors_without_a_login_get_no_menu(client):
    page = client.get("/inloggen/").content.decode()
    assert "site-nav-panel" not in page and "Uitloggen" not in page
