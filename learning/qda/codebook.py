"""What a codebook would do to the themes: the plan shown as the preview and carried out on confirm.
Pure: it takes the file's codes, the themes as they are and the personal-data guard as a function.

A code is the theme with its GUID (a codebook we exported and someone edited: a new name there is a
rename here), else the theme with its name, case aside; else a new theme. The file's tree is the
tree: a code at the top is a main theme, a code in it an aspect of it. A code deeper than that goes
directly under its outermost code (themes go two levels deep). Themes the file does not name stay as
they are: nothing is deleted. Any problem refuses the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from learning.qda.guids import theme_ids_by_guid
from learning.qda.reading import Entry, Problem

NAME_MAX = 100  # Theme.name


@dataclass(frozen=True)
class ExistingTheme:
    id: int
    name: str
    parent_id: int | None


@dataclass
class Row:
    """What one code becomes. parent: None for a main theme, else ("id", pk) or ("new", index)."""

    index: int
    line: int | None
    name: str
    theme_id: int | None = None
    old_name: str = ""
    parent: tuple[str, int] | None = None
    parent_name: str = ""
    moved: bool = False
    old_parent_name: str = ""
    flattened: bool = False

    @property
    def is_new(self) -> bool:
        return self.theme_id is None

    @property
    def is_renamed(self) -> bool:
        return bool(self.old_name)


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def created(self) -> list[Row]:
        return [r for r in self.rows if r.is_new]

    @property
    def renamed(self) -> list[Row]:
        return [r for r in self.rows if r.is_renamed]

    @property
    def moved(self) -> list[Row]:
        return [r for r in self.rows if r.moved]

    @property
    def unchanged(self) -> list[Row]:
        return [r for r in self.rows if not (r.is_new or r.is_renamed or r.moved)]


class _Planner:
    def __init__(self, entries: list[Entry], themes: list[ExistingTheme], personal: Callable[[str], list[str]]):
        self.entries = entries
        self.themes = {t.id: t for t in themes}
        self.by_guid = theme_ids_by_guid(self.themes)
        self.by_name = {t.name.lower(): t for t in themes}
        self.personal = personal
        self.plan = Plan()
        self.keys: dict[int, tuple[str, int]] = {}  # entry index -> ("id", pk) or ("new", index)
        self.claimed_ids: dict[int, int | None] = {}
        self.claimed_names: dict[str, int | None] = {}

    def problem(self, entry: Entry, text: str, expected: str = "", *, show: bool = True) -> None:
        self.plan.problems.append(Problem(entry.line, entry.name[:NAME_MAX] if show else "", text, expected))

    def run(self) -> Plan:
        for entry in self.entries:
            row = self.row(entry)
            if row is not None:
                self.plan.rows.append(row)
        if not self.plan.problems:
            self.check_tree()
        return self.plan

    def name_ok(self, entry: Entry) -> bool:
        if not entry.name:
            self.problem(entry, _("Deze code heeft geen naam."), _("Een naam van 1 tot 100 tekens."))
            return False
        kinds = self.personal(entry.name[: NAME_MAX * 2])
        if kinds:
            self.problem(
                entry,
                _("De naam lijkt persoonsgegevens te bevatten (%(kinds)s). Hij wordt daarom niet getoond.")
                % {"kinds": ", ".join(kinds)},
                _("Pas de naam aan in uw programma en upload het codeboek opnieuw."),
                show=False,
            )
            return False
        if len(entry.name) > NAME_MAX:
            self.problem(entry, _("De naam is te lang."), _("Een naam van 1 tot 100 tekens."))
            return False
        return True

    def row(self, entry: Entry) -> Row | None:
        if not self.name_ok(entry):
            return None
        theme = self.themes.get(self.by_guid.get(entry.guid, 0)) or self.by_name.get(entry.name.lower())
        row = Row(index=entry.index, line=entry.line, name=entry.name, theme_id=theme.id if theme else None)
        if theme is not None and entry.name != theme.name and self.by_guid.get(entry.guid) == theme.id:
            other = self.by_name.get(entry.name.lower())
            if other is not None and other.id != theme.id:
                self.problem(entry, _("Er is al een ander thema met deze naam."), _("Een naam die nog vrij is."))
                return None
            row.old_name = theme.name
        if not self.claim(entry, row):
            return None
        self.keys[entry.index] = ("id", theme.id) if theme else ("new", entry.index)
        self.place(entry, row, theme)
        return row

    def claim(self, entry: Entry, row: Row) -> bool:
        """Each theme and each name once in a file."""
        earlier = self.claimed_names.get(row.name.lower(), False)
        if earlier is False and row.theme_id is not None:
            earlier = self.claimed_ids.get(row.theme_id, False)
        if earlier is not False:
            if earlier:
                text = _("Deze code staat twee keer in het bestand (ook op regel %(line)s).") % {"line": earlier}
            else:
                text = _("Deze code staat twee keer in het bestand.")
            self.problem(entry, text, _("Elke code één keer."))
            return False
        self.claimed_names[row.name.lower()] = entry.line
        if row.theme_id is not None:
            self.claimed_ids[row.theme_id] = entry.line
        return True

    def place(self, entry: Entry, row: Row, theme: ExistingTheme | None) -> None:
        """Under which theme the code comes, and whether an existing theme moves."""
        if entry.depth > 1:
            under = self.entries[entry.top if entry.depth > 2 else entry.parent]
            row.parent = self.keys.get(under.index)
            row.parent_name = under.name
            if entry.depth > 2:
                row.flattened = True
                self.plan.notes.append(
                    Problem(
                        entry.line,
                        entry.name,
                        _("Deze code lag dieper dan twee lagen."),
                        _("Hij komt direct onder „%(top)s”: thema's gaan twee lagen diep.") % {"top": under.name},
                    )
                )
        if theme is None:
            return
        now = ("id", theme.parent_id) if theme.parent_id else None
        if row.parent != now:
            row.moved = True
            row.old_parent_name = self.themes[theme.parent_id].name if theme.parent_id else ""

    def check_tree(self) -> None:
        """An existing main theme can only become an aspect when its own aspects leave it."""
        for row in self.plan.rows:
            if row.theme_id is None or row.parent is None:
                continue
            staying = [t for t in self.themes.values() if t.parent_id == row.theme_id and t.id not in self.claimed_ids]
            if staying:
                self.plan.problems.append(
                    Problem(
                        row.line,
                        row.name,
                        _("Dit thema heeft eigen aspecten en kan daarom niet onder een ander thema komen."),
                        _("Zet het bovenaan in het codeboek, of neem de aspecten mee naar een ander thema."),
                    )
                )


def codebook_plan(entries: list[Entry], themes: list[ExistingTheme], personal: Callable[[str], list[str]]) -> Plan:
    """What the codes would do to the themes. personal(name) gives the kinds of personal data the guard
    finds in a name that block storing it (an empty list: none)."""
    return _Planner(entries, themes, personal).run()
