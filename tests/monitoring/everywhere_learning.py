"""The learning app's URL patterns with parameters, filled for the walk in test_linking_everywhere.py
from its world (w.users, w.signal...): a topic search and an agreement round made on first use."""

from __future__ import annotations

import datetime

from monitoring.models import Area

YEAR = 2025  # the year of the world's signals


def topic_run(w) -> int:
    from learning.topics.models import TopicRun
    from learning.topics.services import topicrun_execute

    run = TopicRun.objects.first() or TopicRun.objects.create(
        created_by=w.users["coordinator"],
        area=Area.objects.get(code="GM0503"),
        date_from=datetime.date(YEAR, 1, 1),
        date_to=datetime.date(YEAR, 12, 31),
    )
    topicrun_execute(run_id=run.pk)  # a run that is not waiting is left alone
    return run.pk


def agreement_round(w) -> list[dict]:
    """A round on three of the world's signals, with the member and the coordinator invited."""
    from learning.agreement.models import AgreementRound
    from learning.agreement.services import round_create

    found = AgreementRound.objects.first() or round_create(
        user=w.users["coordinator"], size=3, members=[w.users["lid"], w.users["coordinator"]], seed=1
    )
    return [{"pk": found.pk}]


FILL = {
    "leren/onderwerpen/<int:pk>/": lambda w: [{"pk": topic_run(w)}],
    "leren/onderwerpen/<int:pk>/voortgang/": lambda w: [{"pk": topic_run(w)}],
    "leren/onderwerpen/<int:pk>/onderwerp/<int:topic>/thema/": lambda w: [{"pk": topic_run(w), "topic": 0}],
    "leren/overeenstemming/<int:pk>/": agreement_round,
    "leren/overeenstemming/<int:pk>/signaal/<int:position>/": lambda w: [
        {**v, "position": 1} for v in agreement_round(w)
    ],
    "leren/overeenstemming/<int:pk>/inleveren/": agreement_round,
    "leren/overeenstemming/<int:pk>/sluiten/": agreement_round,
    "leren/overeenstemming/<int:pk>/uitkomst/": agreement_round,
}
