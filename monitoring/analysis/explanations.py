"""The comparison's explanations: one or two plain Dutch sentences per theme that quote the numbers
behind its verdict, and never a count that the disclosure rule hides. Pure, like the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring.analysis.disclosure import Rule

if TYPE_CHECKING:
    from monitoring.analysis.comparison import Reading, SignalFigures


def _n(value: float) -> str:
    rounded = round(value, 1)
    return number_format(rounded, decimal_pos=1 if rounded % 1 else 0, force_grouping=True)


def explain(name, verdict, figures: SignalFigures, key: Reading | None, readings, period, thresholds, area_name) -> str:
    """One or two plain Dutch sentences that quote the numbers behind the verdict."""
    place = _(" in %(area)s") % {"area": area_name} if area_name else ""
    parts = [_signals_sentence(name, figures, place, period, thresholds)]
    parts.append(_data_sentence(name, key, readings, period, place, thresholds))
    return " ".join(p for p in parts if p)


def _signals_sentence(name, figures: SignalFigures, place, period, thresholds) -> str:
    if not figures.count:
        return _("Geen signalen over %(theme)s%(place)s in %(period)s.") % {
            "theme": name.lower(),
            "place": place,
            "period": period,
        }
    if Rule(thresholds.small_cell).is_small(figures.count):
        return _(
            "Minder dan %(k)s signalen over %(theme)s%(place)s in %(period)s; te weinig om iets over te zeggen."
        ) % {
            "k": thresholds.small_cell,
            "theme": name.lower(),
            "place": place,
            "period": period,
        }
    counted = ngettext(
        "%(count)s signaal over %(theme)s%(place)s in %(period)s",
        "%(count)s signalen over %(theme)s%(place)s in %(period)s",
        figures.count,
    ) % {"count": figures.count, "theme": name.lower(), "place": place, "period": period}
    if figures.previous_mean is not None and figures.significant(thresholds.alpha) and figures.earlier_small:
        # A mean over years with a small count could give that count away: say the direction only.
        more = figures.count > figures.previous_mean
        change = _("duidelijk meer dan in de jaren ervoor") if more else _("duidelijk minder dan in de jaren ervoor")
        return f"{counted}, {change}."
    if figures.previous_mean and figures.count and figures.significant(thresholds.alpha):
        ratio = figures.count / figures.previous_mean
        change = (
            _("%(ratio)s× zoveel als gemiddeld in de jaren ervoor") % {"ratio": _n(ratio)}
            if ratio >= 1
            else _("minder dan in de jaren ervoor (gemiddeld %(mean)s)") % {"mean": _n(figures.previous_mean)}
        )
        return f"{counted}, {change}."
    if figures.too_few:
        return counted + _("; te weinig om iets over te zeggen.")
    return counted + "."


def _data_sentence(name, key: Reading | None, readings, period, place, thresholds) -> str:
    if key is None:
        return _("Er zijn geen cijfers over %(theme)s%(place)s.") % {"theme": name.lower(), "place": place}
    unit = "%" if key.unit == "percentage" else ""
    values = {"indicator": key.name, "value": _n(key.value) + unit, "period": key.period, "place": place}
    if period - key.year > thresholds.data_max_age:
        return _("De laatste meting van %(indicator)s%(place)s is uit %(period)s: %(value)s.") % values
    if key.benchmark is not None and key.gap is not None:
        values["benchmark"] = _n(key.benchmark) + unit
        if key.gap > 0 and key.problem:
            return (
                _(
                    "%(indicator)s%(place)s is %(value)s in %(period)s, "
                    "slechter dan de vergelijkingswaarde %(benchmark)s."
                )
                % values
            )
        if key.gap > 0:
            return (
                _(
                    "%(indicator)s%(place)s is %(value)s in %(period)s, iets slechter dan de vergelijkingswaarde "
                    "%(benchmark)s, maar binnen de foutmarge."
                )
                % values
            )
        return (
            _(
                "%(indicator)s%(place)s is %(value)s in %(period)s, "
                "niet slechter dan de vergelijkingswaarde %(benchmark)s."
            )
            % values
        )
    if key.previous is not None and key.worse_than_before:
        values["previous"] = _n(key.previous) + unit
        return (
            _("%(indicator)s%(place)s is %(value)s in %(period)s, slechter dan de meting ervoor (%(previous)s).")
            % values
        )
    return _("%(indicator)s%(place)s is %(value)s in %(period)s.") % values
