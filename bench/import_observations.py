"""Importing 100,000 observations from a long-format CSV, against a baseline of pandas
reading the same file plus one bulk insert, measured in the same run on a fresh test
database. Run on PostgreSQL (`make bench` points DATABASE_URL at the machine's server).

The import does more than the baseline: it checks every cell (with row-level messages),
compares with what is stored, and writes an import record and a history row per value.
"""

from __future__ import annotations

import io
import resource
import time
from datetime import date

import pandas as pd
from django.db import connection, transaction

from monitoring.models import Area, Import, Indicator, Observation, ObservationChange, Source
from monitoring.services import areas_load, observations_import

N = 100_000
CATEGORIES = ["", "18-34", "35-64", "65+", "man", "vrouw"]


def _catalogue() -> tuple[list[str], list[str]]:
    areas_load(municipality_code="GM0503")
    source = Source.objects.create(name="Bench", owner="bench", kind="anders")
    codes = [f"bench-{i:02d}" for i in range(25)]
    Indicator.objects.bulk_create(
        Indicator(code=c, name=c, definition="bench", unit="percentage", polarity="neutral", source=source)
        for c in codes
    )
    return codes, list(Area.objects.values_list("code", flat=True))


def _file(codes: list[str], areas: list[str]) -> bytes:
    lines = ["indicator,area,period,category,value,n,ci_low,ci_high,benchmark"]
    months = [f"{year}-{month:02d}" for year in range(2015, 2025) for month in range(1, 13)]
    for code in codes:
        for area in areas:
            for month in months:
                for category in CATEGORIES:
                    if len(lines) > N:
                        return "\n".join(lines).encode()
                    value = (len(lines) * 7919) % 1000 / 10
                    lines.append(f"{code},{area},{month},{category},{value},{50 + len(lines) % 400},,,{value + 1}")
    raise ValueError("not enough combinations for N rows")


def _baseline(data: bytes) -> None:
    """pandas reads the file; one bulk_create writes it (no checks, no history)."""
    frame = pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype={"category": str})
    indicator_ids = dict(Indicator.objects.values_list("code", "pk"))
    area_ids = dict(Area.objects.values_list("code", "pk"))
    record = Import.objects.create(kind="waarnemingen", file_name="bench.csv", file_sha256="0" * 64)
    starts = pd.to_datetime(frame["period"], format="%Y-%m")
    frame["start"] = starts.dt.date
    frame["end"] = (starts + pd.offsets.MonthEnd(0)).dt.date
    with transaction.atomic():
        Observation.objects.bulk_create(
            Observation(
                indicator_id=indicator_ids[row.indicator],
                area_id=area_ids[row.area],
                period_start=row.start,
                period_end=row.end,
                period_label=row.period,
                category=row.category,
                value=row.value,
                sample_size=row.n,
                benchmark=row.benchmark,
                source_import=record,
            )
            for row in frame.itertuples(index=False)
        )


def _reset() -> None:
    ObservationChange.objects.all().delete()
    Observation.objects.all().delete()
    Import.objects.all().delete()


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run() -> list[str]:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        codes, areas = _catalogue()
        data = _file(codes, areas)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        import_s = _timed(lambda: observations_import(data=data, file_name="bench.csv"))
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert Observation.objects.count() == N and ObservationChange.objects.count() == N
        again_s = _timed(lambda: observations_import(data=data, file_name="bench.csv"))
        assert Import.objects.count() == 1  # the same file again changed nothing
        _reset()
        baseline_s = _timed(lambda: _baseline(data))
        assert Observation.objects.count() == N
        assert Observation.objects.filter(period_start=date(2015, 1, 1)).exists()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    ratio = import_s / baseline_s
    return [
        "## Import of 100,000 observations",
        "",
        f"A long-format CSV of {N:,} rows ({len(data) / 1_000_000:.1f} MB: 25 indicators × 14 areas × 120 months × "
        f"6 categories, cut at {N:,}) into an empty table, on {connection.vendor}. "
        "Targets: under 2× the baseline, under 500 MB.",
        "",
        "| what | seconds |",
        "| --- | ---: |",
        "| `observations_import()` (`manage.py import_observations`, the upload's confirm step): check every cell, "
        "compare with what is stored, write the import record, the observations and a history row each "
        f"| {import_s:.2f} |",
        f"| the same file a second time (checks and compares, changes nothing) | {again_s:.2f} |",
        "| baseline: `pandas.read_csv` plus one `bulk_create` of the observations (no checks, no history) "
        f"| {baseline_s:.2f} |",
        "",
        f"Ratio import / baseline: **{ratio:.2f}×**. Process peak RSS during the import: **{rss_peak / 1024:.0f} MiB** "
        f"(it was {rss_before / 1024:.0f} MiB before; the peak includes Django and pandas). "
        f"Targets met: **{'yes' if ratio < 2 and rss_peak / 1024 < 500 else 'NO'}**.",
    ]
