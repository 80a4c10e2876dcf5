"""Every page needs a login, speaks Dutch first, and is served under a strict CSP."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from config.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccountsRefused, demo_accounts_create
from tests.factories import SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("home", []),
    ("signals:list", []),
    ("signals:create", []),
    ("signals:detail", ["signal"]),
    ("signals:edit", ["signal"]),
    ("signals:delete", ["signal"]),
    ("signals:themes", []),
    ("signals:theme_create", []),
    ("signals:theme_edit", ["theme"]),
    ("monitoring:indicators", []),
    ("monitoring:sources", []),
    ("monitoring:imports", []),
    ("monitoring:comparison", []),
    ("monitoring:tables", []),
    ("monitoring:saved_tables", []),
    ("monitoring:inquiries", []),
    ("monitoring:inquiry_create", []),
    ("monitoring:data_requests", []),
    ("monitoring:data_request_create", []),
    ("monitoring:link_requests", []),
    ("monitoring:link_request_create", []),
    ("monitoring:upload", []),
    ("signals:dismissals", []),
    ("learning:index", []),
    ("learning:suggestions", []),
    ("learning:topics", []),
    ("learning:agreement", []),
    ("learning:agreement_create", []),
    ("learning:qda", []),
    ("learning:qda_import", []),
]


@pytest.fixture
def urls():
    from signals.models import Theme

    signal = SignalFactory()
    theme = Theme.objects.first()
    ids = {"signal": signal.pk, "theme": theme.pk}
    return [reverse(name, args=[ids[a] for a in args]) for name, args in PAGES]


def test_every_page_sends_anonymous_visitors_to_the_login(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_the_admin_is_behind_a_login_too(client):
    assert client.get("/beheer/").status_code == 302


def test_the_login_page_is_dutch_and_explains_a_wrong_password(client, member):
    page = client.get(reverse("login")).content.decode()
    assert 'lang="nl"' in page and "Inloggen" in page
    wrong = client.post(reverse("login"), {"username": member.username, "password": "fout"})
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in wrong.content.decode()


def test_logging_in_and_out(client, member):
    response = client.post(reverse("login"), {"username": member.username, "password": "een-lang-test-wachtwoord"})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_pages_carry_a_strict_content_security_policy(member_client):
    policy = member_client.get(reverse("signals:list"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "style-src 'self'" in policy


@pytest.mark.parametrize("role", ["member_client", "coordinator_client"])
def test_pages_have_no_inline_script(role, urls, request):
    import re

    client = request.getfixturevalue(role)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        html = response.content.decode()
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, (url, tag)
        assert " style=" not in html, url


def test_bootstrap_and_htmx_are_served_by_the_app(member_client):
    html = member_client.get(reverse("home")).content.decode()
    assert "/static/bootstrap/css/bootstrap.min.css" in html
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "http://" not in html.replace('xmlns="http://', "") and "https://" not in html


def test_pages_have_a_skip_link_and_a_main_landmark(member_client):
    html = member_client.get(reverse("signals:list")).content.decode()
    assert 'href="#inhoud"' in html and '<main id="inhoud"' in html


def test_switching_to_english(member_client):
    member_client.post(reverse("set_language"), {"language": "en", "next": "/signalen/"})
    page = member_client.get(reverse("signals:list")).content.decode()
    assert 'lang="en"' in page
    assert "Signals" in page and "New signal" in page


@override_settings(DEBUG=True)
def test_demo_accounts_are_made_once_per_role_in_debug(client):
    assert sorted(demo_accounts_create()) == sorted(DEMO_ACCOUNTS)
    assert demo_accounts_create() == []
    for name in DEMO_ACCOUNTS:
        assert Group.objects.get(name=name).user_set.filter(username=name).exists()
    assert client.login(username="lid", password=DEMO_PASSWORD)


@override_settings(DEBUG=False)
def test_no_demo_account_can_be_made_with_debug_off():
    from django.contrib.auth import get_user_model

    with pytest.raises(DemoAccountsRefused):
        demo_accounts_create()
    assert not get_user_model().objects.filter(username__in=DEMO_ACCOUNTS).exists()


def test_errors_leak_nothing_of_the_request(member_client):
    response = member_client.get("/signalen/06-12345678/")
    assert response.status_code == 404
    assert "06-12345678" not in response.content.decode()


def test_personal_data_in_logged_paths_and_tracebacks_is_redacted(member_client):
    import io
    import logging

    from config.logfilters import RedactingFormatter

    django_logger = logging.getLogger("django")
    ours = [h for h in django_logger.handlers if type(h) is logging.StreamHandler]  # pytest adds its own too
    assert not django_logger.propagate and len(ours) == 1  # Django's unfiltered console handler is gone
    handler = ours[0]
    assert isinstance(handler.formatter, RedactingFormatter)
    out = io.StringIO()
    probe = logging.StreamHandler(out)
    probe.setFormatter(handler.formatter)  # the configured formatter, as production uses it
    django_logger.addHandler(probe)
    try:
        member_client.get("/signalen/jan@example.nl/06-12345678/")
        try:
            raise ValueError("Failing row contains (BSN 111222333, NL91ABNA0417164300)")
        except ValueError:
            logging.getLogger("django.request").exception("Internal Server Error: /x/")
    finally:
        django_logger.removeHandler(probe)
    logged = out.getvalue()
    assert "Not Found: /signalen/[E-MAIL]/[TELEFOON]/" in logged
    assert "Failing row contains (BSN [BSN], [IBAN])" in logged  # the traceback too
    for secret in ("jan@example.nl", "06-12345678", "111222333", "NL91ABNA0417164300"):
        assert secret not in logged


def test_a_get_to_a_button_address_gets_a_friendly_page(member_client):
    response = member_client.get(reverse("logout"))
    assert response.status_code == 405
    assert "Deze pagina werkt alleen via een knop" in response.content.decode()
    assert "POST" in response["Allow"]


def test_the_error_page_for_a_crash_needs_no_database():
    """Rendered without the database: it must work when the database is what failed."""
    from django.test import RequestFactory

    from config.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_an_expired_form_gets_a_dutch_page(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": member.username, "password": "x"})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()


def test_a_beheerder_cannot_make_anyone_superuser_or_change_own_roles(rf):
    from django.contrib.admin.sites import site
    from django.contrib.auth import get_user_model

    beheerder = UserFactory(username="beheer-test", is_staff=True)
    beheerder.groups.add(Group.objects.get(name="beheerder"))
    other = UserFactory(username="iemand")
    admin = site._registry[get_user_model()]
    request = rf.get("/beheer/")
    request.user = beheerder
    assert {"is_superuser", "user_permissions"} <= set(admin.get_readonly_fields(request, other))
    assert "groups" not in admin.get_readonly_fields(request, other)
    assert {"groups", "is_superuser"} <= set(admin.get_readonly_fields(request, beheerder))


def _routes(resolver, prefix=""):
    """Every (route, view) of the URLconf, nested includes walked."""
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _routes(pattern, prefix + namespace)
        else:
            yield prefix + (pattern.name or str(pattern.pattern)), pattern.callback


# The only pages anyone may open without an account, each with its reason (ADR 3).
OPEN_PAGES = {
    "login",  # to log in
    "set_language",  # the language switch in every footer
    "resident:request",  # residents have no account: they ask for a personal link (ADR 4)
    "resident:open",  # the signed single-use link stands in for the login
    "resident:overview",
    "resident:download",
    "resident:withdraw",
    "resident:erase",
    "resident:privacy",  # the public privacy statement
    "help:inwoners",  # the residents' help page
}


def test_only_the_pages_named_in_adr_3_open_without_a_login():
    from django.urls import get_resolver

    open_pages = {name for name, view in _routes(get_resolver()) if not getattr(view, "login_required", True)}
    admin = {name for name in open_pages if name.startswith("admin:")}
    assert open_pages - admin == OPEN_PAGES
