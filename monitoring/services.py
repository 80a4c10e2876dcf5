"""Workflows of the numbers side."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.importing import FileRefused, ObservationRow, RowError, read_cbs, read_indicators, read_long
from monitoring.models import Area, Import, Indicator, Observation, ObservationChange, Source
from signals.models import Theme

DATA_DIR = Path(__file__).with_name("data")
DISTRICTS_FILE = DATA_DIR / "cbs_wijken_2023.csv"
_DISTRICT_PREFIX_RE = re.compile(r"^Wijk \d+\s*")


class UnknownMunicipality(ValueError):
    pass


def district_display_name(cbs_name: str) -> str:
    """CBS writes "Wijk 25 Buitenhof"; people say "Buitenhof"."""
    return _DISTRICT_PREFIX_RE.sub("", cbs_name).strip() or cbs_name


@transaction.atomic
def areas_load(*, municipality_code: str) -> tuple[Area, int, int]:
    """Create or update a municipality and its districts from the bundled CBS list.

    Returns the municipality and how many districts were created and updated.
    """
    code = municipality_code.strip().upper()
    with DISTRICTS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["gemeentecode"] == code]
    if not rows:
        raise UnknownMunicipality(_("Gemeente %(code)s staat niet in de CBS-lijst van wijken.") % {"code": code})
    municipality, _created = Area.objects.update_or_create(
        code=code, defaults={"name": rows[0]["gemeentenaam"], "level": Area.Level.MUNICIPALITY, "parent": None}
    )
    created = updated = 0
    for row in rows:
        _area, was_created = Area.objects.update_or_create(
            code=row["wijkcode"],
            defaults={
                "name": district_display_name(row["wijknaam"]),
                "level": Area.Level.DISTRICT,
                "parent": municipality,
            },
        )
        created += was_created
        updated += not was_created
    return municipality, created, updated


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    created: int
    changed: int
    unchanged: int
    source_import: Import | None


def _existing(rows: list[ObservationRow]) -> dict[tuple, Observation]:
    codes = {r.indicator for r in rows}
    found = Observation.objects.filter(indicator__code__in=codes).select_related("indicator", "area")
    return {(o.indicator.code, o.area.code, o.period_label, o.category): o for o in found}


@transaction.atomic
def observations_import(
    *,
    data: bytes,
    file_name: str,
    user=None,
    dry_run: bool = False,
    fmt: str = "long",
    mapping: dict[str, str] | None = None,
    category_column: str = "",
) -> ImportSummary:
    """Import a long-format or CBS file all or nothing. Raises FileRefused with row-level errors.

    A file that changes nothing leaves no trace; a newer file updates values and
    every new or changed value is written to the history with its import.
    """
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise FileRefused(
            [
                RowError(
                    0,
                    _("bestand"),
                    _("Het bestand is te groot."),
                    _("Verwacht: hooguit %(mb)s MB.") % {"mb": settings.IMPORT_MAX_BYTES // 1_000_000},
                )
            ]
        )
    indicators = {i.code: i for i in Indicator.objects.all()}
    areas = {a.code: a for a in Area.objects.all()}
    if fmt == "cbs":
        rows = read_cbs(
            data,
            mapping=mapping or {},
            known_indicators=set(indicators),
            known_areas=set(areas),
            category_column=category_column,
        )
    else:
        rows = read_long(
            data, known_indicators=set(indicators), known_areas=set(areas), min_cell=settings.MIN_CELL_SIZE
        )
    existing = _existing(rows)
    new = [r for r in rows if r.key not in existing]
    changed = [r for r in rows if r.key in existing and _differs(existing[r.key], r)]
    unchanged = len(rows) - len(new) - len(changed)
    summary = ImportSummary(len(rows), len(new), len(changed), unchanged, None)
    if dry_run or not (new or changed):
        return summary
    summary = _record_import(kind=Import.Kind.OBSERVATIONS, data=data, file_name=file_name, user=user, summary=summary)
    record = summary.source_import
    history = []
    for r in new:
        observation = Observation.objects.create(
            indicator=indicators[r.indicator], area=areas[r.area], source_import=record, **_fields(r)
        )
        history.append(ObservationChange(observation=observation, source_import=record, value=r.value))
    for r in changed:
        observation = existing[r.key]
        history.append(
            ObservationChange(
                observation=observation, source_import=record, previous_value=observation.value, value=r.value
            )
        )
        for name, value in _fields(r).items():
            setattr(observation, name, value)
        observation.source_import = record
        observation.save()
    ObservationChange.objects.bulk_create(history)
    return summary


def _fields(r: ObservationRow) -> dict:
    return {
        "period_start": r.period.start,
        "period_end": r.period.end,
        "period_label": r.period.label,
        "category": r.category,
        "value": r.value,
        "sample_size": r.n,
        "ci_low": r.ci_low,
        "ci_high": r.ci_high,
        "benchmark": r.benchmark,
    }


def _differs(observation: Observation, r: ObservationRow) -> bool:
    current = (
        observation.value,
        observation.sample_size,
        observation.ci_low,
        observation.ci_high,
        observation.benchmark,
    )
    return current != (r.value, r.n, r.ci_low, r.ci_high, r.benchmark)


@transaction.atomic
def indicators_import(*, data: bytes, file_name: str, user=None, dry_run: bool = False) -> ImportSummary:
    """Load or update the indicator catalogue from a CSV, all or nothing. A new source
    name becomes a source of kind "anders" whose data may only be linked after approval."""
    themes = {}
    for theme in Theme.objects.all():
        themes[theme.name.lower()] = themes[theme.slug] = theme.pk
    choices = {
        "unit": set(Indicator.Unit.values),
        "polarity": set(Indicator.Polarity.values),
        "periodicity": set(Indicator.Periodicity.values),
        "lowest_level": set(Area.Level.values),
    }
    rows = read_indicators(data, choices=choices, themes=themes)
    existing = {i.code: i for i in Indicator.objects.prefetch_related("themes")}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for row in rows:
        indicator = existing.get(row.values["code"]) or Indicator(code=row.values["code"])
        state = _indicator_apply(indicator, row)
        counts[state] += 1
    summary = ImportSummary(len(rows), counts["new"], counts["changed"], counts["unchanged"], None)
    if dry_run or not (summary.created or summary.changed):
        transaction.set_rollback(True)
        return summary
    return _record_import(kind=Import.Kind.INDICATORS, data=data, file_name=file_name, user=user, summary=summary)


def _record_import(*, kind: str, data: bytes, file_name: str, user, summary: ImportSummary) -> ImportSummary:
    """Write down the import (who, when, file hash, counts) that the changes point at."""
    record = Import.objects.create(
        kind=kind,
        file_name=file_name[-255:],
        file_sha256=hashlib.sha256(data).hexdigest(),
        imported_by=user,
        rows=summary.rows,
        created=summary.created,
        changed=summary.changed,
        unchanged=summary.unchanged,
    )
    return replace(summary, source_import=record)


def _indicator_apply(indicator: Indicator, row) -> str:
    values = row.values
    source, _created = Source.objects.get_or_create(
        name=values["source"], defaults={"owner": values.get("owner", ""), "kind": Source.Kind.OTHER}
    )
    fields = {
        "name": values["name"],
        "name_en": values.get("name_en", ""),
        "definition": values["definition"],
        "unit": values["unit"],
        "polarity": values["polarity"],
        "source": source,
        "periodicity": values.get("periodicity") or Indicator.Periodicity.YEARLY,
        "lowest_level": values.get("lowest_level") or Area.Level.MUNICIPALITY,
        "owner": values.get("owner", ""),
        "reference": values.get("reference", ""),
    }
    is_new = indicator.pk is None
    before = (
        None
        if is_new
        else ({f: getattr(indicator, f) for f in fields}, set(indicator.themes.values_list("pk", flat=True)))
    )
    for name, value in fields.items():
        setattr(indicator, name, value)
    if not is_new and before == (fields, set(row.theme_ids)):
        return "unchanged"
    indicator.save()
    indicator.themes.set(row.theme_ids)
    return "new" if is_new else "changed"
