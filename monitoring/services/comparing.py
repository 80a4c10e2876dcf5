"""Loading the comparison's frames: aggregated in the database, compared in monitoring.analysis.comparison."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.db.models import Max, Min, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language

from monitoring.analysis.comparison import Thresholds, compare
from monitoring.analysis.disclosure import Rule
from monitoring.models import Area, Indicator, Observation
from monitoring.services.disclosure import disclosure_rule
from monitoring.services.linking import sources_usable
from signals.models import Signal, SignalCount, Theme


@dataclass(frozen=True)
class Comparison:
    area: Area
    period: int | None
    table: pd.DataFrame  # exact counts for the verdicts, with what may be shown beside them (Rule.comparison_rows)
    sources_left_out: int  # sources whose data needs an approved linking request first


def compare_thresholds(rule: Rule) -> Thresholds:
    return Thresholds(
        min_signals=settings.COMPARE_MIN_SIGNALS,
        alpha=settings.COMPARE_ALPHA,
        previous_years=settings.COMPARE_PREVIOUS_YEARS,
        data_max_age=settings.COMPARE_DATA_MAX_AGE,
        benchmark_margin=settings.COMPARE_BENCHMARK_MARGIN,
        small_cell=rule.k,
    )


def comparison_run(*, area: Area, period: int | None = None, user=None) -> Comparison:
    """Per theme: signals against data for the area and the period (default: the latest year with signals).

    Only sources this user may combine with signals take part (see services/linking.py). Signals
    are read from their counts per theme, district and year (signals.SignalCount)."""
    counts = _counts_in(area)
    period = period or _latest_year(counts)
    access = sources_usable(user=user)
    if period is None:
        return Comparison(area, None, pd.DataFrame(), access.left_out)
    rule = disclosure_rule()
    table = compare(
        themes=_themes_frame(),
        signals=_signal_counts(counts, period),
        links=_links_frame(access.usable),
        observations=_observations_frame(area, access.usable),
        period=period,
        first_year=_first_year(),
        total_signals=_total(counts, period),
        thresholds=compare_thresholds(rule),
        area_name=area.name,
    )
    return Comparison(area, period, rule.comparison_rows(table), access.left_out)


def comparison_years() -> list[int]:
    """The years with signals, newest first: the periods worth comparing."""
    years = (
        SignalCount.objects.themes().filter(theme=SignalCount.ALL_THEMES, signals__gt=0).values_list("year", flat=True)
    )
    return sorted(set(years), reverse=True)


def _counts_in(area: Area):
    """The counts of problems (knelpunten) in an area: a district's own, or the municipality's (its
    districts and no district). Positive experiences and ideas say nothing about a problem."""
    problems = SignalCount.objects.themes().filter(kind=Signal.Kind.PROBLEM, signals__gt=0)
    if area.level == Area.Level.MUNICIPALITY:
        districts = [*area.children.values_list("pk", flat=True), SignalCount.NO_DISTRICT]
        return problems.filter(district__in=districts)
    return problems.filter(district=area.pk)


def _first_year() -> int | None:
    """The year the council began logging signals (anywhere): earlier years have no counts, not zero counts."""
    return (
        SignalCount.objects.themes()
        .filter(theme=SignalCount.ALL_THEMES, signals__gt=0)
        .aggregate(first=Min("year"))["first"]
    )


def _latest_year(counts) -> int | None:
    return counts.filter(theme=SignalCount.ALL_THEMES).aggregate(latest=Max("year"))["latest"]


def _total(counts, period: int) -> int:
    return counts.filter(theme=SignalCount.ALL_THEMES, year=period).aggregate(n=Sum("signals"))["n"] or 0


def _signal_counts(counts, period: int) -> pd.DataFrame:
    """Signals and residents per theme and year (the period and the years before)."""
    rows = (
        counts.exclude(theme=SignalCount.ALL_THEMES)
        .filter(year__gte=period - settings.COMPARE_PREVIOUS_YEARS, year__lte=period)
        .values("theme", "year")
        .annotate(n=Sum("signals"), r=Sum("residents"))
        .order_by()
        .values_list("theme", "year", "n", "r")
    )
    return pd.DataFrame.from_records(rows, columns=["theme", "year", "signals", "residents"])


def _themes_frame() -> pd.DataFrame:
    """Themes with their name in the active language (the explanations quote it)."""
    english = get_language() == "en"
    rows = [
        (pk, slug, (name_en or name) if english else name)
        for pk, slug, name, name_en in Theme.objects.order_by("position", "name").values_list(
            "pk", "slug", "name", "name_en"
        )
    ]
    return pd.DataFrame.from_records(rows, columns=["theme", "slug", "name"])


def _links_frame(sources) -> pd.DataFrame:
    english = get_language() == "en"
    rows = [
        (theme, code, (name_en or name) if english else name, polarity, unit)
        for theme, code, name, name_en, polarity, unit in Indicator.themes.through.objects.filter(
            indicator__source__in=sources
        ).values_list(
            "theme_id",
            "indicator__code",
            "indicator__name",
            "indicator__name_en",
            "indicator__polarity",
            "indicator__unit",
        )
    ]
    return pd.DataFrame.from_records(rows, columns=["theme", "indicator", "indicator_name", "polarity", "unit"])


def _observations_frame(area: Area, sources) -> pd.DataFrame:
    rows = (
        Observation.objects.filter(area=area, category="", indicator__source__in=sources)
        .annotate(year=ExtractYear("period_end"))
        .values_list(
            "indicator__code", "year", "period_label", "value", "benchmark", "ci_low", "ci_high", "sample_size"
        )
    )
    columns = ["indicator", "year", "period", "value", "benchmark", "ci_low", "ci_high", "n"]
    return pd.DataFrame.from_records(rows, columns=columns)
