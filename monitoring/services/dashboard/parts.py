"""What the home page shows, part by part: each part's table, one-sentence summary and chart,
built from rows already counted (monitoring.services.dashboard counts them in the database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pandas as pd
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from monitoring.analysis import charts
from monitoring.analysis.disclosure import Rule
from monitoring.analysis.verdicts import VOCABULARY
from monitoring.models import Area, Indicator

TOP_THEMES = 8  # the chart draws the themes with most signals; the table lists all


TRENDS = 4  # indicator charts against their benchmark


VALUE_TEXT = {
    Indicator.Unit.PERCENTAGE: gettext_lazy("%(value)s %%"),
    Indicator.Unit.EURO: gettext_lazy("€ %(value)s"),
    Indicator.Unit.PER_THOUSAND: gettext_lazy("%(value)s per 1.000 inwoners"),
}


def tables_url(**params) -> str:
    return f"{reverse('monitoring:tables')}?{urlencode(params)}"


@dataclass(frozen=True)
class ThemeRow:
    name: str
    cells: list[str]  # per year, protected


@dataclass(frozen=True)
class SignalsByTheme:
    years: list[int]
    rows: list[ThemeRow]
    summary: str
    note: str
    chart: SafeString
    table_url: str


@dataclass(frozen=True)
class VerdictRow:
    verdict: str
    label: str
    meaning: str
    count: int
    url: str


@dataclass(frozen=True)
class Verdicts:
    period: int
    area: str
    rows: list[VerdictRow]
    summary: str
    chart: SafeString
    table_url: str


@dataclass(frozen=True)
class CoverageRow:
    name: str
    cells: list[int]  # indicators with figures per source; 0 is "geen cijfers"


@dataclass(frozen=True)
class Coverage:
    sources: list[str]
    rows: list[CoverageRow]
    summary: str
    chart: SafeString
    table_url: str


@dataclass(frozen=True)
class TrendRow:
    period: str
    value: str
    benchmark: str


@dataclass(frozen=True)
class Trend:
    code: str
    name: str
    area: str
    benchmark_label: str
    summary: str
    chart: SafeString
    rows: list[TrendRow]
    table_url: str


@dataclass(frozen=True)
class Dashboard:
    signals: SignalsByTheme | None
    verdicts: Verdicts | None
    coverage: Coverage | None
    trends: list[Trend]
    sources_left_out: int

    @property
    def left_out_text(self) -> str:
        return ngettext(
            "%(count)s bron vereist een goedgekeurd koppelverzoek. Cijfers uit die bron staan hier niet in.",
            "%(count)s bronnen vereisen een goedgekeurd koppelverzoek. Cijfers uit die bronnen staan hier niet in.",
            self.sources_left_out,
        ) % {"count": self.sources_left_out}


def signals_by_theme(
    counts: list[tuple[int, int, int, int]], names: dict[int, str], years: list[int], rule: Rule
) -> SignalsByTheme:
    """The table (every theme with signals, most first) and the chart (the first TOP_THEMES).

    ``counts`` are (theme, year, signals, key sum); every figure shown is perturbed (disclosure), the
    order of the themes follows their shown total over the years, a cell of its own."""
    exact: dict[int, dict[int, tuple[int, int]]] = {}
    for theme, year, count, key_sum in counts:
        exact.setdefault(theme, {})[year] = (count, key_sum)
    shown = {t: {y: rule.perturb(*cells.get(y, (0, 0))) for y in years} for t, cells in exact.items()}
    total = {t: rule.perturb(*map(sum, zip(*cells.values(), strict=True))) for t, cells in exact.items()}
    order = sorted(shown, key=lambda t: (-total[t], names.get(t, "")))
    rows = [ThemeRow(names.get(t, "?"), [charts.number(shown[t][y], 0) for y in years]) for t in order]
    groups = [
        charts.BarGroup(
            names.get(t, "?"), [charts.Bar(shown[t][y], charts.number(shown[t][y], 0), str(y)) for y in years]
        )
        for t in order[:TOP_THEMES]
    ]
    summary = _busiest_sentence(shown, names, years[-1], rule)
    description = _("Staafgrafiek met per thema een staaf per jaar. De tabel eronder geeft dezelfde cijfers.")
    chart = charts.for_screens(
        charts.bar_chart,
        groups=groups,
        title=_("Signalen per thema, %(first)s tot en met %(last)s") % {"first": years[0], "last": years[-1]},
        description=f"{description} {summary}",
        chart_id="signalen-per-thema",
    )
    note = ""
    if len(order) > TOP_THEMES:
        note = _("De grafiek toont de %(drawn)s thema's met de meeste signalen. De tabel toont alle %(all)s.") % {
            "drawn": TOP_THEMES,
            "all": len(order),
        }
    url = tables_url(gegevens="signalen", rijen="thema", kolommen="jaar", maat="aantal", van=years[0], tot=years[-1])
    return SignalsByTheme(years, rows, summary, note, chart, url)


def _busiest_sentence(shown: dict[int, dict[int, int]], names: dict[int, str], year: int, rule: Rule) -> str:
    in_year = [(counts.get(year, 0), names.get(t, "?")) for t, counts in shown.items() if counts.get(year)]
    if not in_year:
        return _("In %(year)s kwamen nog geen signalen binnen.") % {"year": year}
    count, name = min(in_year, key=lambda item: (-item[0], item[1]))
    if rule.is_small(count):
        return _("In %(year)s kwamen over elk thema minder dan %(k)s signalen binnen.") % {"year": year, "k": rule.k}
    return _("Over %(theme)s kwamen in %(year)s de meeste signalen binnen: %(count)s.") % {
        "theme": name.lower(),
        "year": year,
        "count": charts.number(count, 0),
    }


def verdicts(table: pd.DataFrame, period: int, municipality: Area, problems: int = 0) -> Verdicts:
    """The comparison's verdicts per theme; ``problems`` is the comparison's own (shown) total of
    knelpunten, so the sentence and the comparison page say the same number about the same thing."""
    counts = table["verdict"].value_counts()
    comparison = reverse("monitoring:comparison")
    rows = [
        VerdictRow(
            verdict.key,
            str(verdict.label),
            str(verdict.meaning),
            int(counts.get(verdict.key, 0)),
            f"{comparison}?{urlencode({'oordeel': verdict.key})}",
        )
        for verdict in VOCABULARY.values()
    ]
    most = max(rows, key=lambda row: row.count)
    summary = _(
        "In %(period)s kregen %(total)s thema's een oordeel, op grond van %(problems)s knelpunten. "
        "De meeste staan op „%(verdict)s”: %(count)s."
    ) % {
        "period": period,
        "total": len(table),
        "problems": charts.number(problems, 0),
        "verdict": most.label,
        "count": most.count,
    }
    description = _("Staafgrafiek met het aantal thema's per oordeel. De tabel eronder geeft dezelfde cijfers.")
    chart = charts.for_screens(
        charts.bar_chart,
        groups=[charts.BarGroup(row.label.capitalize(), [charts.Bar(row.count, str(row.count))]) for row in rows],
        title=_("Thema's per oordeel in %(period)s") % {"period": period},
        description=f"{description} {summary}",
        chart_id="oordelen",
    )
    url = tables_url(
        gegevens="signalen", rijen="thema", kolommen="", maat="aantal", soort="knelpunt", van=period, tot=period
    )
    return Verdicts(period, municipality.name, rows, summary, chart, url)


def coverage(counts: list[tuple[int, int, int]], tops: list[tuple[int, str, bool]], sources: list[tuple[int, str]]):
    """Main themes (active, or with figures) against sources: how many indicators with figures per cell."""
    found = {(theme, source): count for theme, source, count in counts}
    rows = [
        CoverageRow(name, [found.get((pk, source), 0) for source, _name in sources])
        for pk, name, active in tops
        if active or any((pk, source) in found for source, _name in sources)
    ]
    names = [name for _pk, name in sources]
    summary = _coverage_sentence(rows)
    description = _("Tabel als grafiek: per thema en bron het aantal indicatoren met cijfers.")
    chart = charts.for_screens(
        charts.coverage_matrix,
        rows=[row.name for row in rows],
        columns=names,
        counts=[row.cells for row in rows],
        empty_text=_("geen cijfers"),
        title=_("Cijfers per thema en bron"),
        description=f"{description} {summary}",
        chart_id="dekking",
    )
    url = tables_url(gegevens="waarnemingen", rijen="indicator", kolommen="gebied")
    return Coverage(names, rows, summary, chart, url)


def _coverage_sentence(rows: list[CoverageRow]) -> str:
    empty = [row.name.lower() for row in rows if not any(row.cells)]
    if not empty:
        return _("Voor alle %(total)s thema's zijn cijfers.") % {"total": len(rows)}
    if len(empty) > 3:
        examples = _("%(names)s en nog %(more)s") % {"names": ", ".join(empty[:3]), "more": len(empty) - 3}
    else:
        examples = (
            empty[0]
            if len(empty) == 1
            else _("%(names)s en %(last)s")
            % {
                "names": ", ".join(empty[:-1]),
                "last": empty[-1],
            }
        )
    return _("Voor %(empty)s van de %(total)s thema's zijn nog geen cijfers: %(examples)s.") % {
        "empty": len(empty),
        "total": len(rows),
        "examples": examples,
    }


def trends_chosen(candidates: list[tuple[str, date, int]], problems: list[str]) -> list[str]:
    """Up to TRENDS indicators: a problem in the comparison first, then a series over time, then the latest."""
    problem = set(problems)
    ranked = sorted(candidates, key=lambda c: (c[0] not in problem, c[2] < 2, -c[1].toordinal(), c[0]))
    return [code for code, _latest, _periods in ranked[:TRENDS]]


def trend(indicator: Indicator, points: list[tuple[str, float, float | None]], area: str) -> Trend:
    """One indicator's series for the municipality, its benchmark dashed, with a sentence and a table."""
    values = {period: value for period, value, _b in points}
    benchmark = {period: b for period, _v, b in points if b is not None}
    periods = list(values)
    decimals = charts.decimals_for([*values.values(), *benchmark.values()])
    text = VALUE_TEXT.get(indicator.unit, "%(value)s")

    def written(value: float) -> str:
        return text % {"value": charts.number(value, decimals)}

    summary = trend_sentence(indicator, values, benchmark, area, written)
    chart = charts.for_screens(
        charts.series_chart,
        periods=periods,
        series=[charts.Series(area, values)],
        benchmark=benchmark,
        benchmark_label=indicator.benchmark_label,
        title=_("%(indicator)s in %(area)s") % {"indicator": indicator.label, "area": area},
        summary=summary,
        y_label=indicator.get_unit_display(),
        decimals=decimals,
        chart_id=f"trend-{indicator.code}",
    )
    rows = [TrendRow(p, written(values[p]), written(benchmark[p]) if p in benchmark else "–") for p in periods]
    url = tables_url(gegevens="waarnemingen", indicator=indicator.code, rijen="periode", kolommen="gebied")
    return Trend(indicator.code, indicator.label, area, indicator.benchmark_label, summary, chart, rows, url)


def trend_sentence(indicator: Indicator, values: dict, benchmark: dict, area: str, written) -> str:
    """The latest value against the benchmark of that period, read through the polarity, in one sentence."""
    latest = list(values)[-1]
    parts = {"period": latest, "area": area, "value": written(values[latest])}
    if latest not in benchmark:
        return _("In %(period)s was de waarde voor %(area)s %(value)s.") % parts
    parts["benchmark"] = written(benchmark[latest])
    parts["label"] = indicator.benchmark_label or _("de vergelijkingswaarde")
    difference = values[latest] - benchmark[latest]
    if indicator.polarity == Indicator.Polarity.NEUTRAL or not difference:
        return _("In %(period)s was de waarde voor %(area)s %(value)s, tegen %(benchmark)s voor %(label)s.") % parts
    if (difference > 0) == (indicator.polarity == Indicator.Polarity.HIGHER_IS_BETTER):
        return _("%(area)s deed het in %(period)s beter dan %(label)s: %(value)s tegen %(benchmark)s.") % parts
    return _("%(area)s deed het in %(period)s slechter dan %(label)s: %(value)s tegen %(benchmark)s.") % parts
