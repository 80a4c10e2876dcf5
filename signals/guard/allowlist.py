"""Words that look like names but are places or organisations in a council's notes.

deduce's name lists contain many words that are also Dutch places,
organisations or plain words. A name finding made only of these words is
dropped. Lower-case comparison; extend the file as the council meets new ones.
"""

from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("allowlist.txt")


@cache
def _words() -> frozenset[str]:
    lines = _FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_allowed_word(word: str) -> bool:
    return word.strip(".,;:()'\"").lower() in _words()


def is_allowed_phrase(phrase: str) -> bool:
    """Organisations named after a person ("Reinier de Graaf") are listed whole."""
    return " ".join(phrase.split()).lower() in _words()
