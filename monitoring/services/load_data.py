"""Synthetic load: many believable signals and observations, to measure the pages at scale.

Signals reuse the demo notes (written for this project, no personal data) with
random districts, dates over the last five years, channels and group sizes;
observations belong to synthetic indicators (code prefix "load-") per area,
month and category. Rows are written in batches, so memory stays flat.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring.models import Area, Import, Indicator, Observation, Source
from signals.counting import counts_rebuild
from signals.demo import CHANNEL_WEIGHTS, read_notes
from signals.models import Signal, Theme

BATCH = 5000
CATEGORIES = ["", "18-34", "35-64", "65+", "man", "vrouw"]
LOAD_PREFIX = "load-"


def load_data_generate(*, signals: int, observations: int, seed: int = 1) -> dict[str, int]:
    """Add `signals` signals and `observations` observations; returns what was made."""
    rng = random.Random(seed)
    municipality = Area.objects.get(code=settings.MUNICIPALITY_CODE)
    districts = list(municipality.children.filter(level=Area.Level.DISTRICT))
    made_signals = _signals_make(rng, signals, districts)
    made_observations = _observations_make(rng, observations, [municipality, *districts])
    if made_signals:
        counts_rebuild()
    return {"signals": made_signals, "observations": made_observations}


def _signals_make(rng: random.Random, count: int, districts: list[Area]) -> int:
    notes = read_notes()
    themes = {t.slug: t.pk for t in Theme.objects.all()}
    channels, weights = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    today = timezone.localdate()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        batch = [rng.choice(notes) for _ in range(size)]
        with transaction.atomic():
            created = Signal.objects.bulk_create(
                Signal(
                    conversation_date=today - timedelta(days=rng.randrange(5 * 365)),
                    district=rng.choice(districts) if rng.random() < 0.9 else None,
                    channel=rng.choices(channels, weights)[0],
                    kind=note.kind,
                    residents=rng.choice((1, 1, 1, 2, 2, 3, 5, 8)),
                    age_band=note.age_band,
                    summary=note.text,
                )
                for note in batch
            )
            Signal.themes.through.objects.bulk_create(
                Signal.themes.through(signal_id=signal.pk, theme_id=themes[slug])
                for signal, note in zip(created, batch, strict=True)
                for slug in note.themes
                if slug in themes
            )
        made += size
    return made


def _observations_make(rng: random.Random, count: int, areas: list[Area]) -> int:
    if not count:
        return 0
    indicators = _load_indicators(count, len(areas))
    record = Import.objects.create(kind=Import.Kind.OBSERVATIONS, file_name="generate_load_data", file_sha256="0" * 64)
    made = 0
    rows = _observation_keys(indicators, areas)
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            Observation.objects.bulk_create(_observation(rng, next(rows), record) for _ in range(size))
        made += size
    return made


def _load_indicators(count: int, areas: int) -> list[Indicator]:
    """Enough synthetic indicators to hold `count` observations over 10 years of months and 6 categories."""
    per_indicator = areas * 120 * len(CATEGORIES)
    needed = -(-count // per_indicator)
    source, _created = Source.objects.get_or_create(
        name="Synthetische belasting", defaults={"owner": "generate_load_data", "kind": Source.Kind.OTHER,
                                                  "linking_policy": Source.LinkingPolicy.OPEN}
    )  # fmt: skip
    themes = list(Theme.objects.values_list("pk", flat=True))
    start = Indicator.objects.filter(code__startswith=LOAD_PREFIX).count()
    made = []
    for number in range(start, start + needed):
        indicator = Indicator.objects.create(
            code=f"{LOAD_PREFIX}{number:04d}",
            name=f"Synthetische indicator {number}",
            definition="Synthetisch, voor belastingtests.",
            unit=Indicator.Unit.PERCENTAGE,
            polarity=random.Random(number).choice(Indicator.Polarity.values),
            source=source,
            lowest_level=Area.Level.DISTRICT,
        )
        indicator.themes.set(random.Random(number).sample(themes, 2))
        made.append(indicator)
    return made


def _observation_keys(indicators: list[Indicator], areas: list[Area]) -> Iterator[tuple]:
    first = date.today().year - 10
    for indicator in indicators:
        for area in areas:
            for month in range(120):
                year, month_index = first + month // 12, month % 12 + 1
                for category in CATEGORIES:
                    yield indicator, area, year, month_index, category


def _observation(rng: random.Random, key: tuple, record: Import) -> Observation:
    indicator, area, year, month, category = key
    start = date(year, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    value = round(rng.uniform(5, 60), 1)
    return Observation(
        indicator=indicator,
        area=area,
        period_start=start,
        period_end=end,
        period_label=f"{year}-{month:02d}",
        category=category,
        value=value,
        sample_size=rng.randrange(50, 2000),
        benchmark=round(value + rng.uniform(-5, 5), 1),
        source_import=record,
    )
