"""The home page's figures: counted in the database, drawn by monitoring.analysis.charts.

The figures are the same for everyone who may combine the same sources, so they are cached for
DASHBOARD_CACHE_SECONDS (default five minutes) under the language, the small-cell limit and the
sources the user may use. A member's own figures (`member_figures`) are never cached.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from monitoring.analysis import charts
from monitoring.analysis.comparison import VERDICTS
from monitoring.forms.comparison import VERDICT_LABELS, VERDICT_MEANING
from monitoring.models import Area, Indicator, Observation, Source
from monitoring.services.comparing import comparison_run
from monitoring.services.linking import sources_usable
from signals.models import Signal, SignalCount, Theme

YEARS = 3  # signals per theme over the latest three years with signals
TOP_THEMES = 8  # the chart draws the themes with most signals; the table lists all
TRENDS = 4  # indicator charts against their benchmark
RECENT = 5  # a member's own latest signals

VALUE_TEXT = {
    Indicator.Unit.PERCENTAGE: gettext_lazy("%(value)s %%"),
    Indicator.Unit.EURO: gettext_lazy("€ %(value)s"),
    Indicator.Unit.PER_THOUSAND: gettext_lazy("%(value)s per 1.000 inwoners"),
}


def small_cell() -> int:
    return settings.TABLE_MIN_CELL


def shown(count: int, k: int) -> str:
    """A signal count as it may be shown: 1 to k-1 becomes "<k", so no small group can be recognised."""
    return f"<{k}" if 0 < count < k else charts.number(count, 0)


def tables_url(**params) -> str:
    return f"{reverse('monitoring:tables')}?{urlencode(params)}"


# What the page shows


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
    small_cell: int

    @property
    def left_out_text(self) -> str:
        return ngettext(
            "%(count)s bron vereist een goedgekeurd koppelverzoek. Cijfers uit die bron staan hier niet in.",
            "%(count)s bronnen vereisen een goedgekeurd koppelverzoek. Cijfers uit die bronnen staan hier niet in.",
            self.sources_left_out,
        ) % {"count": self.sources_left_out}


# Loading


def member_figures(*, user) -> dict:
    """The member's own corner of the page: signals this month (protected), their own, and their latest."""
    figures: dict = {}
    if user.has_perm("signals.view_signal"):
        month = Signal.objects.filter(conversation_date__gte=timezone.localdate().replace(day=1)).count()
        figures["signals_this_month"] = shown(month, small_cell())
    if user.has_perm("signals.add_signal"):
        mine = Signal.objects.filter(created_by=user)
        figures["my_signals"] = mine.count()
        figures["recent"] = list(mine.with_related()[:RECENT])
    return figures


def dashboard_figures(*, user) -> Dashboard:
    """The four charts for this user: only the sources they may combine with signals take part."""
    access = sources_usable(user=user)
    usable = sorted(access.usable.values_list("pk", flat=True))
    key = f"dashboard:{get_language()}:{small_cell()}:{','.join(map(str, usable))}"
    figures = cache.get(key)
    if figures is None:
        figures = _dashboard(user=user, usable=usable, left_out=access.left_out)
        cache.set(key, figures, settings.DASHBOARD_CACHE_SECONDS)
    return replace(figures, sources_left_out=access.left_out)  # counted just now anyway: never stale


def _dashboard(*, user, usable: list[int], left_out: int) -> Dashboard:
    themes = list(Theme.objects.order_by("position", "name"))
    tops = [theme for theme in themes if theme.parent_id is None]
    municipality = Area.objects.filter(code=settings.MUNICIPALITY_CODE).first()
    comparison = comparison_run(area=municipality, user=user) if municipality else None
    table = comparison.table if comparison is not None and comparison.period else pd.DataFrame()
    return Dashboard(
        signals=_signals_by_theme(themes),
        verdicts=_verdicts(table, comparison.period, municipality) if len(table) else None,
        coverage=_coverage(tops, usable),
        trends=_trends(municipality, usable, _problem_indicators(table)) if municipality else [],
        sources_left_out=left_out,
        small_cell=small_cell(),
    )


# 1. Signals per theme and year


def _signals_by_theme(themes: list[Theme]) -> SignalsByTheme | None:
    """Read from the kept counts (signals.SignalCount, ADR 6): a few thousand rows, whatever the number of signals."""
    kept = SignalCount.objects.filter(signals__gt=0)
    latest = kept.filter(theme=SignalCount.ALL_THEMES).aggregate(latest=Max("year"))["latest"]
    if latest is None:
        return None
    years = list(range(latest - YEARS + 1, latest + 1))
    counts = (
        kept.exclude(theme=SignalCount.ALL_THEMES)
        .filter(year__in=years)
        .values("theme", "year")
        .annotate(count=Sum("signals"))  # over the districts
        .order_by()
        .values_list("theme", "year", "count")
    )
    return signals_by_theme(list(counts), {t.pk: t.label for t in themes}, years, small_cell())


def signals_by_theme(counts: list[tuple[int, int, int]], names: dict[int, str], years: list[int], k: int):
    """The table (every theme with signals, most first) and the chart (the first TOP_THEMES)."""
    by_theme: dict[int, dict[int, int]] = {}
    for theme, year, count in counts:
        by_theme.setdefault(theme, {})[year] = count
    order = sorted(by_theme, key=lambda t: (-_visible_total(by_theme[t].values(), k), names.get(t, "")))
    rows = [ThemeRow(names.get(t, "?"), [shown(by_theme[t].get(y, 0), k) for y in years]) for t in order]
    groups = [
        charts.BarGroup(
            names.get(t, "?"),
            [charts.Bar(_drawn(by_theme[t].get(y, 0), k), shown(by_theme[t].get(y, 0), k), str(y)) for y in years],
        )
        for t in order[:TOP_THEMES]
    ]
    summary = _busiest_sentence(by_theme, names, years[-1], k)
    description = _("Staafgrafiek met per thema een staaf per jaar. De tabel eronder geeft dezelfde cijfers.")
    chart = charts.bar_chart(
        groups=groups,
        title=_("Signalen per thema, %(first)s tot en met %(last)s") % {"first": years[0], "last": years[-1]},
        description=f"{description} {summary}",
        note=_("Gearceerd: minder dan %(k)s signalen, niet op ware grootte getekend.") % {"k": k},
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


def _visible_total(counts, k: int) -> int:
    """The total of the counts that may be shown: the order of the rows gives nothing away about hidden ones."""
    return sum(count for count in counts if count >= k)


def _drawn(count: int, k: int) -> int | None:
    return None if 0 < count < k else count


def _busiest_sentence(by_theme: dict[int, dict[int, int]], names: dict[int, str], year: int, k: int) -> str:
    in_year = [(counts.get(year, 0), names.get(t, "?")) for t, counts in by_theme.items() if counts.get(year)]
    if not in_year:
        return _("In %(year)s kwamen nog geen signalen binnen.") % {"year": year}
    count, name = min(in_year, key=lambda item: (-item[0], item[1]))
    if count < k:  # naming the theme would tell which hidden count is the largest
        return _("In %(year)s kwamen over elk thema minder dan %(k)s signalen binnen.") % {"year": year, "k": k}
    return _("Over %(theme)s kwamen in %(year)s de meeste signalen binnen: %(count)s.") % {
        "theme": name.lower(),
        "year": year,
        "count": charts.number(count, 0),
    }


# 2. The comparison's verdicts


def _verdicts(table: pd.DataFrame, period: int, municipality: Area) -> Verdicts:
    counts = table["verdict"].value_counts()
    comparison = reverse("monitoring:comparison")
    rows = [
        VerdictRow(
            verdict,
            str(VERDICT_LABELS[verdict]),
            str(VERDICT_MEANING[verdict]),
            int(counts.get(verdict, 0)),
            f"{comparison}?{urlencode({'oordeel': verdict})}",
        )
        for verdict in VERDICTS
    ]
    most = max(rows, key=lambda row: row.count)
    summary = _("In %(period)s kregen %(total)s thema's een oordeel. De meeste staan op „%(verdict)s”: %(count)s.") % {
        "period": period,
        "total": len(table),
        "verdict": most.label,
        "count": most.count,
    }
    description = _("Staafgrafiek met het aantal thema's per oordeel. De tabel eronder geeft dezelfde cijfers.")
    chart = charts.bar_chart(
        groups=[charts.BarGroup(row.label.capitalize(), [charts.Bar(row.count, str(row.count))]) for row in rows],
        title=_("Thema's per oordeel in %(period)s") % {"period": period},
        description=f"{description} {summary}",
        chart_id="oordelen",
    )
    url = tables_url(gegevens="signalen", rijen="thema", kolommen="", maat="aantal", van=period, tot=period)
    return Verdicts(period, municipality.name, rows, summary, chart, url)


def _problem_indicators(table: pd.DataFrame) -> list[str]:
    """The indicators the comparison quotes for a problem in the data, in the comparison's order."""
    if not len(table):
        return []
    return [code for code in table.loc[table["data_problem"], "indicator"] if isinstance(code, str)]


# 3. Which themes have figures from which source


def _coverage(tops: list[Theme], usable: list[int]) -> Coverage | None:
    sources = list(
        Source.objects.filter(pk__in=usable, indicators__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )
    if not sources:
        return None
    has_figures = Exists(Observation.objects.filter(indicator_id=OuterRef("indicator_id")))
    counts = (
        Indicator.themes.through.objects.filter(has_figures, indicator__source_id__in=usable)
        .values(top=Coalesce("theme__parent_id", "theme_id"), source=F("indicator__source_id"))
        .annotate(count=Count("indicator_id", distinct=True))
        .order_by()
        .values_list("top", "source", "count")
    )
    return coverage(list(counts), [(t.pk, t.label, t.is_active) for t in tops], sources)


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
    chart = charts.coverage_matrix(
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


# 4. Indicators against their benchmark


def _trends(municipality: Area, usable: list[int], problems: list[str]) -> list[Trend]:
    own = Observation.objects.filter(area=municipality, category="")
    with_benchmark = (
        own.filter(benchmark__isnull=False, indicator__source_id__in=usable)
        .values_list("indicator__code")
        .annotate(latest=Max("period_end"), periods=Count("pk"))
        .order_by()
    )
    chosen = trends_chosen(list(with_benchmark), problems)
    if not chosen:
        return []
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=chosen)}
    points: dict[str, list[tuple]] = {code: [] for code in chosen}
    rows = own.filter(indicator__code__in=chosen).order_by("period_start", "period_end")
    for code, period, value, benchmark in rows.values_list("indicator__code", "period_label", "value", "benchmark"):
        points[code].append((period, value, benchmark))
    return [trend(indicators[code], points[code], municipality.name) for code in chosen]


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
    chart = charts.line_chart(
        periods=periods,
        series=[charts.Series(area, values)],
        benchmark=benchmark,
        benchmark_label=indicator.benchmark_label,
        title=_("%(indicator)s in %(area)s") % {"indicator": indicator.label, "area": area},
        description=_("Lijngrafiek, de vergelijkingswaarde gestippeld. %(summary)s") % {"summary": summary},
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
