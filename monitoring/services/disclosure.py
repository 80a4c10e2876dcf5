"""The disclosure rule as configured: the one place that reads its setting (TABLE_MIN_CELL).

The rule itself is pure (monitoring.analysis.disclosure); every service that shows a count of
signals takes its rule from here."""

from __future__ import annotations

from django.conf import settings

from monitoring.analysis.disclosure import Rule


def disclosure_rule() -> Rule:
    return Rule(k=settings.TABLE_MIN_CELL)
