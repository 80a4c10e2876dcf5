"""Keeping SignalCount in step with the signals: a signal's share is taken out before it
changes or goes, and put back after. Bulk loaders rebuild the whole table in one statement each.

A signal adds to one row per theme it is tagged with, one row per main-theme family its themes
belong to (a main theme with its aspects; a signal tagged with two aspects of one main theme adds to
that family once), and the row of theme 0 (every signal once)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from signals.models import Signal, SignalCount


@dataclass(frozen=True)
class Share:
    """What one signal adds to the counts."""

    year: int
    month: int
    district: int
    kind: str
    residents: int
    key: int
    themes: tuple[int, ...]
    families: tuple[int, ...]  # the main themes of its themes (a main theme is its own family)


def share_of(signal: Signal) -> Share | None:
    """The signal's share as stored in the database now (None for a signal not yet saved)."""
    if signal.pk is None:
        return None
    stored = (
        Signal.objects.filter(pk=signal.pk)
        .values_list("conversation_date", "district_id", "kind", "residents", "record_key")
        .first()
    )
    if stored is None:
        return None
    tagged = Signal.themes.through.objects.filter(signal_id=signal.pk).values_list("theme_id", "theme__parent_id")
    themes = sorted(theme for theme, _parent in tagged)
    families = sorted({parent or theme for theme, parent in tagged})
    day, district, kind, residents, key = stored
    return Share(
        day.year, day.month, district or SignalCount.NO_DISTRICT, kind, residents, key, tuple(themes), tuple(families)
    )


def counts_add(share: Share | None, sign: int) -> None:
    """Add (sign 1) or take out (sign -1) one signal's share."""
    if share is None:
        return
    rows = [(SignalCount.ALL_THEMES, False), *((t, False) for t in share.themes), *((f, True) for f in share.families)]
    for theme, family in rows:
        row, _created = SignalCount.objects.get_or_create(
            theme=theme, family=family, district=share.district, year=share.year, month=share.month, kind=share.kind
        )
        SignalCount.objects.filter(pk=row.pk).update(
            signals=F("signals") + sign,
            residents=F("residents") + sign * share.residents,
            key_sum=F("key_sum") + sign * share.key,
        )


_REBUILD = """
INSERT INTO signals_signalcount (theme, family, district, year, month, kind, signals, residents, key_sum)
SELECT {theme}, {family}, COALESCE(s.district_id, 0), {year}, {month}, s.kind, COUNT(*), SUM(s.residents),
       SUM(s.record_key)
FROM signals_signal s {join}
GROUP BY 1, 2, 3, 4, 5, 6
"""
_TAGGED = "JOIN signals_signal_themes st ON st.signal_id = s.id"
_FAMILIES = (
    "JOIN (SELECT DISTINCT st.signal_id, COALESCE(t.parent_id, t.id) AS family FROM signals_signal_themes st "
    "JOIN signals_theme t ON t.id = st.theme_id) f ON f.signal_id = s.id"
)


def rebuild_statements(vendor: str) -> list[str]:
    """The statements that count every signal again: all themes, per theme as tagged, per family."""
    if vendor == "postgresql":
        year, month = "EXTRACT(YEAR FROM s.conversation_date)", "EXTRACT(MONTH FROM s.conversation_date)"
    else:
        year = "CAST(strftime('%Y', s.conversation_date) AS INTEGER)"
        month = "CAST(strftime('%m', s.conversation_date) AS INTEGER)"
    parts = [("0", "FALSE", ""), ("st.theme_id", "FALSE", _TAGGED), ("f.family", "TRUE", _FAMILIES)]
    return [
        _REBUILD.format(theme=theme, family=family, year=year, month=month, join=join) for theme, family, join in parts
    ]


@transaction.atomic
def counts_rebuild() -> None:
    """Count everything again from the signals (after a bulk load, and nightly as a safety net)."""
    SignalCount.objects.all().delete()
    with connection.cursor() as cursor:
        for statement in rebuild_statements(connection.vendor):
            cursor.execute(statement)
