"""Real public figures for the demo, loaded through the ordinary import.

Four files in monitoring/data/ (origins, licences and caveats in SOURCES.md)
become sources, indicators and observations: the RIVM/GGD health monitor 2016
per district, CBS key figures 2024, the municipality's social-domain figures
2009–2022 (derived from CBS microdata) and the national youth-care referrers
2021. Each file goes in as one long-format import, so every observation is tied
to an Import and has history; a second run changes nothing and leaves no trace.

The catalogue is in catalogue.py. Reading the files is pure (rows in, rows
out); only the load functions at the bottom touch the database. Catalogue
texts are data, stored in Dutch with an English name, so they are not wrapped
in gettext.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db import transaction

from monitoring.analysis.importing import HEADERS
from monitoring.demo.catalogue import (
    KEY_FIGURES,
    PCT,
    PER_1000,
    REFERRER_LABELS,
    REFERRERS,
    RIVM,
    RIVM_WEIGHT,
    SOCIAL,
    Dataset,
)
from monitoring.demo.panel import FILE, PANEL
from monitoring.models import Area, Indicator, Source
from monitoring.services import DATA_DIR, ImportSummary, observations_import
from signals.models import Theme

COUNTRY = "NL01"
PANEL_MUNICIPALITY = "GM0503"  # the fictional panel is about Delft
# indicator code, area code, period, category, value, benchmark
Row = tuple[str, str, str, str, float, float | None]


def _read(file: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / file).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def rivm_districts(rows: Iterable[dict[str, str]]) -> dict[str, dict[str, str]]:
    """The district rows that can be trusted, once per district code."""
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        # WK191104 (Wieringen) is in the file three times; it must weigh once.
        if row["wijkcode"] not in found and _rivm_plausible(row):
            found[row["wijkcode"]] = row
    return found


def _rivm_plausible(row: dict[str, str]) -> bool:
    # In 202 rows, all small districts (in Delft: Delftse Hout and Abtswoude), the population columns are
    # shifted: "19 jaar en ouder" is empty and the 65+ column holds what looks like the adult count (Delftse
    # Hout: 85 residents of whom "66 aged 65+"). In 6 more rows there are more adults than residents. Such a
    # row has no usable weight and no sign of which columns are right, so it is left out, percentages and all.
    try:
        residents, adults = float(row["Totale bevolking"]), float(row[RIVM_WEIGHT])
        shares = [float(row[spec.column]) for spec in RIVM.specs]
    except ValueError:
        return False
    return 0 < adults <= residents and all(0 <= share <= 100 for share in shares)


def weighted_mean(rows: Iterable[dict[str, str]], column: str) -> float:
    """The mean of a percentage column, weighted by the number of residents aged 19 and over."""
    pairs = [(float(row[RIVM_WEIGHT]), float(row[column])) for row in rows]
    return sum(weight * value for weight, value in pairs) / sum(weight for weight, _value in pairs)


def rivm_rows(trusted: dict[str, dict[str, str]], municipality: str, districts: list[str]) -> Iterator[Row]:
    """The districts as published, the municipality as their weighted mean; all against the national mean."""
    # The municipality's mean is over its districts of 2016, also those whose code is gone after a merger.
    then = [row for code, row in trusted.items() if code.startswith(f"WK{municipality[2:]}")]
    for spec in RIVM.specs:
        benchmark = round(weighted_mean(trusted.values(), spec.column), 1)
        for code in districts:
            if code in trusted:
                yield spec.code, code, "2016", "", float(trusted[code][spec.column]), benchmark
        if then:
            yield spec.code, municipality, "2016", "", round(weighted_mean(then, spec.column), 1), benchmark


def key_figure_rows(rows: Iterable[dict[str, str]], areas: set[str]) -> Iterator[Row]:
    """Counts have no honest national benchmark per district, so none is given."""
    for row in rows:
        if row["regiocode"] in areas:
            for spec in KEY_FIGURES.specs:
                if row[spec.column]:
                    yield spec.code, row["regiocode"], "2024", "", float(row[spec.column]), None


def social_rows(rows: Iterable[dict[str, str]], municipality: str) -> Iterator[Row]:
    for row in rows:
        if row["GMC"] != municipality:
            continue
        residents = float(row["Total_All_Pop"])
        for spec in SOCIAL.specs:
            if row[spec.column]:  # Wmo, youth care and Wlz start in 2015, the shares in 2011
                value = _social_value(spec.unit, float(row[spec.column]), residents)
                yield spec.code, municipality, row["YEAR"], "", value, None


def _social_value(unit: str, raw: float, residents: float) -> float:
    if unit == PCT:
        return round(raw * 100, 2)  # the file holds fractions
    if unit == PER_1000:
        return round(raw / residents * 1000, 1)
    return raw


def referrer_rows(rows: Iterable[dict[str, str]]) -> Iterator[Row]:
    """National youth-care trajectories per referrer, the total as category "Totaal"."""
    spec = REFERRERS.specs[0]
    for row in rows:
        key = row["cbs_odata_key_base"]
        # The source truncated this figure to "(afgekapt in bron)": there is no number to load.
        if key == "VerwijzerOnbekend":
            continue
        category = REFERRER_LABELS.get(key, row["cbs_label"])
        yield spec.code, COUNTRY, "2021", category, float(row[spec.column]), None


def _text(number: float | None) -> str:
    if number is None:
        return ""
    return str(int(number)) if number.is_integer() else repr(number)


def long_csv(rows: Iterable[Row]) -> bytes:
    """The rows as a long-format file, as a coordinator would upload it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    for indicator, area, period, category, value, benchmark in rows:
        writer.writerow([indicator, area, period, category, _text(value), "", "", "", _text(benchmark)])
    return buffer.getvalue().encode("utf-8")


def catalogue_load(dataset: Dataset) -> int:
    """Create the dataset's source and indicators where missing; returns how many indicators are new.

    Once created they are the coordinators': `make setup` runs this on every deploy and must not undo their edits.
    """
    source_fields = {key: value for key, value in dataset.source.items() if key != "name"}
    source, _created = Source.objects.get_or_create(name=dataset.source["name"], defaults=source_fields)
    new = 0
    for spec in dataset.specs:
        fields = {"name": spec.name, "name_en": spec.name_en, "definition": spec.definition, "unit": spec.unit}
        indicator, created = Indicator.objects.get_or_create(
            code=spec.code, defaults={**fields, "polarity": spec.polarity, "source": source, **dataset.common}
        )
        if created:
            indicator.themes.set(Theme.objects.filter(slug__in=spec.themes))
        new += created
    return new


def _import(file: str, rows: list[Row]) -> ImportSummary | None:
    if not rows:
        return None  # another municipality has no rows in a file about Delft; an empty file would be refused
    return observations_import(data=long_csv(rows), file_name=f"{file} (load_demo)", user=None)


@transaction.atomic
def demo_figures_load(*, municipality_code: str) -> dict[str, int]:
    """Load the real figures for a municipality (already loaded by areas_load) and the country.

    Returns counts: indicators (new), imports made, observations created and changed.
    """
    municipality = Area.objects.get(code=municipality_code)
    districts = list(municipality.children.filter(level=Area.Level.DISTRICT).values_list("code", flat=True))
    Area.objects.get_or_create(code=COUNTRY, defaults={"name": "Nederland", "level": Area.Level.COUNTRY})
    work = [
        (RIVM, rivm_rows(rivm_districts(_read(RIVM.file)), municipality.code, districts)),
        (KEY_FIGURES, key_figure_rows(_read(KEY_FIGURES.file), {municipality.code, *districts})),
        (SOCIAL, social_rows(_read(SOCIAL.file), municipality.code)),
        (REFERRERS, referrer_rows(_read(REFERRERS.file))),
    ]
    counts = {"indicators": 0, "imports": 0, "created": 0, "changed": 0}
    if municipality.code == PANEL_MUNICIPALITY:
        counts["indicators"] += catalogue_load(PANEL)
        _count(counts, observations_import(data=FILE.read_bytes(), file_name=f"{FILE.name} (load_demo)", user=None))
    for dataset, rows in work:
        counts["indicators"] += catalogue_load(dataset)
        _count(counts, _import(dataset.file, list(rows)))
    return counts


def _count(counts: dict[str, int], summary: ImportSummary | None) -> None:
    if summary and summary.source_import:
        counts["imports"] += 1
        counts["created"] += summary.created
        counts["changed"] += summary.changed
