"""Writing REFI-QDA files (QDA-XML 1.0, www.qdasoftware.org): a codebook (.qdc) of the theme tree and
a project (.qdpx) of signals coded with their themes. Pure: it takes plain items, made by
learning/qda/services.py from the database with the viewer's need-to-know already applied.

A project is a zip with ``project.qde`` (the project XML) and one plain-text file per signal under
``sources/``, referred to as ``internal://<guid>.txt``. Each theme of a signal is one coding of a
selection that covers the whole text: a signal is tagged as a whole, never in part. Everything is
checked against the consortium's XSDs in the tests (learning/qda/schemas/).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from learning.qda.guids import guid, theme_guid

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Meedoen"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"


@dataclass(frozen=True)
class CodeItem:
    """A theme: its id, stored (Dutch) name, parent and a line about it."""

    id: int
    name: str
    parent_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class UserItem:
    id: int
    name: str


@dataclass(frozen=True)
class Variable:
    key: str
    name: str
    kind: str = "Text"  # REFI-QDA's typeOfVariable: Text or Integer here

    @property
    def guid(self) -> str:
        return guid("variable", self.key)


@dataclass(frozen=True)
class SourceItem:
    """One signal as the viewer may see it: author and created are None when they may not."""

    id: int
    name: str
    text: str
    theme_ids: tuple[int, ...]
    description: str = ""
    author: UserItem | None = None
    created: datetime.datetime | None = None
    values: dict[str, str | int] = field(default_factory=dict)

    @property
    def guid(self) -> str:
        return guid("signal", self.id)

    @property
    def path(self) -> str:
        return f"{SOURCES_DIR}/{self.guid}.txt"


def codebook_xml(codes: list[CodeItem]) -> bytes:
    """The codebook (.qdc): the theme tree as codes, each theme's GUID derived from its id."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    _codes(etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes"), codes, CODEBOOK_NS)
    return _serialise(root)


def project_xml(
    *, name: str, description: str, codes: list[CodeItem], variables: list[Variable], sources: list[SourceItem]
) -> bytes:
    """The project XML (project.qde) for these sources, with the codebook and the variables."""
    ns = PROJECT_NS
    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns}, name=name, origin=ORIGIN)
    root.set("creationDateTime", _datetime(datetime.datetime.now(datetime.UTC)))
    users = {s.author.id: s.author for s in sources if s.author is not None}
    if users:
        element = etree.SubElement(root, f"{{{ns}}}Users")
        for user in sorted(users.values(), key=lambda u: u.id):
            etree.SubElement(element, f"{{{ns}}}User", guid=guid("user", user.id), name=user.name)
    if codes:
        _codes(etree.SubElement(etree.SubElement(root, f"{{{ns}}}CodeBook"), f"{{{ns}}}Codes"), codes, ns)
    if variables:
        element = etree.SubElement(root, f"{{{ns}}}Variables")
        for variable in variables:
            etree.SubElement(
                element, f"{{{ns}}}Variable", guid=variable.guid, name=variable.name, typeOfVariable=variable.kind
            )
    if sources:
        element = etree.SubElement(root, f"{{{ns}}}Sources")
        for source in sources:
            _source(element, source, variables)
    etree.SubElement(root, f"{{{ns}}}Description").text = description
    return _serialise(root)


def qdpx(*, project: bytes, sources: list[SourceItem]) -> bytes:
    """The project file (.qdpx): a zip of project.qde and the sources' texts in UTF-8."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PROJECT_FILE, project)
        for source in sources:
            archive.writestr(source.path, source.text.encode("utf-8"))
    return buffer.getvalue()


def _codes(parent: etree._Element, codes: list[CodeItem], ns: str) -> None:
    """The codes in the list's order, each under its parent (a parent not in the list: at the top)."""
    ids = {code.id for code in codes}
    elements: dict[int, etree._Element] = {}
    pending = list(codes)
    while pending:
        placed = [c for c in pending if c.parent_id not in ids or c.parent_id in elements]
        # Nothing placeable is a loop of parents (the tree forbids it): put those at the top.
        for code in placed or pending:
            under = elements.get(code.parent_id, parent)
            element = etree.SubElement(under, f"{{{ns}}}Code", guid=theme_guid(code.id), name=code.name)
            element.set("isCodable", "true")
            if code.description:
                etree.SubElement(element, f"{{{ns}}}Description").text = code.description
            elements[code.id] = element
        pending = [c for c in pending if c.id not in elements]


def _source(parent: etree._Element, source: SourceItem, variables: list[Variable]) -> None:
    ns = PROJECT_NS
    element = etree.SubElement(
        parent, f"{{{ns}}}TextSource", guid=source.guid, name=source.name, plainTextPath=f"internal://{source.guid}.txt"
    )
    stamp = _stamp(source)
    element.attrib.update(stamp)
    if source.description:
        etree.SubElement(element, f"{{{ns}}}Description").text = source.description
    for theme_id in source.theme_ids:
        selection = etree.SubElement(
            element,
            f"{{{ns}}}PlainTextSelection",
            guid=guid("selection", source.id, theme_id),
            startPosition="0",
            endPosition=str(len(source.text)),
            **stamp,
        )
        coding = etree.SubElement(selection, f"{{{ns}}}Coding", guid=guid("coding", source.id, theme_id), **stamp)
        etree.SubElement(coding, f"{{{ns}}}CodeRef", targetGUID=theme_guid(theme_id))
    for variable in variables:
        if source.values.get(variable.key) in (None, ""):
            continue
        value = etree.SubElement(element, f"{{{ns}}}VariableValue")
        etree.SubElement(value, f"{{{ns}}}VariableRef", targetGUID=variable.guid)
        tag = "IntegerValue" if variable.kind == "Integer" else "TextValue"
        etree.SubElement(value, f"{{{ns}}}{tag}").text = str(source.values[variable.key])


def _stamp(source: SourceItem) -> dict[str, str]:
    """Who made it and when: only when the viewer may see them (signals/visibility.py)."""
    stamp = {}
    if source.author is not None:
        stamp["creatingUser"] = guid("user", source.author.id)
    if source.created is not None:
        stamp["creationDateTime"] = _datetime(source.created)
    return stamp


def _datetime(value: datetime.datetime) -> str:
    return value.replace(microsecond=0).isoformat()


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
