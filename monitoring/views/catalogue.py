"""The catalogue pages: sources, indicators, an indicator's series, the import history.

Figures of a source the user may not use (services/linking.py) are left out: the indicator is still
listed with its metadata, and the pages say why its figures are hidden."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.paging import paginate
from config.parameters import renamed_parameters
from monitoring.analysis import charts
from monitoring.analysis.charts import Figures
from monitoring.forms.catalogue import ImportFilterForm, IndicatorFilterForm, SeriesFilterForm
from monitoring.models import Area, Import, Indicator, Observation, Source
from monitoring.services.linking import FIGURES_HIDDEN, VALUES_HIDDEN, figures_hidden, observations_visible

VALUE_TEXT = {
    Indicator.Unit.PERCENTAGE: gettext_lazy("%(value)s %%"),
    Indicator.Unit.EURO: gettext_lazy("€ %(value)s"),
    Indicator.Unit.PER_THOUSAND: gettext_lazy("%(value)s per 1.000 inwoners"),
}


@permission_required("monitoring.view_indicator", raise_exception=True)
@renamed_parameters(IndicatorFilterForm.OLD_NAMES)
def indicator_list(request: HttpRequest) -> HttpResponse:
    form = IndicatorFilterForm(request.GET or None)
    latest = Observation.objects.filter(indicator=OuterRef("pk")).order_by("-period_end", "-period_start")
    indicators = (
        Indicator.objects.select_related("source")
        .prefetch_related("themes")
        .annotate(observation_count=Count("observations"), latest_period=Subquery(latest.values("period_label")[:1]))
        .annotate(figures_hidden=figures_hidden(user=request.user))
        .order_by("code")
    )
    if form.is_bound:
        form.is_valid()  # a wrong field gets its message; the fields that are right still filter
        indicators = _indicators_filtered(indicators, form.cleaned_data)
    page, query = paginate(request, indicators)
    filtered = any(value for name, value in request.GET.items() if name != "pagina")
    context = {"form": form, "page": page, "query": query, "filtered": filtered, "hidden_reason": FIGURES_HIDDEN}
    return render(request, "monitoring/indicator_list.html", context)


def _indicators_filtered(indicators: QuerySet[Indicator], data: dict) -> QuerySet[Indicator]:
    if data.get("q"):
        q = data["q"]
        indicators = indicators.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(definition__icontains=q))
    if data.get("thema"):
        # A main theme also finds the indicators of its aspects; a subquery keeps one row per indicator.
        tagged = Indicator.themes.through.objects.filter(theme_id__in=data["thema"].family_ids())
        indicators = indicators.filter(pk__in=tagged.values("indicator_id"))
    lookups = {"bron": "source", "eenheid": "unit", "richting": "polarity"}
    return indicators.filter(**{lookup: data[name] for name, lookup in lookups.items() if data.get(name)})


@permission_required("monitoring.view_source", raise_exception=True)
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.annotate(indicator_count=Count("indicators")).order_by("name")
    page, query = paginate(request, sources)
    return render(request, "monitoring/source_list.html", {"page": page, "query": query})


@permission_required(["monitoring.view_indicator", "monitoring.view_observation"], raise_exception=True)
@renamed_parameters(SeriesFilterForm.OLD_NAMES)
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicators = Indicator.objects.select_related("source").prefetch_related("themes")
    indicator = get_object_or_404(indicators.annotate(figures_hidden=figures_hidden(user=request.user)), code=code)
    if indicator.figures_hidden:  # the metadata, and why there are no figures: no form, no chart, no table
        return render(request, "monitoring/indicator_detail.html", {"indicator": indicator, "hidden": FIGURES_HIDDEN})
    form = SeriesFilterForm(request.GET or None, indicator=indicator)
    category, chosen = form.selection()
    observations = observations_visible(user=request.user).filter(indicator=indicator)
    series = _series(indicator, observations, category, chosen)
    context = {"indicator": indicator, "form": form, "category": category, **series}
    return render(request, "monitoring/indicator_detail.html", context)


def _series(indicator: Indicator, observations: QuerySet[Observation], category: str, chosen: list[Area]) -> dict:
    """The figures, the chart, the table and the sentences about them."""
    whole, areas, figures = _figures(observations, category, chosen)
    whole_series = figures.series[0] if whole else None
    parts = [s for s in figures.series if s is not whole_series and s.values]
    one_period = len(figures.periods) == 1  # bars: every area fits, highest first
    room = charts.MAX_SERIES - (1 if whole else 0)
    if one_period:
        drawn = sorted(parts, key=lambda s: -next(iter(s.values.values())))
    else:
        drawn = parts if chosen else charts.extremes(parts, figures.periods, room)
    text = _value_text(indicator.unit, figures.decimals)
    summary = charts.summary(figures.periods, figures.series, whole=whole_series, text=text)
    chart = charts.for_screens(
        charts.series_chart,
        periods=figures.periods,
        series=[s for s in [whole_series, *drawn] if s is not None],
        benchmark=figures.benchmark,
        benchmark_label=indicator.benchmark_label,
        title=_("%(indicator)s per gebied") % {"indicator": indicator.label},
        summary=summary,
        y_label=indicator.get_unit_display(),
        decimals=figures.decimals,
        chart_id="grafiek",
    )
    latest = charts.latest_period(figures.periods, figures.series)
    note = "" if chosen else _chart_note(whole, drawn=len(drawn), areas=len(parts), latest=latest)
    heading = _benchmark_heading(indicator.benchmark_label)
    table = charts.figures_table(figures, period=_("Periode"), area=_("Gebied"), benchmark=heading)
    return {"figures": figures, "areas": areas, "summary": summary, "chart": chart, "chart_note": note, "table": table}


def _benchmark_heading(label: str) -> str:
    """The benchmark's name without its explanation in brackets, for a table heading: a long one made a
    narrow column of many lines. The page gives the whole name under "Over deze indicator"."""
    short = label.split(" (")[0].strip()
    return short if short and len(short) <= 30 else _("Vergelijkingswaarde")


def _figures(
    observations: QuerySet[Observation], category: str, chosen: list[Area]
) -> tuple[Area | None, list[Area], Figures]:
    """The figures of the municipality and the chosen areas, by default its districts.

    Returns the municipality (None without figures for it), the areas with figures or chosen, and the figures.
    """
    whole = Area.objects.filter(code=settings.MUNICIPALITY_CODE).first()
    areas = [a for a in [whole, *(chosen or Area.objects.districts())] if a is not None]
    rows = list(
        observations.filter(category=category, area__in=areas)
        .order_by("period_start", "period_end")
        .values_list("area_id", "period_label", "value", "ci_low", "ci_high", "sample_size", "benchmark")
    )
    present = {row[0] for row in rows}
    areas = [a for a in areas if a.pk in present or a in chosen]  # no empty column for a district without figures
    figures = charts.figures([charts.Point(*row) for row in rows], [(a.pk, a.name) for a in areas])
    return (whole if whole in areas else None), areas, figures


def _value_text(unit: str, decimals: int) -> Callable[[float], str]:
    template = VALUE_TEXT.get(unit, "%(value)s")
    return lambda value: template % {"value": charts.number(value, decimals)}


def _chart_note(whole: Area | None, *, drawn: int, areas: int, latest: str | None) -> str:
    """Why the chart leaves out areas that the table shows; empty when it leaves none out."""
    if latest is None or drawn == areas:
        return ""
    values = {"lines": charts.MAX_SERIES, "drawn": drawn, "period": latest, "areas": areas}
    if whole is None:
        shows = _("Daarom toont de grafiek de %(drawn)s gebieden met de hoogste en laagste waarde in %(period)s.")
    else:
        values["whole"] = whole.name
        shows = _(
            "Daarom toont de grafiek %(whole)s en de %(drawn)s gebieden met de hoogste en laagste waarde in %(period)s."
        )
    return " ".join(
        [
            _("Meer dan %(lines)s lijnen zijn niet uit elkaar te houden.") % values,
            shows % values,
            _("De tabel toont alle %(areas)s gebieden. U kunt hieronder zelf gebieden kiezen.") % values,
        ]
    )


@permission_required("monitoring.view_import", raise_exception=True)
@renamed_parameters(ImportFilterForm.OLD_NAMES)
def import_list(request: HttpRequest) -> HttpResponse:
    form = ImportFilterForm(request.GET or None)
    imports = Import.objects.select_related("imported_by")
    if form.is_bound:
        form.is_valid()
        imports = _imports_filtered(imports, form.cleaned_data)
    page, query = paginate(request, imports)
    return render(request, "monitoring/import_list.html", {"form": form, "page": page, "query": query})


def _imports_filtered(imports: QuerySet[Import], data: dict) -> QuerySet[Import]:
    lookups = {
        "soort": "kind",
        "door": "imported_by__username__icontains",
        "van": "created_at__date__gte",
        "tot": "created_at__date__lte",
    }
    return imports.filter(**{lookup: data[name] for name, lookup in lookups.items() if data.get(name)})


@permission_required("monitoring.view_import", raise_exception=True)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Import.objects.select_related("imported_by"), pk=pk)
    changes = (
        record.changes.select_related("observation__indicator", "observation__area")
        .annotate(hidden=figures_hidden(user=request.user, source="observation__indicator__source"))
        .order_by(
            "observation__indicator__code",
            "observation__area__name",
            "observation__period_start",
            "observation__category",
        )
    )
    page, query = paginate(request, changes)
    hidden = VALUES_HIDDEN if any(change.hidden for change in page.object_list) else ""
    context = {"record": record, "page": page, "query": query, "hidden": hidden}
    return render(request, "monitoring/import_detail.html", context)
