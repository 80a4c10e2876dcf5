"""One chart for every screen (docs/adr/0012): each chart is drawn wide and narrow, and CSS shows
the one that fits, so its text is 12 px or more on a desktop and on a phone. The other is
display: none, so a screen reader meets the chart once."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from monitoring.analysis.charts.lines import NARROW, WIDTH


def for_screens(draw: Callable[..., SafeString], *, chart_id: str, **kwargs) -> SafeString:
    """`draw` at both widths, in the wrappers charts.css shows or hides; empty when there is nothing to draw."""
    wide = draw(chart_id=chart_id, width=WIDTH, **kwargs)
    if not wide:
        return mark_safe("")
    narrow = draw(chart_id=f"{chart_id}-smal", width=NARROW, **kwargs)
    return format_html('<div class="chart-wide">{}</div><div class="chart-narrow">{}</div>', wide, narrow)
