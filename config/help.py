"""The user guide as help pages (/hulp/) and as the short panel a page opens with.

One source of truth: the Markdown files in docs/gebruikers (Dutch) and docs/users (English), one per
topic. The part of a file above MARKER is the short explanation of the panel; the page shows it all.
Raw HTML in a file is shown as text, so a help file cannot bring script or style under the CSP."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from markdown_it import MarkdownIt

DOCS: Path = settings.BASE_DIR / "docs"
FOLDERS = {"nl": "gebruikers", "en": "users"}
TOPICS = (
    "index",
    "signalen",
    "dashboard",
    "vergelijking",
    "tabellen",
    "cijfers",
    "uploaden",
    "opvolging",
    "leren",
    "contacten",
    "privacy",
    "inwoners",
)
PUBLIC = "inwoners"  # for residents, who have no account
MARKER = "<!-- meer -->"
TOPIC_LINK = re.compile(r"^(?P<topic>[a-z]+)\.md(?P<anchor>#[\w-]+)?$")


@dataclass(frozen=True)
class HelpPage:
    title: str
    summary: SafeString  # above the marker: the panel
    body: SafeString  # everything below the title: the page


def help_url(topic: str) -> str:
    return reverse(f"help:{topic}")


def page_of(topic: str, language: str | None = None) -> HelpPage:
    """The topic in the language (the active one by default), in Dutch when it is not translated."""
    if topic not in TOPICS:
        raise LookupError(f"No help topic {topic!r}; the topics are {', '.join(TOPICS)}")
    folder = FOLDERS.get((language or get_language() or "nl").split("-")[0], FOLDERS["nl"])
    file = DOCS / folder / f"{topic}.md"
    if not file.exists():
        file = DOCS / FOLDERS["nl"] / f"{topic}.md"
    return _rendered(file, file.stat().st_mtime_ns)


@lru_cache(maxsize=4 * len(TOPICS))
def _rendered(file: Path, _modified: int) -> HelpPage:
    """Rendered once per file (so per language) and kept until the file changes."""
    heading, _newline, text = file.read_text(encoding="utf-8").partition("\n")
    summary, _marker, rest = text.partition(MARKER)
    return HelpPage(
        title=heading.removeprefix("# ").strip(),
        summary=mark_safe(_markdown().render(summary)),
        body=mark_safe(_markdown().render(summary + rest)),
    )


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("label_tables", _label_tables)
    md.core.ruler.push("align_by_class", _align_by_class)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", lambda *args: "</table>\n</div>\n")
    return md


def _label_tables(state) -> None:
    """A table scrolls on a phone: its region is named after the heading above it."""
    label = ""
    for index, token in enumerate(state.tokens):
        if token.type == "heading_open":
            label = state.tokens[index + 1].content
        elif token.type == "table_open":
            token.meta["label"] = label


def _align_by_class(state) -> None:
    """A column's alignment as a Bootstrap class: the CSP refuses style attributes."""
    for token in state.tokens:
        style = str(token.attrGet("style") or "")
        if token.type in ("th_open", "td_open") and style:
            token.attrs.pop("style")
            if found := {"text-align:right": "text-end", "text-align:center": "text-center"}.get(style):
                token.attrSet("class", found)


def _link_open(self, tokens, idx, options, env) -> str:
    """A link to another topic's file (`vergelijking.md`) opens its help page."""
    token = tokens[idx]
    found = TOPIC_LINK.match(str(token.attrGet("href") or ""))
    if found and found["topic"] in TOPICS:
        token.attrSet("href", help_url(found["topic"]) + (found["anchor"] or ""))
    return self.renderToken(tokens, idx, options, env)


def _table_open(self, tokens, idx, options, env) -> str:
    label = escape(tokens[idx].meta.get("label", ""))
    return f'<div class="table-responsive" role="region" tabindex="0" aria-label="{label}">\n<table class="table">\n'


def help_page(request: HttpRequest, topic: str) -> HttpResponse:
    context = {"page": page_of(topic), "topic": topic}
    return render(request, "help/page.html", context)


@login_not_required
def help_for_residents(request: HttpRequest, topic: str = PUBLIC) -> HttpResponse:
    return help_page(request, PUBLIC)


# One pattern per topic rather than /hulp/<topic>/: an unknown topic is a 404 from the resolver, and the
# residents' page is the one that needs no login (docs/adr/0003).
urlpatterns = [
    path("", help_page, {"topic": "index"}, name="index"),
    *(path(f"{topic}/", help_page, {"topic": topic}, name=topic) for topic in TOPICS if topic not in ("index", PUBLIC)),
    path(f"{PUBLIC}/", help_for_residents, name=PUBLIC),
]
