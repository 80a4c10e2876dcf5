"""An indicator's figures per area over time: lines, or, for a single period, bars.

One period drawn as lines is a column of stacked markers and a benchmark that is a short dash, so
a single period is drawn as a bar per area with the benchmark as a dashed line across the bars."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from monitoring.analysis.charts.bars import Bar, BarGroup, Reference, bar_chart
from monitoring.analysis.charts.figures import Series, number
from monitoring.analysis.charts.lines import WIDTH, line_chart


def series_chart(
    *,
    periods: Sequence[str],
    series: Sequence[Series],
    benchmark: dict[str, float] | None = None,
    benchmark_label: str = "",
    title: str,
    summary: str,
    y_label: str = "",
    decimals: int = 0,
    chart_id: str = "grafiek",
    width: int = WIDTH,
) -> SafeString:
    """Lines for several periods, bars for one; the description says which, then `summary`."""
    benchmark = benchmark or {}
    drawn = [s for s in series if any(p in s.values for p in periods)]
    if not drawn:
        return mark_safe("")
    if len(periods) == 1:
        return _one_period(
            periods[0], drawn, benchmark, benchmark_label, title, summary, y_label, decimals, chart_id, width
        )
    kind = _("Lijngrafiek met een lijn per gebied.")
    if benchmark:
        kind += " " + _("De vergelijkingswaarde is een gestippelde lijn.")
    return line_chart(
        periods=periods,
        series=series,
        benchmark=benchmark,
        benchmark_label=benchmark_label,
        title=title,
        description=" ".join([kind, _("De tabel geeft dezelfde cijfers."), summary]),
        y_label=y_label,
        decimals=decimals,
        chart_id=chart_id,
        width=width,
    )


def _one_period(period, series, benchmark, benchmark_label, title, summary, y_label, decimals, chart_id, width):
    groups = [BarGroup(s.label, [Bar(s.values[period], s.text(period, decimals))]) for s in series]
    reference = None
    kind = _("Staafgrafiek met een staaf per gebied, voor %(period)s.") % {"period": period}
    if period in benchmark:
        name = benchmark_label or _("Vergelijkingswaarde")
        reference = Reference(benchmark[period], number(benchmark[period], decimals), name)
        kind += " " + _("De vergelijkingswaarde is een gestippelde lijn dwars over de staven.")
    return bar_chart(
        groups=groups,
        title=title,
        description=" ".join([kind, _("De tabel geeft dezelfde cijfers."), summary]),
        chart_id=chart_id,
        width=width,
        reference=reference,
        value_label=y_label,
    )
