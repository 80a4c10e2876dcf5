"""The comparison page: per theme, signals against data, with a verdict and what to do next."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.analysis.explanations import expected_text, number, percent, value_text
from monitoring.analysis.verdicts import VERDICTS, VOCABULARY
from monitoring.forms.comparison import SORTS, ComparisonForm
from monitoring.models import Area
from monitoring.services.comparing import comparison_run, comparison_years
from monitoring.services.disclosure import disclosure_rule


@permission_required("monitoring.view_indicator", raise_exception=True)
def comparison_page(request: HttpRequest) -> HttpResponse:
    form = ComparisonForm(request.GET or None, years=comparison_years())
    choice = form.cleaned_or_default()
    area = Area.objects.filter(code=choice["area"]).first()
    result = comparison_run(area=area, period=choice["period"], user=request.user) if area else None
    table = result.table if result is not None else pd.DataFrame()
    rows = _rows(result, area, choice) if len(table) else []
    context = {
        "form": form,
        "area": area,
        "result": result,
        "rows": rows,
        "choice": choice,
        "verdict_counts": _verdict_counts(table, request.GET),
        "sort_links": _sort_links(request.GET, choice["sort"]),
        "small_cell": disclosure_rule().k,
        "fdr_percent": percent(settings.COMPARE_FDR),
    }
    return render(request, "monitoring/comparison.html", context)


def _rows(result, area: Area, choice: dict) -> list[dict]:
    """What each row shows: the service has already protected the counts (shown_*)."""
    rule, period, window = disclosure_rule(), result.period, result.window
    table = result.table.assign(verdict_order=result.table["verdict"].map(VERDICTS.index))
    if choice["verdict"]:
        table = table[table["verdict"] == choice["verdict"]]
    column, descending = SORTS[choice["sort"]]
    table = table.sort_values([column, "name"], ascending=[not descending, True])
    district = {"wijk": area.pk} if area.level == Area.Level.DISTRICT else {}
    follow_up = {"gebied": area.code, "periode": period}
    rows = []
    for row in table.itertuples(index=False):
        verdict = VOCABULARY[row.verdict]
        rows.append(
            {
                "row": row,
                "signals": row.shown_signals,
                "residents": row.shown_residents,
                "share": percent(row.shown_share) if row.shown_signals else "–",
                "verdict_label": verdict.label,
                "verdict_badge": verdict.badge,
                "details": _details(row, rule),
                "signals_url": _signals_url(row.theme, window, district) if row.signals else "",
                "indicator_url": reverse("monitoring:indicator", args=[row.indicator]) if _known(row.indicator) else "",
                "data_request_url": _url(
                    "monitoring:data_request_create", thema=row.theme, oordeel=row.verdict, **follow_up
                ),
                "inquiry_url": _url("monitoring:inquiry_create", thema=row.theme, gebied=area.code),
            }
        )
    return rows


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def _p(value) -> str:
    """A p-value as a coordinator reads it: two decimals, or "< 0,001"."""
    if not _known(value):
        return "–"
    return "< " + number(0.001, 3) if value < 0.001 else number(value, 3 if value < 0.01 else 2)


def _details(row, rule) -> list[tuple[str, str]]:
    """What lies behind the verdict, for the expandable part of the row: shares, expected counts,
    p-values after the correction for many themes, and the figure with its interval and benchmark."""
    shown_share = percent(row.shown_share) if row.shown and not rule.is_small(row.shown) else "–"
    details = [(_("Aandeel van alle knelpunten"), shown_share)]
    if _known(row.earlier_shown_share) and row.earlier_shown and not rule.is_small(row.earlier_shown):
        details.append((_("Aandeel in dezelfde maanden eerder"), percent(row.earlier_shown_share)))
    details.append((_("Verandering: p na correctie voor alle thema’s"), _p(row.p_value)))
    if _known(row.dispersion):
        details.append((_("Overdispersie (φ) van die toets"), number(row.dispersion, 2)))
    if _known(row.expected_shown):
        details.append((_("Verwacht aantal (ander gebied of doorsnee thema)"), expected_text(row.expected_shown, rule)))
        details.append((_("Minder dan verwacht: p na correctie"), _p(row.below_adjusted)))
    return details + _figure_details(row)


def _figure_details(row) -> list[tuple[str, str]]:
    if not _known(row.indicator) or not _known(row.latest_value):
        return []
    unit = row.unit if _known(row.unit) else ""
    figure = f"{value_text(row.latest_value, unit)} ({row.latest_period})"
    if _known(row.ci_low):
        figure += " " + _("interval %(low)s tot %(high)s") % {
            "low": value_text(row.ci_low, unit),
            "high": value_text(row.ci_high, unit),
        }
    details = [(_("Cijfer „%(indicator)s”") % {"indicator": row.indicator_name}, figure)]
    if row.reference == "benchmark":
        label = row.benchmark_label if _known(row.benchmark_label) and row.benchmark_label else _("ter vergelijking")
        details.append((_("Vergelijking"), f"{label}: {value_text(row.reference_value, unit)}"))
    elif row.reference == "previous":
        details.append((_("Vergelijking"), f"{row.reference_period}: {value_text(row.reference_value, unit)}"))
    if _known(row.gap_p):
        details.append((_("Verschil: p"), _p(row.gap_p)))
    elif _known(row.margin):
        details.append((_("Verschil: marge in procentpunten"), number(row.margin)))
    return details


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _signals_url(theme: int, window, district: dict) -> str:
    """The signals behind the row: the months counted (the list filters kinds itself)."""
    start, end = window.start, window.end
    return _url("signals:list", thema=theme, van=start.isoformat(), tot=end.isoformat(), soort="knelpunt", **district)


def _verdict_counts(table: pd.DataFrame, query) -> list[dict]:
    counts = table["verdict"].value_counts() if len(table) else {}
    base = query.copy()
    items = []
    for verdict in VOCABULARY.values():
        base["oordeel"] = verdict.key
        items.append(
            {
                "verdict": verdict.key,
                "label": verdict.label,
                "meaning": verdict.meaning,
                "count": int(counts.get(verdict.key, 0)) if len(table) else 0,
                "url": "?" + base.urlencode(),
            }
        )
    return items


def _sort_links(query, current: str) -> dict:
    links = {}
    for key in SORTS:
        params = query.copy()
        params["sorteer"] = key
        links[key] = {"url": "?" + params.urlencode(), "active": key == current}
    return links
