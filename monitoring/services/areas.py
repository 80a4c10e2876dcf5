"""Areas: a municipality and its districts from the bundled CBS list, and the list a file may use."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from monitoring.models import Area

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
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


def areas_listed(*, municipality_code: str) -> list[Area]:
    """The areas a file may name, in reading order: the municipality, each district followed by its
    neighbourhoods, then the country (for national figures and benchmarks)."""
    code = municipality_code.strip().upper()
    areas = Area.objects.filter(
        Q(code=code) | Q(parent__code=code) | Q(parent__parent__code=code) | Q(level=Area.Level.COUNTRY)
    ).select_related("parent")
    return sorted(areas, key=_reading_order)


def _reading_order(area: Area) -> tuple:
    if area.level == Area.Level.MUNICIPALITY:
        return (0, "", 0, area.code)
    if area.level == Area.Level.COUNTRY:
        return (2, "", 0, area.code)
    if area.level == Area.Level.NEIGHBOURHOOD:
        return (1, area.parent.code if area.parent else "", 1, area.code)
    return (1, area.code, 0, area.code)
