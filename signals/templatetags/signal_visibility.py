"""The need-to-know rule on the signal pages (signals/visibility.py): dates to the month and no author
for the signals of other members, unless the user sees full details.

    {% load signal_visibility %}
    {% signal_date signal signal.conversation_date "j F Y" %}
    {% signal_author signal as author %}
    {% signal_widened_period form as period %}
"""

from __future__ import annotations

from django import template

from signals import visibility

register = template.Library()


def _user(context):
    request = context.get("request")
    return request.user if request is not None else context["user"]


@register.simple_tag(takes_context=True)
def signal_date(context, signal, value, full_format: str = "j F Y") -> str:
    """One of the signal's dates (conversation_date, created_at, updated_at) as this user may see it."""
    return visibility.shown_date(value, signal=signal, user=_user(context), full_format=full_format)


@register.simple_tag(takes_context=True)
def signal_author(context, signal) -> str:
    """The author's username, or "" when this user may not see who logged the signal."""
    return visibility.shown_author(signal=signal, user=_user(context))


@register.simple_tag(takes_context=True)
def signal_widened_period(context, form) -> tuple | None:
    """(from, to) the list searched when its date filter was widened to whole months, else None."""
    if not form.is_bound or not hasattr(form, "cleaned_data"):
        return None
    return visibility.widened_period(form.filters(), _user(context))
