"""The comparison's explanations: two plain Dutch sentences per theme (B1), one about the signals and
one about the figures, that quote the numbers behind the verdict. Pure, like the engine.

The signals sentence gives the count as a share of all problems (knelpunten) in the area and period,
an expected count (from the earlier years, or from the wider area or a typical theme when the verdict
turns on it) and whether the difference can be chance. The figures sentence quotes the indicator that
decided, its period, the benchmark with its label, and whether the gap can be chance. Every count is
the shown (perturbed) one, and a shown count below k is said as "minder dan k".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils import translation
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring.analysis.disclosure import Rule
from monitoring.analysis.exposure import Window
from monitoring.analysis.readings import PER_THOUSAND, PERCENTAGE, Reading


@dataclass(frozen=True)
class Context:
    """What every explanation of one comparison shares."""

    window: Window
    rule: Rule
    fdr: float
    area: str
    wider_area: str  # the municipality, when the area is one of its districts; else ""

    def __post_init__(self) -> None:
        # The same for every row: worded once per comparison (translating is the costly part).
        object.__setattr__(self, "place", _("in %(area)s") % {"area": self.area})
        object.__setattr__(self, "when", when(self.window))
        object.__setattr__(self, "earlier", earlier_text(self.window) if self.window.earlier_years else "")
        object.__setattr__(self, "chance", {flag: _chance(flag) for flag in (True, False)})


@lru_cache
def _written(language: str) -> tuple[str, str, str]:
    """The language's decimal and thousand separators and its way of writing a percentage."""
    with translation.override(language):
        # The language's own way ("10,2 %", "10.2%"); the space does not break a line.
        percentage = _("%(value)s %%").replace(" ", "\u00a0")
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language), percentage


def number(value: float, decimals: int = 1) -> str:
    """A number as the language writes it, grouped in thousands (as Django's number_format with
    force_grouping, but without its lookups on every call: a page writes some 700 numbers)."""
    decimal, thousand, _percentage = _written(translation.get_language() or "nl")
    text = f"{round(value, decimals) + 0.0:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousand)


def percent(share: float) -> str:
    """A share (0..1) as a percentage with one decimal: "10,2 %"."""
    return _written(translation.get_language() or "nl")[2] % {"value": number(share * 100)}


def value_text(value: float, unit: str) -> str:
    if unit == PERCENTAGE:
        return percent(value / 100)
    if unit == PER_THOUSAND:
        return _("%(number)s per 1.000 inwoners") % {"number": number(value)}
    if unit == "euro":
        return _("€ %(number)s") % {"number": number(value, 0)}
    return number(value, 0 if unit == "aantal" else 1)


def _chance(significant: bool) -> str:
    return _("dat is vrijwel zeker geen toeval") if significant else _("dat kan toeval zijn")


def when(window: Window) -> str:
    """The period as it was counted: "in 2025", "in 2026 tot en met 25 november", "in 2024 vanaf november"."""
    first = date_format(window.first_logged, "F")
    if window.partial_start and window.partial_end:
        return _("in %(year)s, van %(first)s tot en met %(today)s") % {
            "year": window.period,
            "first": first,
            "today": date_format(window.today, "j F"),
        }
    if window.partial_end:
        today = date_format(window.today, "j F")
        return _("in %(year)s tot en met %(today)s") % {"year": window.period, "today": today}
    if window.partial_start:
        return _("in %(year)s vanaf %(first)s") % {"year": window.period, "first": first}
    return _("in %(year)s") % {"year": window.period}


def earlier_text(window: Window) -> str:
    """The earlier months held against the period: "in 2025", "in dezelfde maanden van 2024 en 2025", or
    with the year logging began: "in december 2023", "in november 2024 en in dezelfde maanden van 2025"."""
    first = window.first_logged
    years = window.earlier_years
    begun = [year for year in years if year == first.year and first.month > window.first_month]
    whole = [str(year) for year in years if year not in begun]
    parts = [_("in %(months)s") % {"months": _months(year, first.month, window.last_month)} for year in begun]
    if whole and (window.partial_start or window.partial_end):
        parts.append(_("in dezelfde maanden van %(years)s") % {"years": _names(whole)})
    elif whole:
        parts.append(_("in %(years)s") % {"years": _names(whole)})
    return _names(parts)


def _months(year: int, first: int, last: int) -> str:
    """ "december 2023", "november en december 2024", "maart tot en met december 2024"."""
    names = [date_format(date(year, month, 1), "F") for month in (first, last)]
    values = {"first": names[0], "last": names[1], "year": year}
    if first == last:
        return _("%(first)s %(year)s") % values
    if last == first + 1:
        return _("%(first)s en %(last)s %(year)s") % values
    return _("%(first)s tot en met %(last)s %(year)s") % values


def expected_text(expected: float, rule: Rule) -> str:
    """An expected count, never as a number below k (it could stand for a count)."""
    if rule.is_small(round(expected)) or 0 < expected < 0.5:
        return _("minder dan %(k)s") % {"k": rule.k}
    return _("ongeveer %(count)s") % {"count": number(expected, 0)}


def explain(name: str, verdict: str, row: dict, key: Reading | None, notes: dict, context: Context) -> str:
    """The two sentences for one theme. ``notes``: ``conflicts`` (readings that disagree with the key
    one) and ``confirmed_by`` (names of themes whose signals already confirm the key reading)."""
    theme = name.lower()
    return f"{signals_sentence(theme, verdict, row, context)} {figures_sentence(theme, key, notes, context)}"


def signals_sentence(theme: str, verdict: str, row: dict, context: Context) -> str:
    rule = context.rule
    total = int(row["total_shown"])
    values = {"theme": theme, "place": context.place, "when": context.when, "k": rule.k}
    if total < rule.k:  # a shown 0 can stand for 1 to 3 as well: never say "none"
        return _("Er waren %(place)s %(when)s minder dan %(k)s knelpunten: te weinig om iets te zeggen.") % values
    values["total"] = number(total, 0)
    count = _count_clause(int(row["shown"]), row["shown_share"], values, rule)
    return count + _expectation(verdict, row, context) + "."


def _count_clause(shown: int, share: float, values: dict, rule: Rule) -> str:
    if shown < rule.k:  # a shown 0 can stand for 1 to 3 as well: never say "none"
        return _("Minder dan %(k)s van de %(total)s knelpunten %(place)s %(when)s gingen over %(theme)s") % values
    return _("%(count)s van de %(total)s knelpunten %(place)s %(when)s gingen over %(theme)s (%(share)s)") % {
        **values,
        "count": number(shown, 0),
        "share": percent(share),
    }


def _expectation(verdict: str, row: dict, context: Context) -> str:
    """The expected count and whether the difference can be chance: against the wider area or a typical
    theme when the verdict turns on it (few signals with a problem in the figures), else against the
    earlier years, else (the first period, or nothing in it nor before) against those."""
    few_with_problem = verdict in ("blinde_vlek", "te_weinig")
    if not few_with_problem and not math.isnan(row["change_p"]):
        return _trend(row, context)
    if not math.isnan(row["expected_shown"]):
        return _reference(row, context)
    return ""


def _trend(row: dict, context: Context) -> str:
    significant = bool(row["change_adjusted"] <= context.fdr)
    values = {"earlier": context.earlier, "chance": context.chance[significant]}
    more = row["share"] > row["earlier_share"]
    values["direction"] = _("meer") if more else _("minder")
    if context.rule.is_small(int(row["earlier_shown"])) or not row["earlier_shown"]:
        # The earlier share could give a small earlier count away: only the direction, when it is clear.
        if significant:
            return _("; dat is %(direction)s dan %(earlier)s: %(chance)s") % values
        return _("; het verschil met het aandeel %(earlier)s kan toeval zijn") % values
    values["share"] = percent(row["earlier_shown_share"])
    values["expected"] = expected_text(row["trend_expected_shown"], context.rule)
    clause = _("; bij het aandeel %(earlier)s (%(share)s) zou je er %(expected)s verwachten") % values
    if significant:
        return clause + _(", dus %(direction)s: %(chance)s") % values
    return clause + _(", en het verschil kan toeval zijn")


def _reference(row: dict, context: Context) -> str:
    values = {
        "share": percent(row["reference_share"]),
        "expected": expected_text(row["expected_shown"], context.rule),
        "area": context.wider_area,
    }
    if context.wider_area:
        clause = _("; bij het aandeel in heel %(area)s (%(share)s) zou je er %(expected)s verwachten") % values
    else:
        clause = _("; bij het aandeel van een doorsnee thema (%(share)s) zou je er %(expected)s verwachten") % values
    if row["least_p"] > context.fdr:
        return clause + _(", en dat is te weinig om te oordelen")
    if row["below_adjusted"] <= context.fdr:
        return clause + _(", dus minder: %(chance)s") % {"chance": context.chance[True]}
    if row["shown"] < row["expected_shown"]:
        return clause + _(", dus minder, maar %(chance)s") % {"chance": context.chance[False]}
    return clause


def figures_sentence(theme: str, key: Reading | None, notes: dict, context: Context) -> str:
    """The figure that decided (or the best there is), its benchmark, and what it says."""
    if key is None:
        return _("Er zijn geen cijfers over %(theme)s %(place)s.") % {"theme": theme, "place": context.place}
    values = {"indicator": key.name, "value": value_text(key.value, key.unit), "period": key.period}
    figure = _("Het cijfer „%(indicator)s” is %(value)s in %(period)s") % values
    if key.neutral:
        return figure + _(": dat zegt niet of het goed of slecht gaat, het is alleen achtergrond.")
    if not key.recent:
        values["year"] = context.window.period
        return (
            _(
                "Het laatste cijfer, „%(indicator)s”, is uit %(period)s (%(value)s): "
                "te oud om iets over %(year)s te zeggen."
            )
            % values
        )
    if key.reference_value is None:
        return figure + _("; er is niets om het mee te vergelijken, dus het zegt niet of het goed of slecht gaat.")
    figure += _compared(key)
    if notes.get("confirmed_by"):
        themes = _names([n.lower() for n in notes["confirmed_by"]])
        return figure + _("; dat wijst op een probleem, en dat komt al naar voren bij %(themes)s.") % {"themes": themes}
    if not key.evaluable:
        return figure + _("; zonder foutmarge zegt dat niet of het goed of slecht gaat.")
    return figure + _judgement(key) + _conflicts(notes.get("conflicts", [])) + "."


def _compared(key: Reading) -> str:
    reference = value_text(key.reference_value, key.unit)
    if key.reference == "benchmark":
        label = key.benchmark_label or _("ter vergelijking")
        return f" ({label}: {reference})"
    return _(", tegen %(previous)s in %(period)s") % {"previous": reference, "period": key.reference_period}


def _judgement(key: Reading) -> str:
    if key.gap is None or key.gap <= 0:
        return _("; dat is niet slechter")
    if key.margin is not None:
        values = {"points": number(key.points), "margin": number(key.margin)}
        if key.problem:
            return _("; dat is %(points)s procentpunt slechter, meer dan de marge van %(margin)s procentpunt") % values
        return _("; dat is %(points)s procentpunt slechter, binnen de marge van %(margin)s procentpunt") % values
    if key.problem:
        return _("; dat is slechter, en %(chance)s") % {"chance": _chance(True)}
    return _("; dat is iets slechter, maar %(chance)s") % {"chance": _chance(False)}


def _conflicts(conflicts: list[Reading]) -> str:
    if not conflicts:
        return ""
    named = _names([f"„{r.name}” ({value_text(r.value, r.unit)} in {r.period})" for r in conflicts])
    return ngettext(
        "; maar %(names)s laat geen probleem zien",
        "; maar %(names)s laten geen probleem zien",
        len(conflicts),
    ) % {"names": named}


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(names)s en %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
