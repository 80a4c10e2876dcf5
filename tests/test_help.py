"""The user guide inside the product: /hulp/ shows docs/gebruikers (Dutch) and docs/users (English) as
pages, and `{% help_panel %}` opens a page with the first part of its topic."""

import re
import time

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from config import help as guide

pytestmark = pytest.mark.django_db

PANEL = '{% load help %}{% help_panel "vergelijking" %}'


def render(source: str, language: str = "nl") -> str:
    with translation.override(language):
        return Template(source).render(Context({}))


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """A guide of its own, so a test can write any Markdown into it."""
    for folder in ("gebruikers", "users"):
        (tmp_path / folder).mkdir()
        for topic in guide.TOPICS:
            (tmp_path / folder / f"{topic}.md").write_text(f"# {topic}\n\nKort.\n\n{guide.MARKER}\n\nLang.\n")
    monkeypatch.setattr(guide, "DOCS", tmp_path)
    return tmp_path


def test_every_topic_has_a_dutch_and_an_english_file_with_a_title_and_a_short_part():
    for folder in ("gebruikers", "users"):
        files = {path.stem for path in (guide.DOCS / folder).glob("*.md")}
        assert files == set(guide.TOPICS), folder
        for topic in guide.TOPICS:
            text = (guide.DOCS / folder / f"{topic}.md").read_text(encoding="utf-8")
            assert text.startswith("# "), (folder, topic)
            assert text.count(guide.MARKER) == 1, (folder, topic)


def test_the_guide_has_the_topics_the_issue_asks_for():
    wanted = {"index", "signalen", "dashboard", "vergelijking", "tabellen", "uploaden", "privacy", "inwoners", "leren"}
    assert wanted <= set(guide.TOPICS)


def test_the_help_index_lists_every_topic_and_each_page_opens(member_client):
    index = member_client.get("/hulp/")
    assert index.status_code == 200
    for topic in guide.TOPICS[1:]:
        assert f'href="/hulp/{topic}/"' in index.content.decode(), topic
        assert member_client.get(f"/hulp/{topic}/").status_code == 200, topic


def test_a_help_page_needs_a_login(client):
    response = client.get("/hulp/vergelijking/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get("/hulp/").status_code == 302


def test_the_residents_help_page_opens_without_a_login(client):
    response = client.get("/hulp/inwoners/")
    assert response.status_code == 200
    assert "Uw gegevens bij de adviesraad" in response.content.decode()


def test_an_unknown_topic_is_not_found(member_client):
    assert member_client.get("/hulp/bestaat-niet/").status_code == 404


def test_a_help_page_speaks_the_active_language(member_client):
    page = member_client.get("/hulp/vergelijking/").content.decode()
    assert "<h1>De vergelijking: signalen naast cijfers</h1>" in page
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = member_client.get("/hulp/vergelijking/").content.decode()
    assert "<h1>The comparison: signals against figures</h1>" in page
    assert '<html lang="en">' in page


def test_the_whole_page_holds_what_the_panel_leaves_out(member_client):
    page = member_client.get("/hulp/vergelijking/").content.decode()
    assert "De oordelen lezen" in page and "Financiële zorgen" in page
    assert guide.MARKER not in page and "&lt;!-- meer" not in page


def test_tables_in_the_guide_scroll_in_a_labelled_focusable_region(member_client):
    page = member_client.get("/hulp/vergelijking/").content.decode()
    region = re.search(r'<div class="table-responsive" role="region" tabindex="0" aria-label="([^"]+)">\s*<table', page)
    assert region and region.group(1) == "De oordelen lezen"


def test_raw_html_in_a_help_file_is_shown_as_text(docs, member_client):
    (docs / "gebruikers" / "tabellen.md").write_text(
        '# Tabellen\n\n<script>alert(1)</script> <b style="color:red">vet</b>\n\n'
        f"{guide.MARKER}\n\n<img src=x onerror=alert(1)>\n"
    )
    page = member_client.get("/hulp/tabellen/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<img src=x" not in page and 'style="color' not in page


def test_a_link_to_another_topic_opens_its_help_page_and_a_script_link_is_no_link(docs, member_client):
    (docs / "gebruikers" / "dashboard.md").write_text(
        "# Overzicht\n\nZie [de vergelijking](vergelijking.md#de-toetsen) en [klik](javascript:alert(1)).\n\n"
        f"{guide.MARKER}\n"
    )
    page = member_client.get("/hulp/dashboard/").content.decode()
    assert '<a href="/hulp/vergelijking/#de-toetsen">de vergelijking</a>' in page
    assert "javascript:" not in page.split("<main", 1)[1].split("</main>", 1)[0].replace("[klik](javascript", "")


def test_english_falls_back_to_dutch_when_a_topic_is_not_translated(docs):
    (docs / "users" / "leren.md").unlink()
    with translation.override("en"):
        assert guide.page_of("leren").title == "leren"
    assert guide.page_of("leren", "en").summary == guide.page_of("leren", "nl").summary


def test_a_file_is_rendered_once_per_language_until_it_changes(docs):
    first = guide.page_of("signalen", "nl")
    assert guide.page_of("signalen", "nl") is first  # kept
    assert guide.page_of("signalen", "en") is not first  # each language its own
    time.sleep(0.01)
    (docs / "gebruikers" / "signalen.md").write_text(f"# Signalen\n\nNieuw.\n\n{guide.MARKER}\n")
    assert "Nieuw." in guide.page_of("signalen", "nl").summary


def test_the_panel_shows_the_short_part_and_links_to_more():
    html = render(PANEL)
    assert html.strip().startswith('<details class="help-panel">')
    assert "<summary>Hoe werkt dit?</summary>" in html
    assert "datagat" in html and "bevestigd" in html  # the verdicts, in short
    assert "De oordelen lezen" not in html  # the rest stays on the help page
    assert re.search(r'<a href="/hulp/vergelijking/">Meer uitleg<span class="visually-hidden">[^<]+</span></a>', html)


def test_the_panel_speaks_english_too():
    html = render(PANEL, "en")
    assert "data gap" in html and "blind spot" in html and "datagat" in html
    assert 'href="/hulp/vergelijking/"' in html


@pytest.mark.parametrize("topic", ["dashboard", "vergelijking", "tabellen", "uploaden", "signalen"])
def test_each_main_page_has_a_short_panel(topic):
    html = render('{% load help %}{% help_panel "' + topic + '" %}')
    words = len(re.sub(r"<[^>]+>", " ", html).split())
    assert 25 < words < 160, (topic, words)  # short: a few sentences, not the whole guide


def test_a_panel_with_an_unknown_topic_fails_loudly():
    with pytest.raises(TemplateSyntaxError):
        render('{% load help %}{% help_panel "bestaat-niet" %}')


def test_the_footer_links_the_guide(member_client, client):
    assert 'href="/hulp/"' in member_client.get("/").content.decode()
    assert 'href="/hulp/inwoners/"' in Client().get("/mijn-gegevens/").content.decode()


def test_help_pages_carry_no_inline_script_or_style(member_client):
    for topic in guide.TOPICS:
        page = member_client.get(reverse(f"help:{topic}")).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), topic
        assert " style=" not in page and "<style" not in page, topic


MAIN_PAGES = [
    ("home", "dashboard"),
    ("monitoring:comparison", "vergelijking"),
    ("monitoring:tables", "tabellen"),
    ("monitoring:upload", "uploaden"),
    ("monitoring:indicators", "cijfers"),
    ("monitoring:data_requests", "opvolging"),
    ("monitoring:inquiries", "opvolging"),
    ("learning:index", "leren"),
    ("consent:contacts", "contacten"),
    ("consent:register", "privacy", "privacy_client"),
    ("consent:access_log", "privacy", "privacy_client"),
    ("signals:create", "signalen"),
]


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda row: row[0])
def test_each_main_page_explains_itself_in_a_panel_linking_its_help_page(request, main_page):
    name, topic, who = (*main_page, "coordinator_client")[:3]
    page = request.getfixturevalue(who).get(reverse(name)).content.decode()
    panel = page.split('<details class="help-panel">', 1)
    assert len(panel) == 2, f"{name} has no 'Hoe werkt dit?' panel"
    assert "Hoe werkt dit?" in panel[1]
    assert f'href="{reverse(f"help:{topic}")}"' in panel[1]
