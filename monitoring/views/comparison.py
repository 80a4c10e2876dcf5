"""The comparison page: per theme, signals against data, with a verdict and what to do next."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

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
    rows = _rows(table, area, result.period if result else None, choice) if len(table) else []
    context = {
        "form": form,
        "area": area,
        "result": result,
        "rows": rows,
        "choice": choice,
        "verdict_counts": _verdict_counts(table, request.GET),
        "sort_links": _sort_links(request.GET, choice["sort"]),
        "small_cell": disclosure_rule().k,
        "current_year": timezone.localdate().year,
    }
    return render(request, "monitoring/comparison.html", context)


def _rows(table: pd.DataFrame, area: Area, period: int, choice: dict) -> list[dict]:
    """What each row shows: the service has already protected the counts (shown_*)."""
    table = table.assign(verdict_order=table["verdict"].map(VERDICTS.index))
    if choice["verdict"]:
        table = table[table["verdict"] == choice["verdict"]]
    column, descending = SORTS[choice["sort"]]
    table = table.sort_values([column, "name"], ascending=[not descending, True])
    district = {"district": area.pk} if area.level == Area.Level.DISTRICT else {}
    follow_up = {"gebied": area.code, "periode": period}
    rows = []
    for row in table.itertuples(index=False):
        verdict = VOCABULARY[row.verdict]
        rows.append(
            {
                "row": row,
                "signals": row.shown_signals,
                "residents": row.shown_residents,
                "share": row.shown_share,
                "verdict_label": verdict.label,
                "verdict_badge": verdict.badge,
                "signals_url": _signals_url(row.theme, period, district) if row.signals else "",
                "indicator_url": reverse("monitoring:indicator", args=[row.indicator]) if row.indicator else "",
                "data_request_url": _url(
                    "monitoring:data_request_create", thema=row.theme, oordeel=row.verdict, **follow_up
                ),
                "inquiry_url": _url("monitoring:inquiry_create", thema=row.theme, gebied=area.code),
            }
        )
    return rows


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _signals_url(theme: int, period: int, district: dict) -> str:
    return _url("signals:list", theme=theme, date_from=f"{period}-01-01", date_to=f"{period}-12-31", **district)


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
