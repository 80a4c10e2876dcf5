"""Keeping SignalCount in step with the signals: a signal's share is taken out before it
changes or goes, and put back after. Bulk loaders rebuild the whole table in one statement."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from signals.models import Signal, SignalCount


@dataclass(frozen=True)
class Share:
    """What one signal adds to the counts."""

    year: int
    district: int
    kind: str
    residents: int
    themes: tuple[int, ...]


def share_of(signal: Signal) -> Share | None:
    """The signal's share as stored in the database now (None for a signal not yet saved)."""
    if signal.pk is None:
        return None
    stored = (
        Signal.objects.filter(pk=signal.pk).values_list("conversation_date", "district_id", "kind", "residents").first()
    )
    if stored is None:
        return None
    themes = Signal.themes.through.objects.filter(signal_id=signal.pk).values_list("theme_id", flat=True)
    day, district, kind, residents = stored
    return Share(day.year, district or SignalCount.NO_DISTRICT, kind, residents, tuple(sorted(themes)))


def counts_add(share: Share | None, sign: int) -> None:
    """Add (sign 1) or take out (sign -1) one signal's share."""
    if share is None:
        return
    for theme in (SignalCount.ALL_THEMES, *share.themes):
        row, _created = SignalCount.objects.get_or_create(
            theme=theme, district=share.district, year=share.year, kind=share.kind
        )
        SignalCount.objects.filter(pk=row.pk).update(
            signals=F("signals") + sign, residents=F("residents") + sign * share.residents
        )


_REBUILD = """
INSERT INTO signals_signalcount (theme, district, year, kind, signals, residents)
SELECT {theme}, COALESCE(s.district_id, 0), {year}, s.kind, COUNT(*), SUM(s.residents)
FROM signals_signal s {join}
GROUP BY 1, 2, 3, 4
"""


@transaction.atomic
def counts_rebuild() -> None:
    """Count everything again from the signals (after a bulk load, and nightly as a safety net)."""
    year = "EXTRACT(YEAR FROM s.conversation_date)" if connection.vendor == "postgresql" else (
        "CAST(strftime('%Y', s.conversation_date) AS INTEGER)"
    )  # fmt: skip
    SignalCount.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(_REBUILD.format(theme="0", year=year, join=""))
        cursor.execute(
            _REBUILD.format(theme="st.theme_id", year=year, join="JOIN signals_signal_themes st ON st.signal_id = s.id")
        )
