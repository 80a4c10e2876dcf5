"""Background work of the theme suggestions. Thin: call the service."""

from celery import shared_task


@shared_task(name="learning.suggestions.tasks.train_theme_model")
def train_theme_model(training_id: int | None = None) -> int | None:
    """Train and store a new theme model (nightly from config/celery.py, or asked for on the evaluation
    page with a training record to report on); returns the new version, or None when there is too little."""
    from learning.suggestions.services import theme_model_train

    return theme_model_train(training_id=training_id)
