"""Background work on topics. Thin: take the run's id, call the service."""

from celery import shared_task

from learning.topics.services import topicrun_execute


@shared_task
def run_topics(run_id: int) -> None:
    """Search a run's topics; the page polls its progress."""
    topicrun_execute(run_id=run_id)
