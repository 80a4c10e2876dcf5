"""Loading the table builder's figures: aggregated in the database by the chosen dimensions, then
pivoted and protected in monitoring.analysis.pivot. Observations come only from sources this user may
combine (see services/linking.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Count, F, IntegerField, Q, QuerySet, Sum
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from monitoring.analysis import charts, pivot
from monitoring.analysis.disclosure import NOISE_NOTE
from monitoring.analysis.pivot import Axis, Table
from monitoring.analysis.table_choice import DIMENSIONS, MEASURES, OBSERVATIONS, SIGNALS, TableChoice
from monitoring.models import Area, Indicator, Observation, SavedTable, Source
from monitoring.services.disclosure import disclosure_rule
from monitoring.services.linking import sources_usable, usable_sources
from signals.models import Signal, Theme

MAX_CELLS = 5000  # more cells than anyone can read, and a page that gets slow
UNKNOWN = ""  # the key of "no district" and "no age band"
TOTAL_KEY = "alles"  # the key of the one column when no columns are chosen
PERIODS = {"jaar", "kwartaal", "periode"}  # dimensions a line runs along in the table's chart


@dataclass(frozen=True)
class TableResult:
    table: Table
    title: str
    notes: list[str]
    sources_left_out: int = 0


class TableTooLarge(Exception):
    """The choice gives more cells than a table can show; the message says what to do."""


def table_make(*, choice: TableChoice, user=None) -> TableResult:
    """The protected table for a choice. Raises TableTooLarge when it has more than MAX_CELLS cells."""
    if choice.data == OBSERVATIONS:
        return _observation_table(choice, user)
    return _signal_table(choice)


def table_title(choice: TableChoice) -> str:
    values = {"measure": capfirst(MEASURES[choice.data][choice.measure]), "rows": DIMENSIONS[choice.data][choice.rows]}
    if not choice.columns:
        return _("%(measure)s per %(rows)s") % values
    values["columns"] = DIMENSIONS[choice.data][choice.columns]
    return _("%(measure)s per %(rows)s en %(columns)s") % values


def table_chart(*, table: Table, rows: str, columns: str, title: str) -> charts.TableChart | None:
    """The chart of a table as shown: lines along periods in its columns (or else its rows), otherwise bars."""
    periods = charts.COLUMNS if columns in PERIODS else charts.ROWS if rows in PERIODS else ""
    return charts.table_chart(table, periods=periods, title=title)


def saved_table_chart(*, saved: SavedTable, table: Table, title: str) -> charts.TableChart | None:
    """The chart of a saved copy: drawn from its frozen figures, never from the figures of now."""
    query = QueryDict(saved.query)
    return table_chart(table=table, rows=query.get("rijen", ""), columns=query.get("kolommen", ""), title=title)


def theme_label(theme: Theme) -> str:
    """A theme as the table builder names it: an aspect with its main theme, "Eenzaamheid (Meedoen)"."""
    if theme.parent_id is None:
        return theme.label
    return _("%(aspect)s (%(theme)s)") % {"aspect": theme.label, "theme": theme.parent.label}


@transaction.atomic
def saved_table_create(*, user, name: str, query: str, figures: dict) -> SavedTable:
    return SavedTable.objects.create(name=name, query=query, figures=figures, created_by=user)


def table_sources(*, choice: TableChoice, user=None) -> list[int]:
    """The sources whose figures the table holds (none for signals), kept with a saved copy."""
    if choice.data != OBSERVATIONS:
        return []
    records = _observation_records(choice, usable_sources(user=user))
    return sorted(set(records.values_list("indicator__source_id", flat=True)))


def saved_table_sources(saved: SavedTable) -> QuerySet[Source]:
    """The sources whose figures a saved copy holds. A copy of figures saved before they were kept
    with it may hold those of any source."""
    figures = saved.figures if isinstance(saved.figures, dict) else {}
    if "sources" in figures:
        return Source.objects.filter(pk__in=figures["sources"])
    if QueryDict(saved.query).get("gegevens") == OBSERVATIONS:
        return Source.objects.filter(indicators__isnull=False)
    return Source.objects.none()


# Signals


def _signal_table(choice: TableChoice) -> TableResult:
    frame = _signal_frame(choice)
    rows = _axes(choice.rows, frame["row"])
    columns = _axes(choice.columns, frame["column"], single=str(capfirst(MEASURES[SIGNALS][choice.measure])))
    _check_size(rows, columns)
    measure = "residents" if choice.measure == "inwoners" else "count"
    table = pivot.build(
        frame,
        rows=rows,
        columns=columns,
        corner=str(capfirst(DIMENSIONS[SIGNALS][choice.rows])),
        rule=disclosure_rule(),
        measure=measure,
    )
    return TableResult(table, table_title(choice), _signal_notes(choice, table))


def _signal_frame(choice: TableChoice) -> pd.DataFrame:
    """Signals and residents per chosen row and column, counted by the database.

    With a theme dimension the rows of the signal-theme table are counted, so a signal counts once
    for each theme it carries; otherwise each signal counts once."""
    by_theme = "thema" in choice.dimensions()
    prefix = "signal__" if by_theme else ""
    records = Signal.themes.through.objects.all() if by_theme else Signal.objects.all()
    records = records.filter(_signal_filter(choice.filters, prefix=prefix, by_theme=by_theme))
    slots = {}
    for slot, dimension in (("row", choice.rows), ("column", choice.columns)):
        slots.update(_signal_slot(slot, dimension, prefix))
    count = Count("signal_id") if by_theme else Count("pk")
    counted = records.values(**slots).annotate(
        count=count, residents=Sum(f"{prefix}residents"), key_sum=Sum(f"{prefix}record_key")
    )
    frame = pd.DataFrame.from_records(list(counted.order_by()), columns=[*slots, "count", "residents", "key_sum"])
    return _keys(frame, choice)


def _signal_slot(slot: str, dimension: str, prefix: str) -> dict:
    """The database expression(s) that put a signal in a row or column."""
    date_field = f"{prefix}conversation_date"
    # Whole numbers: PostgreSQL's EXTRACT gives numerics, which group twice as slowly.
    year, quarter = Cast(ExtractYear(date_field), IntegerField()), Cast(ExtractQuarter(date_field), IntegerField())
    fields = {
        "thema": F("theme_id"),
        "wijk": F(f"{prefix}district_id"),
        "jaar": year,
        "kanaal": F(f"{prefix}channel"),
        "soort": F(f"{prefix}kind"),
        "leeftijd": F(f"{prefix}age_band"),
    }
    if dimension == "kwartaal":
        return {slot: year, f"{slot}_quarter": quarter}
    if dimension in fields:
        return {slot: fields[dimension]}
    return {}


def _keys(frame: pd.DataFrame, choice: TableChoice) -> pd.DataFrame:
    """One key per row and column: a quarter as year * 10 + quarter, no district as UNKNOWN."""
    for slot, dimension in (("row", choice.rows), ("column", choice.columns)):
        if not dimension:
            frame[slot] = TOTAL_KEY
        elif dimension == "kwartaal":
            frame[slot] = frame[slot].astype(int) * 10 + frame[f"{slot}_quarter"].astype(int)
        elif dimension == "wijk":
            frame[slot] = [UNKNOWN if pd.isna(key) else int(key) for key in frame[slot]]
    return frame


def _signal_filter(filters: dict, *, prefix: str, by_theme: bool) -> Q:
    q = Q()
    if filters.get("thema"):
        slugs = filters["thema"]
        family = Theme.objects.filter(Q(slug__in=slugs) | Q(parent__slug__in=slugs)).values("pk")
        if by_theme:
            q &= Q(theme_id__in=family)
        else:
            q &= Q(pk__in=Signal.themes.through.objects.filter(theme_id__in=family).values("signal_id"))
    lookups = {"wijk": "district__code__in", "kanaal": "channel__in", "soort": "kind__in"}
    for name, lookup in lookups.items():
        if filters.get(name):
            q &= Q(**{f"{prefix}{lookup}": filters[name]})
    if filters.get("van"):
        q &= Q(**{f"{prefix}conversation_date__gte": date(filters["van"], 1, 1)})
    if filters.get("tot"):
        q &= Q(**{f"{prefix}conversation_date__lte": date(filters["tot"], 12, 31)})
    return q


def _signal_notes(choice: TableChoice, table: Table) -> list[str]:
    notes = []
    if "thema" in choice.dimensions():
        notes.append(
            _(
                "Een signaal met meer thema's telt bij elk van die thema's één keer mee. "
                "Een totaal over thema's telt zo'n signaal dus vaker."
            )
        )
    if choice.measure == "inwoners":
        notes.append(_("Inwoners: voor hoeveel inwoners de signalen samen staan."))
    notes.append(str(NOISE_NOTE))
    return notes


# Observations


def _observation_table(choice: TableChoice, user) -> TableResult:
    access = sources_usable(user=user)
    frame = _observation_frame(choice, _observation_records(choice, access.usable))
    rows = _axes(choice.rows, frame["row"])
    columns = _axes(choice.columns, frame["column"], single=_("Waarde"))
    _check_size(rows, columns)
    table = pivot.build(
        frame,
        rows=rows,
        columns=columns,
        corner=str(capfirst(DIMENSIONS[OBSERVATIONS][choice.rows])),
        rule=disclosure_rule(),
        totals=False,
    )
    notes = [_("Waarden van indicatoren tellen niet op. Deze tabel heeft daarom geen totalen.")]
    if table.averaged:
        notes.append(
            _(
                "Vallen er meer waarden in één cel, dan staat er het gemiddelde. Kies een periode of zet "
                "de periode in de rijen of kolommen om elke waarde apart te zien."
            )
        )
    return TableResult(table, table_title(choice), notes, access.left_out)


def _observation_records(choice: TableChoice, sources: QuerySet[Source]) -> QuerySet[Observation]:
    return Observation.objects.filter(indicator__source__in=sources).filter(_observation_filter(choice))


def _observation_frame(choice: TableChoice, records: QuerySet[Observation]) -> pd.DataFrame:
    fields = {
        "indicator": "indicator__code",
        "gebied": "area__code",
        "periode": "period_label",
        "categorie": "category",
    }
    slots = {slot: F(fields[dim]) for slot, dim in (("row", choice.rows), ("column", choice.columns)) if dim}
    averaged = records.values(**slots).annotate(value=Avg("value"), count=Count("pk")).order_by()
    frame = pd.DataFrame.from_records(list(averaged), columns=[*slots, "value", "count"])
    if not choice.columns:
        frame["column"] = TOTAL_KEY
    return frame


def _observation_filter(choice: TableChoice) -> Q:
    """The filters; without a choice of area or group: the municipality, and everyone (no group)."""
    filters, dimensions = choice.filters, choice.dimensions()
    q = Q()
    if filters.get("indicator"):
        q &= Q(indicator__code__in=filters["indicator"])
    if filters.get("gebied"):
        q &= Q(area__code__in=filters["gebied"])
    elif "gebied" not in dimensions:
        q &= Q(area__code=settings.MUNICIPALITY_CODE)
    if filters.get("categorie"):
        q &= Q(category__in=filters["categorie"])
    elif "categorie" not in dimensions:
        q &= Q(category="")
    if filters.get("van"):
        q &= Q(period_end__gte=date(filters["van"], 1, 1))
    if filters.get("tot"):
        q &= Q(period_start__lte=date(filters["tot"], 12, 31))
    return q


# Rows and columns: their order and labels


def _axes(dimension: str, keys: pd.Series, *, single: str = "") -> list[Axis]:
    """The keys present, in the dimension's own order, with their labels (`single`: the one column's)."""
    present = list(dict.fromkeys(keys.tolist()))
    if not dimension:
        return [Axis(TOTAL_KEY, single)] if present else []
    return AXES[dimension](present)


def _check_size(rows: list[Axis], columns: list[Axis]) -> None:
    if len(rows) * len(columns) > MAX_CELLS:
        raise TableTooLarge(
            _(
                "Deze tabel wordt te groot: %(rows)s rijen en %(columns)s kolommen. "
                "Kies minder met de filters, of andere rijen of kolommen."
            )
            % {"rows": len(rows), "columns": len(columns)}
        )


def _theme_axes(keys: list) -> list[Axis]:
    wanted = set(keys)
    return [Axis(t.pk, theme_label(t)) for t in Theme.objects.filter(pk__in=wanted).in_tree_order()]


def _district_axes(keys: list) -> list[Axis]:
    areas = Area.objects.filter(pk__in=[k for k in keys if k != UNKNOWN]).order_by("name")
    axes = [Axis(a.pk, a.name) for a in areas]
    return axes + ([Axis(UNKNOWN, _("Wijk onbekend"))] if UNKNOWN in keys else [])


def _year_axes(keys: list) -> list[Axis]:
    return [Axis(k, str(k)) for k in sorted(int(k) for k in keys)]


def _quarter_axes(keys: list) -> list[Axis]:
    return [Axis(k, _("%(year)s K%(quarter)s") % {"year": k // 10, "quarter": k % 10}) for k in sorted(keys)]


def _choices_axes(choices: list[tuple[str, str]], unknown: str = "") -> Callable[[list], list[Axis]]:
    """Axes in the order of a model's choices; an old value keeps its own name, unknown comes last."""

    def axes(keys: list) -> list[Axis]:
        known = [Axis(value, str(label)) for value, label in choices if value in keys]
        rest = sorted(k for k in keys if k not in dict(choices) and k != UNKNOWN)
        return known + [Axis(k, str(k)) for k in rest] + ([Axis(UNKNOWN, unknown)] if UNKNOWN in keys else [])

    return axes


def _indicator_axes(keys: list) -> list[Axis]:
    indicators = Indicator.objects.filter(code__in=keys).order_by("name")
    return [Axis(i.code, i.label) for i in indicators]


LEVEL_ORDER = {level: n for n, level in enumerate(Area.Level.values)}


def _area_axes(keys: list) -> list[Axis]:
    areas = sorted(Area.objects.filter(code__in=keys), key=lambda a: (LEVEL_ORDER.get(a.level, 9), a.name))
    return [Axis(a.code, a.name) for a in areas]


def _period_axes(keys: list) -> list[Axis]:
    return [Axis(k, k) for k in sorted(keys)]


def _category_axes(keys: list) -> list[Axis]:
    everyone = [Axis("", _("Iedereen (geen groep)"))] if "" in keys else []
    return everyone + [Axis(k, k) for k in sorted(k for k in keys if k)]


AXES: dict[str, Callable[[list], list[Axis]]] = {
    "thema": _theme_axes,
    "wijk": _district_axes,
    "jaar": _year_axes,
    "kwartaal": _quarter_axes,
    "kanaal": _choices_axes(Signal.Channel.choices),
    "soort": _choices_axes(Signal.Kind.choices),
    "leeftijd": lambda keys: _choices_axes(Signal.AgeBand.choices, _("Leeftijd onbekend"))(keys),
    "indicator": _indicator_axes,
    "gebied": _area_axes,
    "periode": _period_axes,
    "categorie": _category_axes,
}
