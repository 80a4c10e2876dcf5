"""Loading the comparison's frames: aggregated in the database, compared in monitoring.comparison."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from monitoring.comparison import Thresholds, compare
from monitoring.models import Area, Indicator, Observation
from monitoring.services.linking import sources_usable
from signals.models import Signal, Theme


@dataclass(frozen=True)
class Comparison:
    area: Area
    period: int | None
    table: pd.DataFrame
    sources_left_out: int  # sources whose data needs an approved linking request first


def compare_thresholds() -> Thresholds:
    return Thresholds(
        min_signals=settings.COMPARE_MIN_SIGNALS,
        alpha=settings.COMPARE_ALPHA,
        previous_years=settings.COMPARE_PREVIOUS_YEARS,
        data_max_age=settings.COMPARE_DATA_MAX_AGE,
        benchmark_margin=settings.COMPARE_BENCHMARK_MARGIN,
        small_cell=getattr(settings, "TABLE_MIN_CELL", 5),
    )


def comparison_run(*, area: Area, period: int | None = None, user=None) -> Comparison:
    """Per theme: signals against data for the area and the period (default: the latest year with signals).

    Only sources this user may combine with signals take part (see services/linking.py)."""
    signals = _signals_in(area)
    period = period or _latest_year(signals)
    access = sources_usable(user=user)
    open_sources = access.usable
    if period is None:
        return Comparison(area, None, pd.DataFrame(), access.left_out)
    table = compare(
        themes=_themes_frame(),
        signals=_signal_counts(area, period),
        links=_links_frame(open_sources),
        observations=_observations_frame(area, open_sources),
        period=period,
        first_year=_first_year(),
        total_signals=signals.filter(
            conversation_date__gte=date(period, 1, 1), conversation_date__lte=date(period, 12, 31)
        ).count(),
        thresholds=compare_thresholds(),
        area_name=area.name,
    )
    return Comparison(area, period, table, access.left_out)


def _area_q(area: Area, prefix: str = "") -> Q:
    """The signals of an area: a district's own, or all of the municipality (also those without district)."""
    if area.level == Area.Level.MUNICIPALITY:
        return Q(**{f"{prefix}district__parent": area}) | Q(**{f"{prefix}district__isnull": True})
    return Q(**{f"{prefix}district": area})


def _signals_in(area: Area):
    return Signal.objects.filter(_area_q(area))


def comparison_years() -> list[int]:
    """The years with signals, newest first: the periods worth comparing."""
    dates = Signal.objects.dates("conversation_date", "year", order="DESC")
    return [d.year for d in dates]


def _first_year() -> int | None:
    """The year the council began logging signals (anywhere): earlier years have no counts, not zero counts."""
    first = Signal.objects.order_by("conversation_date").values_list("conversation_date", flat=True).first()
    return first.year if first else None


def _latest_year(signals) -> int | None:
    latest = signals.order_by("-conversation_date").values_list("conversation_date", flat=True).first()
    return latest.year if latest else None


def _signal_counts(area: Area, period: int) -> pd.DataFrame:
    """Signals and residents per theme and year, counted by the database (period and the years before)."""
    first_year = period - settings.COMPARE_PREVIOUS_YEARS
    rows = (
        Signal.themes.through.objects.filter(
            _area_q(area, prefix="signal__"),
            signal__conversation_date__gte=date(first_year, 1, 1),
            signal__conversation_date__lte=date(period, 12, 31),
        )
        .values("theme_id", year=ExtractYear("signal__conversation_date"))
        .annotate(count=Count("signal_id"), residents=Sum("signal__residents"))
        .order_by()
        .values_list("theme_id", "year", "count", "residents")
    )
    return pd.DataFrame.from_records(rows, columns=["theme", "year", "signals", "residents"])


def _themes_frame() -> pd.DataFrame:
    rows = Theme.objects.order_by("position", "name").values_list("pk", "slug", "name")
    return pd.DataFrame.from_records(rows, columns=["theme", "slug", "name"])


def _links_frame(sources) -> pd.DataFrame:
    rows = Indicator.themes.through.objects.filter(indicator__source__in=sources).values_list(
        "theme_id", "indicator__code", "indicator__name", "indicator__polarity", "indicator__unit"
    )
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
