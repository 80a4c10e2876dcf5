"""Demo signals: about 400 fictional notes over two years, in believable proportions.

The note texts (notes_*.csv, written for this project, with no personal data)
are combined with districts, channels, dates and group sizes drawn from a
seeded random generator, so every run makes the same signals. Districts are
drawn by population (CBS 2024); notes about loneliness and social contact
lean towards districts with more residents aged 65 and over (RIVM 2016).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from monitoring.models import Area
from monitoring.services import DATA_DIR
from signals.counting import counts_rebuild
from signals.models import Signal, Theme

NOTES_DIR = Path(__file__).parent
DEMO_COUNT = 400
SEED = 503
OLDER_THEMES = {
    "eenzaamheid",
    "sociale-contacten",
    "erbij-horen",
    "steun-van-anderen",
    "mantelzorg",
    "samen-leuke-dingen-doen",
}
RECENT_THEMES = {"financiele-zorgen", "rondkomen-met-je-geld", "digitale-vaardigheden"}
CHANNEL_WEIGHTS = {"spreekuur": 30, "bijeenkomst": 25, "huisbezoek": 15, "telefoon": 10, "online": 12, "anders": 8}
OPENINGS = {
    "spreekuur": ["", "Op het spreekuur: ", "Spreekuur: "],
    "bijeenkomst": ["", "Op de bijeenkomst in het buurthuis: ", "Tijdens de wijkbijeenkomst: "],
    "huisbezoek": ["", "Bij een huisbezoek: "],
    "telefoon": ["", "Telefonisch: "],
    "online": ["", "Via het contactformulier: "],
    "anders": ["", "Onderweg aangesproken: "],
}


@dataclass(frozen=True)
class Note:
    themes: tuple[str, ...]
    kind: str
    age_band: str
    text: str


def read_notes() -> list[Note]:
    notes = []
    for path in sorted(NOTES_DIR.glob("notes*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                notes.append(Note(tuple(row["themes"].split("|")), row["kind"], row["age_band"], row["text"].strip()))
    return notes


def _district_weights(districts: list[Area]) -> tuple[dict[str, float], dict[str, float]]:
    """Population per district, and the share of residents aged 65 and over."""
    population: dict[str, float] = {}
    with (DATA_DIR / "cbs_kerncijfers_2024_gemeenten_wijken.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            population[row["regiocode"]] = float(row["AantalInwoners_5"] or 0)
    older: dict[str, float] = {}
    with (DATA_DIR / "rivm_eenzaamheid_gezondheid_wijk_2016.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            total, over_65 = row["Totale bevolking"], row["Bevolking 65 jaar en ouder"]
            if total and over_65 and float(total) > 0:
                older[row["wijkcode"]] = float(over_65) / float(total)
    codes = [d.code for d in districts]
    return {c: population.get(c, 0.0) for c in codes}, {c: older.get(c, 0.0) for c in codes}


def _pick_district(rng: random.Random, note: Note, districts: list[Area], population: dict, older: dict) -> Area | None:
    named = [d for d in districts if d.name in note.text]
    if named:
        return named[0]  # the note itself says where
    if not districts or rng.random() < 0.15:
        return None
    leans_older = bool(OLDER_THEMES.intersection(note.themes))
    weights = [population[d.code] * ((older[d.code] * 10) ** 2 if leans_older else 1) for d in districts]
    if not any(weights):
        return rng.choice(districts)
    return rng.choices(districts, weights=weights)[0]


def _pick_date(rng: random.Random, note: Note, today: date) -> date:
    days = rng.randrange(730)
    if RECENT_THEMES.intersection(note.themes) and rng.random() < 0.5:
        days = rng.randrange(365)  # money worries grew in the last year
    return today - timedelta(days=days)


def _residents(rng: random.Random, channel: str) -> int:
    if channel == "bijeenkomst":
        return rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12])
    return rng.choices([1, 2, 3], weights=[80, 15, 5])[0]


@transaction.atomic
def demo_signals_load(*, count: int = DEMO_COUNT) -> int:
    """Create the demo signals that are not there yet; returns how many were made."""
    existing = set(Signal.objects.filter(import_key__startswith="demo-").values_list("import_key", flat=True))
    notes = read_notes()
    if len(existing) >= count or not notes:
        return 0
    rng = random.Random(SEED)
    municipality = Area.objects.filter(code=settings.MUNICIPALITY_CODE).first()
    districts = list(Area.objects.filter(parent=municipality, level=Area.Level.DISTRICT)) if municipality else []
    population, older = _district_weights(districts)
    themes = {t.slug: t for t in Theme.objects.all()}
    authors = list(get_user_model().objects.filter(username__in=["lid", "coordinator"]).order_by("username"))
    today = timezone.localdate()
    made = 0
    for number in range(1, count + 1):
        note = rng.choice(notes)
        channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        signal = Signal(
            import_key=f"demo-{number:04d}",
            conversation_date=_pick_date(rng, note, today),
            district=_pick_district(rng, note, districts, population, older),
            channel=channel,
            kind=note.kind,
            residents=_residents(rng, channel),
            age_band=note.age_band,
            summary=rng.choice(OPENINGS[channel]) + note.text,
            created_by=rng.choice(authors) if authors else None,
        )
        if signal.import_key in existing:
            continue
        signal.save()
        signal.themes.set([themes[slug] for slug in note.themes if slug in themes])
        made += 1
    if made:
        counts_rebuild()
    return made
