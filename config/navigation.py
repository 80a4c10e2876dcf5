"""The main menu: a few groups of links, each link shown only to whom its page lets in (ADR 11).

A link names the permissions of its page's view, any one of which is enough; the server checks them
again, so the menu only hides what would be refused anyway (ADR 3)."""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str
    perms: tuple[str, ...] = ()  # any one is enough; empty: everyone who is logged in
    staff: bool = False


@dataclass(frozen=True)
class Group:
    label: str
    links: tuple[Link, ...]


@dataclass
class Shown:
    """A link as one user sees it on one page."""

    url: str
    label: str
    current: bool = False  # this page: aria-current="page"
    active: bool = False  # this page or a page under it


@dataclass
class ShownGroup:
    label: str
    links: list[Shown] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(link.active for link in self.links)


MENU = (
    Group(
        _("Signalen"),
        (
            Link("signals:list", _("Alle signalen"), ("signals.view_signal",)),
            Link("signals:create", _("Nieuw signaal"), ("signals.add_signal",)),
            Link("signals:themes", _("Thema's"), ("signals.view_theme",)),
            Link("signals:dismissals", _("Afgewezen meldingen"), ("signals.review_dismissedfinding",)),
        ),
    ),
    Group(
        _("Cijfers"),
        (
            Link("monitoring:comparison", _("Vergelijking"), ("monitoring.view_indicator",)),
            Link("monitoring:tables", _("Tabellenmaker"), ("monitoring.view_indicator",)),
            Link("monitoring:saved_tables", _("Bewaarde tabellen"), ("monitoring.view_savedtable",)),
            Link("monitoring:indicators", _("Indicatoren"), ("monitoring.view_indicator",)),
            Link("monitoring:sources", _("Bronnen"), ("monitoring.view_source",)),
            Link("monitoring:areas", _("Gebieden"), ("monitoring.view_area",)),
            Link("monitoring:upload", _("Bestand uploaden"), ("monitoring.add_upload",)),
            Link("monitoring:imports", _("Imports"), ("monitoring.view_import",)),
        ),
    ),
    Group(
        _("Opvolging"),
        (
            Link("monitoring:data_requests", _("Datavragen"), ("monitoring.view_datarequest",)),
            Link("monitoring:inquiries", _("Verdiepingsvragen"), ("monitoring.view_inquiry",)),
        ),
    ),
    Group(
        _("Leren"),
        (
            Link("learning:index", _("Leren van signalen"), ("signals.view_signal",)),
            Link("learning:suggestions", _("Themavoorstellen"), ("learning.view_thememodel",)),
            Link("learning:topics", _("Onderwerpen die opkomen"), ("learning.view_topicrun",)),
            Link(
                "learning:agreement",
                _("Overeenstemming tussen leden"),
                ("learning.manage_agreementround", "learning.tag_agreementround"),
            ),
            Link("learning:qda", _("Uitwisselen met analyseprogramma's"), ("learning.export_qda", "signals.add_theme")),
        ),
    ),
    Group(
        _("Privacy"),
        (
            Link("consent:contacts", _("Contacten"), ("consent.view_contact",)),
            Link("consent:purposes", _("Doelen"), ("consent.view_purpose",)),
            Link("monitoring:link_requests", _("Koppelverzoeken"), ("monitoring.view_linkrequest",)),
            Link("consent:access_log", _("Inzagelogboek"), ("consent.view_accesslog",)),
            Link("consent:register", _("Verwerkingsregister"), ("consent.view_register",)),
        ),
    ),
)
LINKS = (
    Link("admin:index", _("Beheer"), staff=True),
    Link("help:index", _("Hulp")),
)


def _may_see(link: Link, user) -> bool:
    if link.staff:
        return user.is_staff
    return not link.perms or any(user.has_perm(perm) for perm in link.perms)


def main_menu(request: HttpRequest) -> dict:
    """The groups and single links this user may see, with the current page marked."""
    user = request.user
    groups = [ShownGroup(g.label, [_shown(link) for link in g.links if _may_see(link, user)]) for g in MENU]
    links = [_shown(link) for link in LINKS if _may_see(link, user)]
    menu = {"groups": [group for group in groups if group.links], "links": links}
    _mark(menu, request.path)
    return menu


def _shown(link: Link) -> Shown:
    return Shown(reverse(link.url_name), link.label)


def _mark(menu: dict, path: str) -> None:
    """The link whose address is the longest start of this page's address is where the user is."""
    links = [link for group in menu["groups"] for link in group.links] + menu["links"]
    under = [link for link in links if path.startswith(link.url)]
    if under:
        best = max(under, key=lambda link: len(link.url))
        best.active = True
        best.current = best.url == path
