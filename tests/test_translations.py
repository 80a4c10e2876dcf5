"""English is complete: every Dutch string has a translation that keeps its placeholders."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(language: str):
    with (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


def test_every_string_has_an_english_translation():
    messages = [m for m in catalog("en") if m.id]
    assert len(messages) > 150
    missing = [m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert missing == [] and fuzzy == []


def test_english_translations_keep_the_placeholders():
    for message in catalog("en"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, message.id


def test_the_dutch_catalogue_lists_the_same_strings():
    assert {m.id for m in catalog("nl") if m.id} == {m.id for m in catalog("en") if m.id}
