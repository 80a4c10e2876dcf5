"""Following up a verdict: data requests to the municipality (datavragen) and the council's own
follow-up inquiries (verdiepingsvragen), with the signals logged under an inquiry counted by district."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from monitoring.models import Area, DataRequest, Inquiry
from monitoring.services.comparing import comparison_run
from monitoring.services.disclosure import disclosure_rule
from signals.models import Signal, Theme


class StatusRefused(Exception):
    """A data request cannot move to that status from where it is; the message says so in plain Dutch."""


@dataclass(frozen=True)
class VerdictContext:
    """What the comparison says now about a theme in an area and year, shown beside a new data request."""

    verdict: str
    explanation: str
    sources_left_out: int


@dataclass(frozen=True)
class InquiryCounts:
    """Signals under an inquiry per district, as shown: perturbed, the total as a cell of its own."""

    rows: list[tuple[str, str]]  # (district name, or "" when unknown; count as shown)
    total: str


def data_request_create(
    *, user, theme: Theme, area: Area | None, period: int | None, verdict: str, which_data: str, why: str, level: str
) -> DataRequest:
    """A new data request, as a draft (concept): it is sent to the municipality with its next status."""
    return DataRequest.objects.create(
        created_by=user,
        theme=theme,
        area=area,
        period=period,
        verdict=verdict,
        which_data=which_data,
        why=why,
        level=level,
    )


@transaction.atomic
def data_request_move(*, data_request_id: int, status: str) -> DataRequest:
    """Move to one of the next statuses; anything else raises StatusRefused. Locked against a double click."""
    data_request = DataRequest.objects.select_for_update().get(pk=data_request_id)
    if status not in data_request.next_statuses():
        wanted = DataRequest.Status(status).label if status in DataRequest.Status.values else _("onbekend")
        raise StatusRefused(
            _("Een datavraag met status „%(current)s” kan niet naar „%(wanted)s”. Er is niets veranderd.")
            % {"current": data_request.get_status_display(), "wanted": wanted}
        )
    data_request.move_to(status)
    return data_request


def verdict_context(*, theme: Theme, area: Area, period: int, user) -> VerdictContext | None:
    """The comparison's row for this theme, or None when the comparison has no row for it."""
    comparison = comparison_run(area=area, period=period, user=user)
    table = comparison.table
    rows = table[table["theme"] == theme.pk] if len(table) else table
    if not len(rows):
        return None
    row = rows.iloc[0]
    return VerdictContext(str(row["verdict"]), str(row["explanation"]), comparison.sources_left_out)


def inquiry_create(*, user, question: str, theme: Theme | None, area: Area | None) -> Inquiry:
    """A new, open inquiry: members see it on the signal form from now on."""
    return Inquiry.objects.create(created_by=user, question=question, theme=theme, area=area)


def inquiry_set_open(*, inquiry_id: int, is_open: bool) -> Inquiry:
    """Close or reopen. Setting the wanted state (not flipping it) keeps a double click harmless."""
    Inquiry.objects.filter(pk=inquiry_id).update(is_open=is_open)
    return Inquiry.objects.get(pk=inquiry_id)


def inquiry_counts(*, inquiry: Inquiry) -> InquiryCounts:
    """Signals under the inquiry per district, counted by the database; unknown district last."""
    rows = (
        Signal.objects.filter(inquiry=inquiry)
        .values_list("district_id", "district__name")
        .annotate(count=Count("pk"), keys=Sum("record_key"))
        .order_by()
    )
    counts = sorted(rows, key=lambda row: (row[0] is None, row[1] or ""))
    rule = disclosure_rule()
    shown = [(name or "", rule.text(count, keys)) for _pk, name, count, keys in counts]
    total = rule.text(sum(row[2] for row in counts), sum(row[3] for row in counts))
    return InquiryCounts(shown, total)


def inquiry_totals(*, inquiry_ids: list[int]) -> dict[int, str]:
    """The total as shown on each inquiry's own page, for a list of inquiries, in one query."""
    rows = (
        Signal.objects.filter(inquiry_id__in=inquiry_ids)
        .values_list("inquiry_id")
        .annotate(count=Count("pk"), keys=Sum("record_key"))
        .order_by()
    )
    found = {pk: (count, keys) for pk, count, keys in rows}
    rule = disclosure_rule()
    return {pk: rule.text(*found.get(pk, (0, 0))) for pk in inquiry_ids}
