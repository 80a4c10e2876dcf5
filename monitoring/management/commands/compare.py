import csv
import json
import os
import sys

import pandas as pd
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.spreadsheets import spreadsheet_safe
from monitoring.models import Area
from monitoring.services.comparing import comparison_run

FIELDS = [
    "theme",
    "slug",
    "signals",
    "residents",
    "share",
    "change_significant",
    "too_few",
    "indicators",
    "recent_data",
    "indicator",
    "latest_period",
    "latest_value",
    "benchmark",
    "verdict",
    "explanation",
    "expected",
    "p_value",
    "below_p_value",
    "basis",
]


class Command(BaseCommand):
    help = (
        "Compare signals with the data per theme for one period (a year) and area, and print one row per "
        "theme with its figures, its verdict (datagat, blinde_vlek, te_weinig, bevestigd, tegenstrijdig, in_beeld) "
        "and "
        "a Dutch explanation. --period defaults to the latest year with signals, --area to the municipality "
        "(MUNICIPALITY_CODE). --format table (default), csv (a header row; formula-like cells start with a "
        "quote) or json (a list of objects with the keys theme, slug, signals, residents, share, "
        "change_significant, too_few, indicators, recent_data, indicator, latest_period, latest_value, "
        "benchmark, verdict, explanation, expected, p_value, below_p_value, basis). signals counts problems "
        "(knelpunten) from the first month anyone logged one, up to today; share is of all problems in the area "
        "and months. expected: the count the share in the municipality (for a district) or of a typical theme "
        "(for the municipality) would give; p_value: the change in share against the same months of earlier "
        "years, after the Benjamini-Hochberg correction over all themes (COMPARE_FDR); below_p_value: fewer "
        "than expected, after the same correction; basis: the indicator and benchmark that decided. Sources "
        "that need an approved linking request are left out; the command says how many on stderr."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", type=int, help="a year, e.g. 2024")
        parser.add_argument("--area", default="", help="a CBS code, e.g. WK050325 (default: the municipality)")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args, period, area, format, **options) -> None:
        code = (area or settings.MUNICIPALITY_CODE).strip().upper()
        place = Area.objects.filter(code=code).first()
        if place is None:
            raise CommandError(f"Unknown area {code}; load it with load_areas first.")
        result = comparison_run(area=place, period=period)
        if result.sources_left_out:
            self.stderr.write(f"{result.sources_left_out} source(s) left out: they need an approved linking request.")
        if result.period is None:
            raise CommandError(f"No signals in {place.code}: nothing to compare. Give --period to compare anyway.")
        rows = _records(result.table)
        try:
            {"json": self._json, "csv": self._csv, "table": self._table}[format](rows, result)
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error. Silence the final flush.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    def _json(self, rows, result) -> None:
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))

    def _csv(self, rows, result) -> None:
        writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})

    def _table(self, rows, result) -> None:
        self.stdout.write(f"{result.area.name} ({result.area.code}), {result.period}")
        self.stdout.write(f"{'theme':<30} {'signals':>7} {'residents':>9} {'share':>6} {'ind.':>4}  {'verdict':<13}")
        for row in rows:
            self.stdout.write(
                f"{row['theme'][:30]:<30} {row['signals']:>7} {row['residents']:>9} {row['share']:>6.1%} "
                f"{row['indicators']:>4}  {row['verdict']:<13} {row['explanation']}"
            )


def _records(table: pd.DataFrame) -> list[dict]:
    """Plain Python values (no numpy types, no NaN) in the order of FIELDS."""
    records = []
    for row in table.itertuples(index=False):
        values = row._asdict()
        values["theme"] = values.pop("name")
        values["below_p_value"] = values["below_adjusted"]
        records.append({key: _plain(values[key]) for key in FIELDS})
    return records


def _plain(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
