"""Searching for emerging topics: load the signals of a period and an area, cluster them
(learning/topics/analysis.py), and keep numbers and signal ids as the run's result. The pages read it
through learning/topics/display.py; a coordinator turns a topic into a theme with ``topic_theme_create``.

Every count kept in a result is perturbed with the disclosure rule (monitoring/services/disclosure.py):
a topic's signals, each district's signals in it, the signals carrying its most common theme, and the
totals of both periods. The decisions (a possible new theme, a topic that grows) use the exact counts,
as the comparison's verdicts do; only what is shown carries noise."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.topics import analysis
from learning.topics.models import TopicRun
from monitoring.analysis.disclosure import Rule
from monitoring.models import Area
from monitoring.services.disclosure import disclosure_rule
from signals.models import Signal, Theme
from signals.retention import TOMBSTONE
from signals.services import signals_tag

logger = logging.getLogger(__name__)

EXAMPLES = 3


def min_coverage() -> float:
    """Below this share of its signals under one theme, a topic may be a new theme."""
    return settings.TOPICS_MIN_COVERAGE


@dataclass(frozen=True)
class Item:
    """One signal as the search needs it: no author, no date."""

    pk: int
    text: str
    district: int | None
    key: int
    themes: frozenset[int]  # its themes with their main themes


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last TOPICS_DAYS days, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.TOPICS_DAYS - 1), today


def previous_period(date_from: date, date_to: date) -> tuple[date, date]:
    """The period of the same length just before."""
    days = (date_to - date_from).days + 1
    return date_from - timedelta(days=days), date_from - timedelta(days=1)


def topicrun_start(*, user, date_from: date, date_to: date, area: Area) -> TopicRun:
    """Keep the question and hand the search to a worker after the commit (in-process without a broker)."""
    run = TopicRun.objects.create(created_by=user, date_from=date_from, date_to=date_to, area=area)
    from learning.topics.tasks import run_topics

    transaction.on_commit(lambda: run_topics.delay(run.pk))
    return run


def topicrun_execute(*, run_id: int) -> None:
    """Search a waiting run's topics and record the outcome; a run that is not waiting is left alone."""
    claimed = TopicRun.objects.filter(pk=run_id, status=TopicRun.Status.QUEUED).update(
        status=TopicRun.Status.RUNNING, progress=0
    )
    if not claimed:
        return
    run = TopicRun.objects.get(pk=run_id)
    try:
        result = _search(run)
    except Exception:
        logger.exception("topic run %s failed", run.pk)  # the id only: an error could quote a text
        TopicRun.objects.filter(pk=run.pk).update(status=TopicRun.Status.FAILED)
        return
    TopicRun.objects.filter(pk=run.pk).update(status=TopicRun.Status.DONE, progress=100, result=result)


def signals_of(area: Area, date_from: date, date_to: date) -> list[Item]:
    """The signals of the period in the area (a district's own; for the municipality all), in a fixed
    order. Texts removed after the retention period take no part: nothing is left to read in them."""
    signals = Signal.objects.filter(conversation_date__range=(date_from, date_to)).exclude(summary=TOMBSTONE)
    if area.level == Area.Level.DISTRICT:
        signals = signals.filter(district=area)
    themes: dict[int, set[int]] = {}
    tagged = Signal.themes.through.objects.filter(signal__in=signals)
    for signal_id, theme_id, parent_id in tagged.values_list("signal_id", "theme_id", "theme__parent_id"):
        themes.setdefault(signal_id, set()).update({theme_id, parent_id or theme_id})
    rows = signals.order_by("pk").values_list("pk", "summary", "district_id", "record_key")
    return [Item(pk, text, district, key, frozenset(themes.get(pk, ()))) for pk, text, district, key in rows]


def _search(run: TopicRun) -> dict:
    rule = disclosure_rule()
    now = signals_of(run.area, run.date_from, run.date_to)
    before_from, before_to = previous_period(run.date_from, run.date_to)
    before = signals_of(run.area, before_from, before_to)
    run.progress_set(10)
    model = analysis.fit(
        [i.text for i in now],
        k_min=settings.TOPICS_MIN,
        k_max=settings.TOPICS_MAX,
        progress=lambda share: run.progress_set(10 + round(share * 75)),
    )
    result = {
        "total_shown": _shown(rule, now),
        "previous_total_shown": _shown(rule, before),
        "previous_from": before_from.isoformat(),
        "previous_to": before_to.isoformat(),
        "k": model.k if model else 0,
        "scores": {str(k): s for k, s in model.coherence.items()} if model else {},
        "topics": [],
    }
    if model is not None:
        result["topics"] = _topics(model, now, before, rule)
    run.progress_set(95)
    return result


def _shown(rule: Rule, items: list[Item]) -> int:
    return rule.perturb(len(items), sum(i.key for i in items))


def _topics(model: analysis.Model, now: list[Item], before: list[Item], rule: Rule) -> list[dict]:
    assigned, strength = model.assign([i.text for i in now])
    assigned_before, _strength = model.assign([i.text for i in before])
    order = [t.pk for t in sorted(Theme.objects.select_related("parent"), key=_specific_first)]
    words = model.top_words()
    topics = []
    for t in range(model.k):
        members = [(now[i], strength[i]) for i in np.flatnonzero(assigned == t)]
        if members:
            earlier = [before[i] for i in np.flatnonzero(assigned_before == t)]
            topics.append(_topic(words[t], members, earlier, order, rule))
    growth = analysis.growth(
        [t.pop("exact") for t in topics], len(now), [t.pop("exact_before") for t in topics], len(before),
        fdr=settings.COMPARE_FDR,
    )  # fmt: skip
    for topic, p, adjusted, grows in zip(topics, growth.p, growth.adjusted, growth.grows, strict=True):
        topic.update(p=_number(p), adjusted=_number(adjusted), grows=bool(grows))
    return sorted(topics, key=lambda t: -t["shown"])


def _specific_first(theme: Theme) -> tuple:
    """Aspects before main themes: on a tie the more specific theme is named."""
    return (theme.parent_id is None, theme.tree_position)


def _topic(words: list[str], members: list[tuple[Item, float]], earlier: list[Item], order, rule: Rule) -> dict:
    members = sorted(members, key=lambda m: (-m[1], m[0].pk))  # the most typical signals first
    items = [item for item, _weight in members]
    theme, covered = analysis.coverage([set(i.themes) for i in items], order)
    covering = [i for i in items if theme in i.themes]
    shown = _shown(rule, items)
    return {
        "words": words,
        "signal_ids": [i.pk for i in items],
        "examples": [i.pk for i in items[:EXAMPLES]],
        "shown": shown,
        "districts": _districts(items, rule),
        "theme": theme,
        "coverage_shown": round(_shown(rule, covering) / shown, 2) if shown else None,
        "new_theme": covered / len(items) < min_coverage(),
        "previous_shown": _shown(rule, earlier),
        "exact": len(items),
        "exact_before": len(earlier),
    }


def _districts(items: list[Item], rule: Rule) -> list[dict]:
    """Each district's signals in the topic, perturbed as a cell of its own; districts shown as 0 are left out."""
    counts, keys = Counter(i.district for i in items), Counter()
    for item in items:
        keys[item.district] += item.key
    shown = [{"district": d, "shown": rule.perturb(n, keys[d])} for d, n in counts.items()]
    return sorted((d for d in shown if d["shown"]), key=lambda d: (-d["shown"], d["district"] or 0))


def _number(value) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


@transaction.atomic
def topic_theme_create(*, form, signal_ids: list[int]) -> tuple[Theme, int]:
    """Save the new theme of a valid theme form and tag the chosen signals with it, counts kept
    (signals.services.signals_tag): one transaction, so the theme never stands without its signals."""
    theme = form.save()
    tagged = signals_tag(signals=Signal.objects.filter(pk__in=signal_ids).order_by("pk"), theme=theme)
    return theme, tagged
