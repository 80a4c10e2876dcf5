"""Periods of observations as the import formats write them. Pure: no Django models.

Long format: `2016` (year), `2016-Q1` (quarter), `2016-03` (month), `2015/2016`
(a survey round over two years). CBS StatLine keys: `2023JJ00` (year),
`2023KW01` (quarter), `2023MM01` (month).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ROUND = re.compile(r"^(\d{4})/(\d{4})$")
_CBS = re.compile(r"^(\d{4})(JJ|KW|MM)(\d{2})$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def _quarter(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(
        date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), f"{year}-Q{quarter}"
    )


def _month(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(_("Maand %(month)s bestaat niet.") % {"month": month})
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), f"{year}-{month:02d}")


FIRST_YEAR, LAST_YEAR = 1900, 2100  # figures about residents today; a year outside is a typing error


def _year_check(value: str) -> None:
    year = re.match(r"^(\d{4})", value)
    if year and not FIRST_YEAR <= int(year.group(1)) <= LAST_YEAR:
        raise PeriodError(
            _("Het jaar %(year)s kan niet kloppen. Verwacht: een jaar van %(first)s tot en met %(last)s.")
            % {"year": year.group(1), "first": FIRST_YEAR, "last": LAST_YEAR}
        )


def parse_period(text: str) -> Period:
    """Read a period; a PeriodError says in Dutch what is expected."""
    value = text.strip()
    _year_check(value)
    if m := _YEAR.match(value):
        return _year(int(m.group(1)))
    if m := _QUARTER.match(value):
        return _quarter(int(m.group(1)), int(m.group(2)))
    if m := _MONTH.match(value):
        return _month(int(m.group(1)), int(m.group(2)))
    if m := _ROUND.match(value):
        first, last = int(m.group(1)), int(m.group(2))
        if last != first + 1:
            raise PeriodError(_("Een meetronde loopt over twee opeenvolgende jaren, zoals 2015/2016."))
        return Period(date(first, 1, 1), date(last, 12, 31), value)
    if m := _CBS.match(value):
        year, kind, number = int(m.group(1)), m.group(2), int(m.group(3))
        if kind == "JJ" and number == 0:
            return _year(year)
        if kind == "KW" and 1 <= number <= 4:
            return _quarter(year, number)
        if kind == "MM":
            return _month(year, number)
    raise PeriodError(
        _("Onbekende periode „%(value)s”. Verwacht: 2016, 2016-Q1, 2016-03, 2015/2016 of een CBS-sleutel als 2023JJ00.")
        % {"value": value[:40]}
    )
