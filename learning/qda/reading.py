"""Reading a REFI-QDA codebook (.qdc) that someone uploads, safely: a size limit, no network, no DTD
and no entities (a file with a DOCTYPE is refused before it is parsed, so an XML bomb such as "billion
laughs" costs nothing), libxml2's limits on depth and size left on (no huge_tree).

What it gives back is a flat list of codes with their depth; learning/qda/codebook.py decides what
they become. Problems come back as rows in Dutch for the page (line, what is wrong, what should be)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from lxml import etree

MAX_BYTES = 1_000_000  # a codebook of a thousand codes is far smaller
MAX_CODES = 1000
_ZIP_MAGIC = b"PK\x03\x04"
CODEBOOK = "CodeBook"

_DOCTYPE = "<!DOCTYPE"
_DOCTYPE_REFUSED = _(
    "Het bestand bevat een DOCTYPE met eigen definities. Die horen niet in een codeboek en worden om "
    "veiligheidsredenen geweigerd."
)
EXPECTED_FILE = _("Een codeboek (.qdc) zoals QualCoder, ATLAS.ti, MAXQDA of NVivo het opslaat (REFI-QDA).")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, as a row: the line, the code's name (empty when it may not be shown)."""

    line: int | None
    code: str
    problem: str
    expected: str = ""


class CodebookRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")  # never the file's text
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    """One code of the file, in the file's order. parent: the index of the code it lies in; top: the
    index of its outermost code (itself for a code at the top)."""

    index: int
    line: int | None
    guid: str
    name: str
    depth: int
    parent: int | None
    top: int


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse(problem, expected=EXPECTED_FILE, line=None) -> CodebookRefused:
    return CodebookRefused([Problem(line, "", str(problem), str(expected))])


def codebook_read(data: bytes) -> list[Entry]:
    """The codes of a codebook file, or CodebookRefused with what is wrong with the file as a whole."""
    if len(data) > MAX_BYTES:
        raise _refuse(
            _("Het bestand is te groot (%(size)s kB). Het mag hooguit %(max)s kB zijn.")
            % {"size": len(data) // 1000, "max": MAX_BYTES // 1000}
        )
    if data.startswith(_ZIP_MAGIC):
        raise _refuse(_("Dit is een zip-bestand, zoals een project (.qdpx), geen codeboek."))
    if _has_doctype(data):
        raise _refuse(_DOCTYPE_REFUSED)
    try:
        root = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        line = getattr(error, "lineno", None) or None
        raise _refuse(_("Dit is geen leesbaar XML-bestand."), line=line) from None
    if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
        raise _refuse(_DOCTYPE_REFUSED)  # in an encoding _has_doctype does not look for
    if etree.QName(root).localname != CODEBOOK:
        raise _refuse(_("Dit XML-bestand is geen codeboek: het begint niet met CodeBook."), line=root.sourceline)
    entries = _entries(root)
    if not entries:
        raise _refuse(_("Er staan geen codes in dit codeboek."))
    return entries


def _has_doctype(data: bytes) -> bool:
    """Whether the file declares a DOCTYPE (in UTF-8 or UTF-16): looked for before parsing, so the
    parser never reads entity definitions. "<!DOCTYPE" cannot stand in an attribute or text unescaped."""
    return any(_DOCTYPE.encode(encoding) in data for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _entries(root: etree._Element) -> list[Entry]:
    """Every Code under Codes, depth first in the file's order (without recursion: depth is libxml2's)."""
    entries: list[Entry] = []
    stack = [(code, 1, None, None) for codes in _children(root, "Codes") for code in reversed(_children(codes, "Code"))]
    while stack:
        element, depth, parent, top = stack.pop()
        if len(entries) >= MAX_CODES:
            raise _refuse(
                _("Er staan meer dan %(max)s codes in dit codeboek.") % {"max": MAX_CODES},
                _("Een codeboek met minder codes; deel het eventueel op."),
            )
        index = len(entries)
        entries.append(
            Entry(
                index=index,
                line=element.sourceline,
                guid=(element.get("guid") or "").strip().strip("{}").lower(),
                name=" ".join((element.get("name") or "").split()),
                depth=depth,
                parent=parent,
                top=index if top is None else top,
            )
        )
        below = index if top is None else top
        stack += [(child, depth + 1, index, below) for child in reversed(_children(element, "Code"))]
    return entries
