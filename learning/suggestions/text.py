"""The one text preparation of the theme suggestions, used when the model learns and when it suggests.

It sits inside the fitted pipeline as its first step (model.py), so a stored model prepares a new
note exactly as it prepared the notes it learned from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The guard's labels ("[NAAM]", "[TELEFOON]", "[E-MAIL]"): one word each, whatever the member's note said.
_TAG_RE = re.compile(r"\[([A-Z][A-Z-]{1,20})\]")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_WORD_RE = re.compile(r"[^a-z0-9_ ]+")
_SPACES_RE = re.compile(r"\s+")


def prepare(text: str) -> str:
    """Lower case, accents folded ("financiële" → "financiele"), every number "0", every guard label
    "tag_<kind>", punctuation dropped, spaces collapsed."""
    text = _TAG_RE.sub(lambda m: f" tag_{m.group(1).lower().replace('-', '')} ", text or "")
    text = text.replace("€", " euro ")
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    folded = _NUMBER_RE.sub(" 0 ", folded.lower())
    return _SPACES_RE.sub(" ", _NOT_WORD_RE.sub(" ", folded)).strip()


def prepare_all(texts: Iterable[str]) -> list[str]:
    """prepare() for each text: the pipeline's first step."""
    return [prepare(text) for text in texts]
