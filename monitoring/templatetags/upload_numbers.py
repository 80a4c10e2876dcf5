"""Figures in a table column written with one number of decimals, in the reader's language.

    {% load upload_numbers %}
    {% column_format rows "value" as value_format %}
    {{ row.value|floatformat:value_format }}
    {% column_format rows "value" most=4 as value_format %}  (up to 4 decimals, for the import history)

A column with 15.1 and 30 reads "15,1" and "30,0" (not "15,10" beside "30"); thousands are grouped
("1.234,5" in Dutch, "1,234.5" in English). A row that hides its values (`hidden`) does not count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django import template

register = template.Library()

MOST_DECIMALS = 2


def decimals_needed(value: float, most: int = MOST_DECIMALS) -> int:
    """The fewest decimals that write `value` as it reads rounded to `most` decimals."""
    rounded = round(value, most)
    return next(places for places in range(most + 1) if round(value, places) == rounded)


@register.simple_tag
def column_format(rows: Iterable, field: str, most: int = MOST_DECIMALS) -> str:
    """The floatformat argument for the column `field` of `rows` (dicts or objects)."""
    values = [_value(row, field) for row in rows if not _value(row, "hidden")]
    numbers = [float(v) for v in values if isinstance(v, int | float) and math.isfinite(v)]
    return f"{max((decimals_needed(n, most) for n in numbers), default=0)}g"


def _value(row, field: str):
    return row.get(field) if isinstance(row, dict) else getattr(row, field, None)
