"""Importing observations and the indicator catalogue, all or nothing, with history."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop

from monitoring.analysis.importing import FileRefused, ObservationRow, read_cbs, read_indicators, read_long
from monitoring.analysis.importing.checks import file_error
from monitoring.models import Area, Import, Indicator, Observation, ObservationChange, Source
from signals import guard
from signals.models import Theme

Progress = Callable[[float], None]  # told the share of the work done, from 0 to 1
_BATCH = 2000  # rows written per query: bounded memory, few round trips
_EXAMPLES = 20  # rows of each kind shown in the preview


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    created: int
    changed: int
    unchanged: int
    source_import: Import | None
    # A few rows for the preview: (state, row, previous value or None).
    examples: tuple = ()


def _ignore_progress(_share: float) -> None:
    pass


def _import_size_check(data: bytes) -> None:
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise FileRefused(
            [
                file_error(
                    gettext_noop("Het bestand is te groot."),
                    gettext_noop("Verwacht: hooguit %(mb)s MB."),
                    mb=settings.IMPORT_MAX_BYTES // 1_000_000,
                )
            ]
        )


def _observation_rows(data, fmt, mapping, category_column, indicators, areas, progress) -> list[ObservationRow]:
    if fmt == "cbs":
        return read_cbs(
            data,
            mapping=mapping or {},
            known_indicators=set(indicators),
            known_areas=set(areas),
            category_column=category_column,
            scan=guard.scan,
            progress=progress,
        )
    return read_long(
        data,
        known_indicators=set(indicators),
        known_areas=set(areas),
        min_cell=settings.MIN_CELL_SIZE,
        scan=guard.scan,
        progress=progress,
    )


# What an observation holds besides its key; compared to tell a changed row from an unchanged one.
_VALUE_FIELDS = ("value", "sample_size", "ci_low", "ci_high", "benchmark")


def _existing(rows: list[ObservationRow]) -> dict[tuple, tuple]:
    """The stored observations these rows could touch: key -> (id, value fields...)."""
    codes = {r.indicator for r in rows}
    found = Observation.objects.filter(indicator__code__in=codes).values_list(
        "indicator__code", "area__code", "period_label", "category", "pk", *_VALUE_FIELDS
    )
    return {tuple(f[:4]): tuple(f[4:]) for f in found.iterator(chunk_size=_BATCH)}


def _row_values(r: ObservationRow) -> tuple:
    return (r.value, r.n, r.ci_low, r.ci_high, r.benchmark)


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
    progress: Progress = _ignore_progress,
) -> ImportSummary:
    """Import a long-format or CBS file all or nothing. Raises FileRefused with row-level errors.

    A file that changes nothing leaves no trace; a newer file updates values and
    every new or changed value is written to the history with its import.
    """
    _import_size_check(data)
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    areas = dict(Area.objects.values_list("code", "pk"))
    read_share = 0.3 if dry_run else 0.2
    rows = _observation_rows(
        data, fmt, mapping, category_column, indicators, areas, lambda share: progress(share * read_share)
    )
    existing = _existing(rows)
    new = [r for r in rows if r.key not in existing]
    changed = [r for r in rows if r.key in existing and existing[r.key][1:] != _row_values(r)]
    examples = tuple(("changed", r, existing[r.key][1]) for r in changed[:_EXAMPLES]) + tuple(
        ("new", r, None) for r in new[:_EXAMPLES]
    )
    summary = ImportSummary(len(rows), len(new), len(changed), len(rows) - len(new) - len(changed), None, examples)
    if dry_run or not (new or changed):
        progress(1.0)
        return summary
    summary = _record_import(kind=Import.Kind.OBSERVATIONS, data=data, file_name=file_name, user=user, summary=summary)
    writer = _ObservationWriter(summary.source_import, indicators, areas, existing)
    total = len(new) + len(changed)
    for done, batch in _batches(new):
        writer.create(batch)
        progress(read_share + (1 - read_share) * done / total)
    for done, batch in _batches(changed):
        writer.update(batch)
        progress(read_share + (1 - read_share) * (len(new) + done) / total)
    return summary


def _batches(rows: list) -> Iterator[tuple[int, list]]:
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        yield start + len(batch), batch


@dataclass
class _ObservationWriter:
    """Writes observations in batches, with a history row for every value it sets."""

    record: Import
    indicators: dict[str, int]
    areas: dict[str, int]
    existing: dict[tuple, tuple]

    def create(self, rows: list[ObservationRow]) -> None:
        made = Observation.objects.bulk_create(
            [
                Observation(
                    indicator_id=self.indicators[r.indicator],
                    area_id=self.areas[r.area],
                    source_import=self.record,
                    **_fields(r),
                )
                for r in rows
            ]
        )
        ObservationChange.objects.bulk_create(
            [ObservationChange(observation=o, source_import=self.record, value=o.value) for o in made]
        )

    def update(self, rows: list[ObservationRow]) -> None:
        observations = []
        history = []
        for r in rows:
            pk, previous = self.existing[r.key][0], self.existing[r.key][1]
            observations.append(Observation(pk=pk, source_import=self.record, **_fields(r)))
            history.append(
                ObservationChange(observation_id=pk, source_import=self.record, previous_value=previous, value=r.value)
            )
        Observation.objects.bulk_update(observations, [*_VALUE_FIELDS, "source_import"])
        ObservationChange.objects.bulk_create(history)


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
    rows = read_indicators(data, choices=choices, themes=themes, scan=guard.scan)
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
