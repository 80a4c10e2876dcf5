"""The home page's figures: counted in the database, drawn by monitoring.analysis.charts.

The figures are the same for everyone who may combine the same sources, so they are cached for
DASHBOARD_CACHE_SECONDS (default five minutes) under the language, the small-cell limit and the
sources the user may use. A member's own figures (`member_figures`) are never cached.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from monitoring.models import Area, Indicator, LinkRequest, Observation, Source
from monitoring.services.comparing import comparison_run
from monitoring.services.dashboard.parts import (
    Coverage,
    Dashboard,
    SignalsByTheme,
    Trend,
    coverage,
    signals_by_theme,
    trend,
    trend_sentence,
    trends_chosen,
    verdicts,
)
from monitoring.services.disclosure import disclosure_rule
from monitoring.services.linking import sources_usable
from signals.models import Signal, SignalCount, Theme

__all__ = [
    "dashboard_figures",
    "member_figures",
    "pending_decisions",
    "signals_by_theme",
    "trend_sentence",
    "trends_chosen",
]

YEARS = 3  # signals per theme over the latest three years with signals
RECENT = 5  # a member's own latest signals


def member_figures(*, user) -> dict:
    """The member's own corner of the page: signals this month (protected), their own, and their latest;
    for whom decides on linking requests, how many wait for them."""
    figures: dict = {"pending_decisions": pending_decisions(user=user)}
    if user.has_perm("signals.view_signal"):
        month = Signal.objects.filter(conversation_date__gte=timezone.localdate().replace(day=1)).aggregate(
            n=Count("pk"), keys=Coalesce(Sum("record_key"), 0)
        )
        figures["signals_this_month"] = disclosure_rule().text(month["n"], month["keys"])
    if user.has_perm("signals.add_signal"):
        mine = Signal.objects.filter(created_by=user)
        figures["my_signals"] = mine.count()
        figures["recent"] = list(mine.with_related()[:RECENT])
    return figures


def pending_decisions(*, user) -> int | None:
    """The linking requests that wait for this user's decision: submitted, and not by themselves (someone
    else decides on those). None for whom may not decide."""
    if not user.has_perm("monitoring.decide_linkrequest"):
        return None
    return LinkRequest.objects.filter(status=LinkRequest.Status.SUBMITTED).exclude(requested_by=user).count()


def dashboard_figures(*, user) -> Dashboard:
    """The four charts for this user: only the sources they may combine with signals take part."""
    access = sources_usable(user=user)
    usable = sorted(access.usable.values_list("pk", flat=True))
    key = f"dashboard:{get_language()}:{disclosure_rule().k}:{','.join(map(str, usable))}"
    figures = cache.get(key)
    if figures is None:
        figures = _dashboard(user=user, usable=usable, left_out=access.left_out)
        cache.set(key, figures, settings.DASHBOARD_CACHE_SECONDS)
    return replace(figures, sources_left_out=access.left_out)  # counted just now anyway: never stale


def _dashboard(*, user, usable: list[int], left_out: int) -> Dashboard:
    themes = Theme.objects.in_tree_order()
    tops = [theme for theme in themes if theme.parent_id is None]
    municipality = Area.objects.filter(code=settings.MUNICIPALITY_CODE).first()
    comparison = comparison_run(area=municipality, user=user) if municipality else None
    table = comparison.table if comparison is not None and comparison.period else pd.DataFrame()
    return Dashboard(
        signals=_signals_by_theme(themes),
        verdicts=verdicts(table, comparison.period, municipality, comparison.total_shown) if len(table) else None,
        coverage=_coverage(tops, usable),
        trends=_trends(municipality, usable, _problem_indicators(table)) if municipality else [],
        sources_left_out=left_out,
    )


def _signals_by_theme(themes: list[Theme]) -> SignalsByTheme | None:
    """Read from the kept counts (signals.SignalCount, ADR 6): a few thousand rows, whatever the number of signals."""
    kept = SignalCount.objects.themes().filter(signals__gt=0)
    latest = kept.filter(theme=SignalCount.ALL_THEMES).aggregate(latest=Max("year"))["latest"]
    if latest is None:
        return None
    years = list(range(latest - YEARS + 1, latest + 1))
    counts = (
        kept.exclude(theme=SignalCount.ALL_THEMES)
        .filter(year__in=years)
        .values("theme", "year")
        .annotate(count=Sum("signals"), keys=Sum("key_sum"))  # over the districts, months and kinds
        .order_by()
        .values_list("theme", "year", "count", "keys")
    )
    return signals_by_theme(list(counts), {t.pk: t.label for t in themes}, years, disclosure_rule())


def _problem_indicators(table: pd.DataFrame) -> list[str]:
    """The indicators the comparison quotes for a problem in the data, in the comparison's order."""
    if not len(table):
        return []
    return [code for code in table.loc[table["data_problem"], "indicator"] if isinstance(code, str)]


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
