"""The disclosure rule as configured: the one place that reads its settings (TABLE_MIN_CELL and
PTABLE_FILE). The rule itself is pure (monitoring.analysis.disclosure); every service that shows a
count of signals takes its rule from here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from monitoring.analysis.disclosure import Rule
from monitoring.analysis.ptable import PTable, PTableError, read_csv


def disclosure_rule() -> Rule:
    return Rule(k=settings.TABLE_MIN_CELL, ptable=ptable_loaded(settings.PTABLE_FILE))


@cache
def ptable_loaded(path: str) -> PTable:
    """The ptable in the file, read once per process."""
    try:
        return read_csv(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, PTableError) as error:
        raise ImproperlyConfigured(f"PTABLE_FILE: cannot use {path}: {error}") from error
