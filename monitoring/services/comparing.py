"""Loading the comparison's frames: aggregated in the database, compared in monitoring.analysis.comparison.

Signals are read from their kept counts per theme, district, year, month and kind (signals.SignalCount),
never from the signals themselves, so the page costs the same at a thousand signals or a million."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.conf import settings
from django.db import connection
from django.db.models import Max, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language

from monitoring.analysis.comparison import Thresholds, compare
from monitoring.analysis.disclosure import Rule
from monitoring.analysis.exposure import Window
from monitoring.analysis.readings import standard_error
from monitoring.models import Area, Indicator, Observation
from monitoring.services.disclosure import disclosure_rule
from monitoring.services.linking import sources_usable
from signals.models import Signal, SignalCount, Theme, conversation_date_lower_bound

MONTHLY = ["theme", "year", "month", "signals", "residents", "key_sum"]


@dataclass(frozen=True)
class Comparison:
    area: Area
    period: int | None
    table: pd.DataFrame  # exact counts for the verdicts, with what may be shown beside them (Rule.comparison_rows)
    sources_left_out: int  # sources whose data needs an approved linking request first
    window: Window | None = None  # the months counted
    total: int = 0  # problems (knelpunten) in the area and window, each signal once: the denominator
    total_shown: int = 0  # the same, as every page shows it (perturbed)


def compare_thresholds(rule: Rule) -> Thresholds:
    return Thresholds(
        min_signals=settings.COMPARE_MIN_SIGNALS,
        alpha=settings.COMPARE_ALPHA,
        fdr=settings.COMPARE_FDR,
        previous_years=settings.COMPARE_PREVIOUS_YEARS,
        data_max_age=settings.COMPARE_DATA_MAX_AGE,
        margin_points=settings.COMPARE_MARGIN_POINTS,
        small_cell=rule.k,
    )


def comparison_run(*, area: Area, period: int | None = None, user=None) -> Comparison:
    """Per theme: signals against data for the area and the period (default: the latest year with
    problems in the area). Only sources this user may combine with signals take part (services/linking.py).
    Counting starts at the first month anyone logged a signal (on or after the lower bound of the
    conversation date) and ends today."""
    access = sources_usable(user=user)
    first = first_logged()
    today = timezone.localdate()
    period = period or _latest_year(area, first, today)
    if period is None:
        return Comparison(area, None, pd.DataFrame(), access.left_out)
    if first is None or not first.year <= period <= today.year:
        return Comparison(area, period, pd.DataFrame(), access.left_out)
    window = Window(period, first_logged=first, today=today, previous_years=settings.COMPARE_PREVIOUS_YEARS)
    rule = disclosure_rule()
    municipality = area.parent if area.level == Area.Level.DISTRICT else None
    table = compare(
        themes=_themes_frame(),
        signals=_monthly(area, window),
        reference=_monthly(municipality, window) if municipality is not None else None,
        links=_links_frame(access.usable),
        observations=_observations_frame(area, access.usable),
        window=window,
        thresholds=compare_thresholds(rule),
        rule=rule,
        area_name=area.name,
        wider_area_name=municipality.name if municipality is not None else "",
    )
    total, key = (int(table["total"].iloc[0]), int(table["total_key"].iloc[0])) if len(table) else (0, 0)
    shown = rule.comparison_rows(table, total=total, total_key=key)
    return Comparison(area, period, shown, access.left_out, window, total, rule.perturb(total, key))


def first_logged() -> date | None:
    """The first month in which anyone logged a signal, on or after the lower bound of the conversation
    date: earlier periods (a mistyped 1900) never enter the comparison."""
    bound = conversation_date_lower_bound()
    found = (
        SignalCount.objects.themes()
        .filter(theme=SignalCount.ALL_THEMES, signals__gt=0, year__gte=bound.year)
        .order_by("year", "month")
        .values_list("year", "month")
        .first()
    )
    return date(found[0], found[1], 1) if found else None


def comparison_years() -> list[int]:
    """The years with signals from the first real one up to this year, newest first: the periods worth comparing."""
    first = first_logged()
    if first is None:
        return []
    years = (
        SignalCount.objects.themes()
        .filter(theme=SignalCount.ALL_THEMES, signals__gt=0, year__gte=first.year, year__lte=timezone.localdate().year)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return list(years)


def _in_area(area: Area):
    """The kept counts of problems (knelpunten) in an area: a district's own, or the municipality's (its
    districts and no district). Positive experiences and ideas say nothing about a problem."""
    problems = SignalCount.objects.filter(kind=Signal.Kind.PROBLEM, signals__gt=0)
    if area.level == Area.Level.MUNICIPALITY:
        districts = [*area.children.values_list("pk", flat=True), SignalCount.NO_DISTRICT]
        return problems.filter(district__in=districts)
    return problems.filter(district=area.pk)


def _latest_year(area: Area, first: date | None, today: date) -> int | None:
    """The latest year with problems in the area, from the first month logged up to this year."""
    if first is None:
        return None
    problems = _in_area(area).filter(family=False, theme=SignalCount.ALL_THEMES)
    return problems.filter(year__gte=first.year, year__lte=today.year).aggregate(latest=Max("year"))["latest"]


def _monthly(area: Area, window: Window) -> pd.DataFrame:
    """Problems per theme, year and month over the period and the earlier years: each theme as tagged,
    a main theme with its aspects (each signal once), and theme 0 (every signal once)."""
    mains = list(Theme.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    rows = (
        _in_area(area)
        .filter(Q(family=True) | (Q(family=False) & ~Q(theme__in=mains)))
        .filter(year__gte=window.period - window.previous_years, year__lte=window.period)
        .values("theme", "year", "month")
        .annotate(n=Sum("signals"), r=Sum("residents"), k=Sum("key_sum"))
        .order_by()
        .values_list("theme", "year", "month", "n", "r", "k")
    )
    # Some 3,000 rows of plain integers: read with the cursor, as the ORM's per-row conversion costs
    # more than the query.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return pd.DataFrame.from_records(cursor.fetchall(), columns=MONTHLY).astype("int64")  # SUM may be numeric


def _themes_frame() -> pd.DataFrame:
    """Themes with their name in the active language (the explanations quote it); ``family`` for a main
    theme with aspects (its counts are its family's)."""
    english = get_language() == "en"
    themes = list(Theme.objects.order_by("position", "name").values_list("pk", "slug", "name", "name_en", "parent"))
    parents = {parent for *_rest, parent in themes if parent}
    rows = [(pk, slug, (name_en or name) if english else name, pk in parents) for pk, slug, name, name_en, _p in themes]
    return pd.DataFrame.from_records(rows, columns=["theme", "slug", "name", "family"])


LINK_COLUMNS = [
    "theme", "indicator", "indicator_name", "polarity", "unit", "periodicity", "benchmark_label", "design_effect",
]  # fmt: skip


def _links_frame(sources) -> pd.DataFrame:
    english = get_language() == "en"
    rows = [
        (theme, code, (name_en or name) if english else name, *rest)
        for theme, code, name, name_en, *rest in Indicator.themes.through.objects.filter(
            indicator__source__in=sources
        ).values_list(
            "theme_id",
            "indicator__code",
            "indicator__name",
            "indicator__name_en",
            "indicator__polarity",
            "indicator__unit",
            "indicator__periodicity",
            "indicator__benchmark_label",
            "indicator__source__design_effect",
        )
    ]
    return pd.DataFrame.from_records(rows, columns=LINK_COLUMNS)


OBSERVATION_COLUMNS = ["indicator", "year", "period", "value", "benchmark", "ci_low", "ci_high", "n"]
OBSERVATION_FIELDS = [
    "indicator__code", "year", "period_label", "value", "benchmark", "ci_low", "ci_high", "sample_size",
]  # fmt: skip


def _observations_frame(area: Area, sources) -> pd.DataFrame:
    """The area's figures, with the benchmark's own standard error where the country's figure for the
    same indicator and period is in the data and is the benchmark."""
    own = Observation.objects.filter(area=area, category="", indicator__source__in=sources)
    rows = own.annotate(year=ExtractYear("period_end")).values_list(*OBSERVATION_FIELDS)
    frame = pd.DataFrame.from_records(list(rows), columns=OBSERVATION_COLUMNS)
    known = _benchmark_se(frame, sources)
    return frame.assign(benchmark_se=[known.get(key) for key in _keys(frame)])


def _keys(frame: pd.DataFrame) -> list[tuple]:
    return list(zip(frame["indicator"], frame["period"], frame["benchmark"], strict=True))


def _benchmark_se(frame: pd.DataFrame, sources) -> dict[tuple, float]:
    if not len(frame) or not frame["benchmark"].notna().any():
        return {}
    country = Observation.objects.filter(
        area__level=Area.Level.COUNTRY,
        category="",
        indicator__code__in=set(frame["indicator"]),
        indicator__source__in=sources,
    ).values_list("indicator__code", "period_label", "value", "ci_low", "ci_high", "sample_size", "indicator__unit",
                  "indicator__source__design_effect")  # fmt: skip
    found = {}
    for code, period, value, low, high, n, unit, effect in country:
        se = standard_error({"value": value, "ci_low": low, "ci_high": high, "n": n}, unit, effect)
        for key in _keys(frame):
            if key[:2] == (code, period) and key[2] is not None and abs(key[2] - value) < 0.05 and se is not None:
                found[key] = se
    return found
