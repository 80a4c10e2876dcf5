"""The REFI consortium's XSDs (learning/qda/schemas/, see SOURCE.md there), for checking what the
exports write: the tests and the export commands (export_qdpx, export_qdc) use them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
PROJECT_XSD = SCHEMAS / "Project-mrt2019.xsd"
CODEBOOK_XSD = SCHEMAS / "Codebook-mrt2019.xsd"


@cache
def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def schema_errors(xml: bytes, *, codebook: bool = False) -> list[str]:
    """What the XSD finds wrong in a project XML (or a codebook's): empty when it is valid."""
    schema = _schema(CODEBOOK_XSD if codebook else PROJECT_XSD)
    document = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
