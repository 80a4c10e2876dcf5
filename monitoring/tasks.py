"""Background work on figures. Thin: take ids, call the upload workflow."""

from celery import shared_task

from monitoring.services import upload_run, uploads_clean


@shared_task
def run_upload(upload_id: int, step: str) -> None:
    """Check ("check") or import ("import") a large upload; the page polls its progress."""
    upload_run(upload_id=upload_id, step=step)


@shared_task
def clean_uploads() -> int:
    """Delete uploads left waiting too long (scheduled in config/celery.py)."""
    return uploads_clean()
