"""Export of signals as CSV or JSON Lines. The author is left out, and every
text passed the personal-data guard when it was saved (a signal that a later,
better guard flags again is exported as stored; the rescan shows it to the
coordinators, who edit it).

Exported for a user (``viewer``), the need-to-know rule of the pages applies
(signals/visibility.py): the dates of other members' signals are written as
their month only ("2025-03"), unless that user sees full details."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from config.spreadsheets import spreadsheet_safe
from signals import visibility
from signals.models import Signal

FIELDS = [
    "id",
    "conversation_date",
    "district_code",
    "district",
    "channel",
    "kind",
    "residents",
    "age_band",
    "themes",
    "summary",
    "created_at",
]


def signal_rows(signals: Iterable[Signal], *, viewer=None) -> Iterator[dict]:
    """One row per signal; with a viewer, as that user may see it (without one: every date in full)."""
    for s in signals:
        in_full = viewer is None or visibility.sees_signal_in_full(viewer, s)
        yield {
            "id": s.pk,
            "conversation_date": s.conversation_date.isoformat()
            if in_full
            else visibility.month_iso(s.conversation_date),
            "district_code": s.district.code if s.district else "",
            "district": s.district.name if s.district else "",
            "channel": s.channel,
            "kind": s.kind,
            "residents": s.residents,
            "age_band": s.age_band,
            "themes": [t.slug for t in s.themes.all()],
            "summary": s.summary,
            "created_at": s.created_at.isoformat() if in_full else visibility.month_iso(s.created_at),
        }


def write_csv(rows: Iterable[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row = {**row, "themes": "|".join(row["themes"])}
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})


def write_jsonl(rows: Iterable[dict], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


WRITERS = {"csv": write_csv, "jsonl": write_jsonl}
