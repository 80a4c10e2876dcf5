"""Celery finds tasks in each app's `tasks` module: the learning app's tasks live in its parts, and
importing them here registers them with a real worker."""

from learning.suggestions.tasks import train_theme_model
from learning.topics.tasks import run_topics

__all__ = ["run_topics", "train_theme_model"]
