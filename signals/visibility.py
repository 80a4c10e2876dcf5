"""Need-to-know on the signal pages: who sees a signal's exact dates and its author.

A district, an age band and an exact date together single out almost every signal (398 of the 400
demo signals), and the author says which member heard the story. So a member sees the signals of
other members with their dates to the month ("maart 2025") and without the author; their own
signals they see in full. Whoever may change every signal (the coordinators: the permission
``signals.change_any_signal``) sees every date and author, as they need them to follow a signal up.

The rule is ``sees_full_details``; the pages apply it through the template tags in
``signals/templatetags/signal_visibility.py``, the list's date filter through ``visible_filters``,
and ``export_signals --as-user`` through ``signals/exporting.py``. Dates stay exact in the database.

What it does not hide: the list is still sorted by the exact date, so the order of two signals in one
month shows which was earlier (and a member's own signals, whose dates they know, lie between them).
That is order, not a date; the filter cannot narrow it down further than a month.
"""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone
from django.utils.formats import date_format

FULL_DETAILS_PERMISSION = "signals.change_any_signal"
MONTH_FORMAT = "F Y"  # "maart 2025"
MONTH_ISO_FORMAT = "%Y-%m"  # "2025-03", the export's form of a month


def sees_full_details(user) -> bool:
    """Whether this user sees every signal's exact dates and author (the coordinator's role)."""
    return bool(user.has_perm(FULL_DETAILS_PERMISSION))


def sees_signal_in_full(user, signal) -> bool:
    """A signal is shown in full to whoever sees full details, and to the member who logged it."""
    if sees_full_details(user):
        return True
    return signal.created_by_id is not None and signal.created_by_id == user.pk


def shown_date(value: datetime.date | datetime.datetime | None, *, signal, user, full_format: str) -> str:
    """One of the signal's dates as this user may see it: in full_format, or only its month."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, full_format if sees_signal_in_full(user, signal) else MONTH_FORMAT)


def shown_author(*, signal, user) -> str:
    """The author's username, or "" when this user may not see it (or nobody logged it any more)."""
    if signal.created_by_id is None or not sees_signal_in_full(user, signal):
        return ""
    return signal.created_by.get_username()


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of the month the day lies in."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def visible_filters(filters: dict, user) -> dict:
    """The list's filters (as Signal.objects.filtered() takes them) as this user may apply them.

    Without full details the period is widened to whole months (van to the first day of its month,
    tot to the last day of its), so that two lists one day apart cannot give back a signal's day.
    The other filters stay as they are; the words (q) search the text only, never the author.
    """
    if sees_full_details(user):
        return dict(filters)
    widened = dict(filters)
    if filters.get("date_from"):
        widened["date_from"] = month_bounds(filters["date_from"])[0]
    if filters.get("date_to"):
        widened["date_to"] = month_bounds(filters["date_to"])[1]
    return widened


def widened_period(filters: dict, user) -> tuple[datetime.date | None, datetime.date | None] | None:
    """The period the list really searched when it was widened for this user, else None."""
    if sees_full_details(user) or not (filters.get("date_from") or filters.get("date_to")):
        return None
    visible = visible_filters(filters, user)
    return visible.get("date_from"), visible.get("date_to")


def month_iso(value: datetime.date | datetime.datetime) -> str:
    """The month of a date as the export writes it: "2025-03"."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(MONTH_ISO_FORMAT)
