"""A run's result as a page shows it to one user: district and theme names, counts as they may be shown
("minder dan 5" below the disclosure rule's k), and example texts read now, under signals/visibility.py
(no author; a date to the month unless this user sees the signal in full)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from learning.topics.models import TopicRun
from learning.topics.services import min_coverage
from monitoring.models import Area
from monitoring.services.disclosure import disclosure_rule
from signals import visibility
from signals.models import Signal, Theme


@dataclass
class ShownTopic:
    number: int  # 1-based, as the page names it
    index: int  # 0-based, as the result and the URL hold it
    words: list[str]
    count: str
    districts: list[tuple[str, str]]
    theme: str
    coverage: str
    new_theme: bool
    grows: bool
    growth: str
    examples: list[dict] = field(default_factory=list)


def count_text(shown: int, k: int) -> str:
    """A shown count as the pages say it: below k (the topic exists, so 0 too) as "minder dan k"."""
    if shown < k:
        return _("minder dan %(k)s") % {"k": k}
    return number_format(shown, force_grouping=True)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{number_format(round(share * 100), 0)} %"


def topics_for(run: TopicRun, user) -> list[ShownTopic]:
    rule = disclosure_rule()
    topics = run.topics
    districts = dict(Area.objects.filter(pk__in=_ids(topics, "districts")).values_list("pk", "name"))
    themes = {t.pk: t.label for t in Theme.objects.filter(pk__in={t["theme"] for t in topics if t.get("theme")})}
    examples = _examples([pk for t in topics for pk in t.get("examples", [])], user)
    shown = []
    for index, topic in enumerate(topics):
        shown.append(
            ShownTopic(
                number=index + 1,
                index=index,
                words=topic["words"],
                count=count_text(topic["shown"], rule.k),
                districts=[
                    (districts.get(d["district"], _("wijk onbekend")), count_text(d["shown"], rule.k))
                    for d in topic["districts"]
                ],
                theme=themes.get(topic.get("theme"), ""),
                coverage=percent(topic.get("coverage_shown")),
                new_theme=topic["new_theme"],
                grows=topic.get("grows", False),
                growth=_growth(run, topic, rule.k),
                examples=[examples[pk] for pk in topic.get("examples", []) if pk in examples],
            )
        )
    return shown


def _ids(topics: list[dict], key: str) -> set[int]:
    return {d["district"] for t in topics for d in t.get(key, []) if d.get("district")}


def _examples(ids: list[int], user) -> dict[int, dict]:
    found = {}
    for signal in Signal.objects.filter(pk__in=ids):
        found[signal.pk] = {
            "pk": signal.pk,
            "summary": signal.summary,
            "date": visibility.shown_date(signal.conversation_date, signal=signal, user=user, full_format="j F Y"),
        }
    return found


def _growth(run: TopicRun, topic: dict, k: int) -> str:
    """The test behind "grows", in words: both periods' shares (shown counts over shown totals) and the p-value."""
    result = run.result
    if topic.get("p") is None:
        return _("Geen toets mogelijk: in de vorige periode waren er geen signalen.")
    now, before = topic["shown"], topic.get("previous_shown", 0)
    total_now, total_before = result.get("total_shown", 0), result.get("previous_total_shown", 0)
    values = {
        "now": percent(now / total_now if total_now else None),
        "before": percent(before / total_before if total_before else None),
        "previous": _period(result.get("previous_from"), result.get("previous_to")),
        "p": number_format(topic["p"], 3),
        "adjusted": number_format(topic["adjusted"], 3),
    }
    if 0 < before < k:
        values["before"] = _("een klein deel (minder dan %(k)s signalen)") % {"k": k}
    text = _(
        "Aandeel van alle signalen: nu %(now)s, in de vorige periode (%(previous)s) %(before)s. "
        "Kans op zo'n groei als er niets veranderd is (p): %(p)s; na correctie voor het aantal onderwerpen: "
        "%(adjusted)s."
    )
    return text % values


def _period(start: str | None, end: str | None) -> str:
    if not start or not end:
        return ""
    return f"{date_format(date.fromisoformat(start), 'j F Y')} – {date_format(date.fromisoformat(end), 'j F Y')}"


def summary(run: TopicRun) -> dict:
    """The run's heading figures: how many signals, how many topics, the coverage threshold."""
    rule = disclosure_rule()
    return {
        "total": count_text(run.result.get("total_shown", 0), rule.k) if run.result else "",
        "topics": len(run.topics),
        "threshold": percent(min_coverage()),
        "scores": sorted((int(k), v) for k, v in run.result.get("scores", {}).items()) if run.result else [],
    }
