"""The comparison page: per theme, signals against data, with a verdict and what to do next."""

from __future__ import annotations

from collections import namedtuple
from urllib.parse import urlencode

import pandas as pd
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html_join
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
        "fdr_percent": percent(settings.COMPARE_FDR),
        "can": {
            "view_signals": request.user.has_perm("signals.view_signal"),
            "request_data": request.user.has_perm("monitoring.add_datarequest"),
            "inquire": request.user.has_perm("monitoring.add_inquiry"),
        },
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
    labels, paths = _labels(), _paths()
    rows = []
    for values in zip(*(table[column].tolist() for column in SHOWN), strict=True):  # faster than itertuples
        row = Row._make(values)
        verdict = VOCABULARY[row.verdict]
        rows.append(
            {
                **{column: getattr(row, column) for column in ROW},  # flat, so the template finds them at once
                "signals": row.shown_signals,
                "residents": row.shown_residents,
                "share": percent(row.shown_share) if row.shown_signals else "–",
                "verdict_label": verdict.label,
                "verdict_badge": verdict.badge,
                "details": format_html_join("", DETAIL, _details(row, rule, labels)),
                "signals_url": _signals_url(paths["signals"], row.theme, window, district) if row.signals else "",
                "indicator_url": f"{paths['indicator']}{row.indicator}/" if _known(row.indicator) else "",
                "data_request_url": _query(paths["data_request"], thema=row.theme, oordeel=row.verdict, **follow_up),
                "inquiry_url": _query(paths["inquiry"], thema=row.theme, gebied=area.code),
            }
        )
    return rows


# What a row of the page reads from the comparison, and what the template reads from a row itself.
ROW = ["theme", "name", "change_significant", "indicators", "recent_data", "conflicts", "explanation"]
SHOWN = [
    *ROW, "verdict", "signals", "shown", "shown_signals", "shown_residents", "shown_share", "earlier_shown",
    "earlier_shown_share", "p_value", "dispersion", "expected_shown", "below_adjusted", "indicator", "indicator_name",
    "latest_value", "latest_period", "unit", "ci_low", "ci_high", "reference", "benchmark_label", "reference_value",
    "reference_period", "gap_p", "margin",
]  # fmt: skip

Row = namedtuple("Row", SHOWN)

# One line of the expandable part "Toetsen en marges"; built here, not in the template, because a page
# has some 500 of them and the template engine would take longer than the comparison itself.
DETAIL = '<dt class="col-7 fw-normal">{}</dt><dd class="col-5 mb-0">{}</dd>'


def _labels() -> dict[str, str]:
    """The expandable part's labels, translated once per page."""
    return {
        "share": _("Aandeel van alle knelpunten"),
        "earlier": _("Aandeel in dezelfde maanden eerder"),
        "change": _("Verandering: p na correctie voor alle thema’s"),
        "dispersion": _("Overdispersie (φ) van die toets"),
        "expected": _("Verwacht aantal (ander gebied of doorsnee thema)"),
        "below": _("Minder dan verwacht: p na correctie"),
        "comparison": _("Vergelijking"),
        "gap_p": _("Verschil: p"),
        "margin": _("Verschil: marge in procentpunten"),
        "no_label": _("ter vergelijking"),
    }


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def _p(value) -> str:
    """A p-value as a coordinator reads it: two decimals, or "< 0,001"."""
    if not _known(value):
        return "–"
    return "< " + number(0.001, 3) if value < 0.001 else number(value, 3 if value < 0.01 else 2)


def _details(row, rule, labels: dict) -> list[tuple[str, str]]:
    """What lies behind the verdict, for the expandable part of the row: shares, expected counts,
    p-values after the correction for many themes, and the figure with its interval and benchmark."""
    shown_share = percent(row.shown_share) if row.shown and not rule.is_small(row.shown) else "–"
    details = [(labels["share"], shown_share)]
    if _known(row.earlier_shown_share) and row.earlier_shown and not rule.is_small(row.earlier_shown):
        details.append((labels["earlier"], percent(row.earlier_shown_share)))
    details.append((labels["change"], _p(row.p_value)))
    if _known(row.dispersion):
        details.append((labels["dispersion"], number(row.dispersion, 2)))
    if _known(row.expected_shown):
        details.append((labels["expected"], expected_text(row.expected_shown, rule)))
        details.append((labels["below"], _p(row.below_adjusted)))
    return details + _figure_details(row, labels)


def _figure_details(row, labels: dict) -> list[tuple[str, str]]:
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
        label = row.benchmark_label if _known(row.benchmark_label) and row.benchmark_label else labels["no_label"]
        details.append((labels["comparison"], f"{label}: {value_text(row.reference_value, unit)}"))
    elif row.reference == "previous":
        details.append((labels["comparison"], f"{row.reference_period}: {value_text(row.reference_value, unit)}"))
    if _known(row.gap_p):
        details.append((labels["gap_p"], _p(row.gap_p)))
    elif _known(row.margin):
        details.append((labels["margin"], number(row.margin)))
    return details


def _paths() -> dict[str, str]:
    """The pages a row links to, reversed once per page rather than once per row."""
    return {
        "signals": reverse("signals:list"),
        "indicator": reverse("monitoring:indicator", args=["_"]).removesuffix("_/"),
        "data_request": reverse("monitoring:data_request_create"),
        "inquiry": reverse("monitoring:inquiry_create"),
    }


def _query(path: str, **params) -> str:
    return f"{path}?{urlencode(params)}"


def _signals_url(path: str, theme: int, window, district: dict) -> str:
    """The problems behind the row, in the months counted."""
    start, end = window.start.isoformat(), window.end.isoformat()
    return _query(path, thema=theme, van=start, tot=end, soort="knelpunt", **district)


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
