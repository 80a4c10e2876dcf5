"""The table builder: choose data, rows, columns, measure and filters (all in the URL), see the table
with small-cell protection, export it, and save it with a frozen copy of its figures."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from config.paging import paginate
from monitoring.analysis import pivot
from monitoring.forms.tables import SavedTableForm, TableForm
from monitoring.models import SavedTable
from monitoring.services.disclosure import disclosure_rule
from monitoring.services.linking import TABLE_HIDDEN, indicators_usable, sources_hidden
from monitoring.services.tables import (
    TableTooLarge,
    saved_table_chart,
    saved_table_create,
    saved_table_sources,
    table_chart,
    table_make,
    table_sources,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required("monitoring.view_indicator", raise_exception=True)
def table_builder(request: HttpRequest) -> HttpResponse:
    form = _table_form(request, request.GET)
    return render(request, "monitoring/table_builder.html", _builder(request, form, SavedTableForm()))


def _table_form(request: HttpRequest, query: QueryDict) -> TableForm:
    """The choice in `query`; a table of figures offers the indicators of the sources this user may use."""
    return TableForm(query, indicators=indicators_usable(user=request.user))


def _builder(request: HttpRequest, form: TableForm, save_form: SavedTableForm) -> dict:
    """The page's context: the form, and the table when the choice is valid."""
    context = {"form": form, "save_form": save_form, "result": None, "problem": "", "query": ""}
    if form.is_valid():
        context["query"] = form.query_string()
        context["summary"] = form.summary()
        try:
            context["result"] = result = table_make(choice=form.choice(), user=request.user)
        except TableTooLarge as error:
            context["problem"] = str(error)
        else:
            choice = form.choice()
            context["chart"] = table_chart(
                table=result.table, rows=choice.rows, columns=choice.columns, title=result.title
            )
    return context


@permission_required("monitoring.view_indicator", raise_exception=True)
def table_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form = _table_form(request, request.GET)
    if not form.is_valid():  # show what is wrong on the builder's page, with the choice kept
        return render(request, "monitoring/table_builder.html", _builder(request, form, SavedTableForm()))
    try:
        result = table_make(choice=form.choice(), user=request.user)
    except TableTooLarge as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('monitoring:tables')}?{form.query_string()}")
    explained = _("Uitleg: %(url)s") % {"url": request.build_absolute_uri(reverse("monitoring:disclosure"))}
    notes = [*form.summary(), *result.notes, *([explained] if result.table.perturbed else [])]
    lines = pivot.export_rows(result.table, title=result.title, notes=notes)
    choice = form.choice()
    name = "-".join(["tabel", choice.data, choice.rows, choice.columns or "totaal", f"{timezone.localdate():%Y-%m-%d}"])
    response = _csv(lines) if fmt == "csv" else _xlsx(lines, title=_("Tabel"))
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _csv(lines: list[list]) -> HttpResponse:
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    # With a byte order mark, Excel reads the file as UTF-8 (ë, —).
    return HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8")


def _xlsx(lines: list[list], *, title: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for line in lines:
        sheet.append(line)
    for cell in (c for row in sheet.iter_rows() for c in row):
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text stays text, even if it looks like a formula
    out = io.BytesIO()
    book.save(out)
    return HttpResponse(out.getvalue(), content_type=XLSX)


@require_POST
@permission_required(["monitoring.view_indicator", "monitoring.add_savedtable"], raise_exception=True)
def table_save(request: HttpRequest) -> HttpResponse:
    save_form = SavedTableForm(request.POST)
    form = _table_form(request, QueryDict(request.POST.get("query", "")))
    context = _builder(request, form, save_form)
    if save_form.is_valid() and context["result"] is not None:
        # A saved copy is shown to everyone who may read saved tables, so it holds only figures
        # anyone may combine: sources that need a linking request stay out of it. Its sources are
        # kept with it: one that needs approval later hides the copy from whom it does not cover.
        result = table_make(choice=form.choice(), user=None)
        figures = {
            "sources": table_sources(choice=form.choice(), user=None),
            **pivot.figures_of(result.table),
            "title": result.title,
            "notes": [
                *result.notes,
                _("Een bewaarde tabel bevat geen cijfers uit bronnen die een koppelverzoek vereisen."),
            ],
            "filters": context["summary"],
        }
        saved = saved_table_create(
            user=request.user, name=save_form.cleaned_data["name"], query=context["query"], figures=figures
        )
        messages.success(request, _("De tabel is bewaard. De cijfers hieronder veranderen niet meer."))
        return redirect("monitoring:saved_table", saved.pk)
    return render(request, "monitoring/table_builder.html", context)


@permission_required("monitoring.view_savedtable", raise_exception=True)
def saved_table_list(request: HttpRequest) -> HttpResponse:
    saved = SavedTable.objects.select_related("created_by").only("name", "created_at", "created_by__username")
    page, _query = paginate(request, saved)  # the list has no filters to keep in the page links
    return render(request, "monitoring/saved_table_list.html", {"page": page, "query": ""})


@permission_required("monitoring.view_savedtable", raise_exception=True)
def saved_table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedTable.objects.select_related("created_by"), pk=pk)
    figures = saved.figures if isinstance(saved.figures, dict) else {}
    hidden = sources_hidden(saved_table_sources(saved), user=request.user)
    table = None if hidden else pivot.table_from_figures(figures)
    title = figures.get("title", saved.name)
    context = {
        "saved": saved,
        "hidden": TABLE_HIDDEN if hidden else "",
        "table": table,
        "chart": saved_table_chart(saved=saved, table=table, title=title) if table is not None else None,
        "title": title,
        "notes": figures.get("notes", []),
        "summary": figures.get("filters", []),
        "live_url": f"{reverse('monitoring:tables')}?{saved.query}",
    }
    return render(request, "monitoring/saved_table_detail.html", context)


def disclosure_explained(request: HttpRequest) -> HttpResponse:
    """How counts of signals are protected: the cell-key method and its perturbation table, in plain words."""
    rule = disclosure_rule()
    rows = [
        {"count": row.count, "targets": list(zip(row.targets, row.probabilities, strict=True))}
        for row in rule.ptable.rows
    ]
    context = {"parameters": rule.ptable.parameters, "rows": rows, "last_count": rows[-1]["count"]}
    return render(request, "monitoring/disclosure.html", context)
