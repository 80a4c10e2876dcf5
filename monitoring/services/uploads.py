"""The upload workflow: a file waits as an Upload, is checked (the preview) and imported
only when the user confirms. Small files are handled in the request; larger ones by a
Celery task, while the page shows the progress.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring.analysis.importing import FileRefused, RowError
from monitoring.models import Upload
from monitoring.services.imports import ImportSummary, indicators_import, observations_import

logger = logging.getLogger(__name__)

MAX_ERRORS_KEPT = 500  # a file with more problems needs fixing at the source, not reading one by one


def upload_create(*, user, file_name: str, data: bytes, fmt: str) -> Upload:
    """Keep the file and start its check; a CBS file first needs its columns mapped."""
    upload = Upload.objects.create(
        uploaded_by=user,
        file_name=file_name[-255:],
        data=data,
        size=len(data),
        format=fmt,
        status=Upload.Status.MAPPING if fmt == Upload.Format.CBS else Upload.Status.QUEUED,
    )
    if upload.status == Upload.Status.QUEUED:
        _start(upload, "check")
    return upload


def upload_map(*, upload: Upload, mapping: dict[str, str], category_column: str) -> None:
    """Store which CBS column holds which indicator, then check the file with it."""
    upload.mapping = mapping
    upload.category_column = category_column
    upload.status = Upload.Status.QUEUED
    upload.progress = 0
    upload.errors = []
    upload.save(update_fields=["mapping", "category_column", "status", "progress", "errors"])
    _start(upload, "check")


def upload_confirm(*, upload: Upload) -> bool:
    """Start the import of a checked file. False when it was not ready (e.g. confirmed twice)."""
    claimed = Upload.objects.filter(pk=upload.pk, status=Upload.Status.READY).update(
        status=Upload.Status.IMPORTING, progress=0
    )
    if claimed:
        _start(upload, "import")
    return bool(claimed)


def _start(upload: Upload, step: str) -> None:
    """Run the step now for a small file; hand a large one to a worker after the commit."""
    if upload.size <= settings.IMPORT_BACKGROUND_BYTES:
        upload_run(upload_id=upload.pk, step=step)
        return
    from monitoring.tasks import run_upload

    transaction.on_commit(lambda: run_upload.delay(upload.pk, step))


def upload_run(*, upload_id: int, step: str) -> None:
    """Check (a dry run that fills the preview) or import an upload, and record the outcome."""
    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None:
        return  # cancelled while it waited in the queue
    if step == "check":
        upload.status = Upload.Status.CHECKING
        upload.save(update_fields=["status"])
    try:
        summary = _import(upload, dry_run=step == "check")
    except FileRefused as refused:
        _refuse(upload, refused.errors)
    except Exception:
        # Only the id is logged: the exception text could quote the file.
        logger.exception("upload %s: %s failed", upload.pk, step)
        upload.status = Upload.Status.FAILED
        upload.save(update_fields=["status"])
    else:
        _succeed(upload, summary, imported=step == "import")


def _import(upload: Upload, *, dry_run: bool) -> ImportSummary:
    common = {"data": bytes(upload.data), "file_name": upload.file_name, "user": upload.uploaded_by}
    if upload.format == Upload.Format.INDICATORS:
        return indicators_import(dry_run=dry_run, **common)
    return observations_import(
        dry_run=dry_run,
        fmt=upload.format,
        mapping=upload.mapping,
        category_column=upload.category_column,
        progress=lambda share: upload.progress_set(round(share * 100)),
        **common,
    )


def _refuse(upload: Upload, errors: list[RowError]) -> None:
    upload.status = Upload.Status.REFUSED
    # Kept untranslated, so each reader sees them in their own language.
    upload.errors = [e.stored() for e in errors[:MAX_ERRORS_KEPT]]
    upload.summary = {"errors_total": len(errors)}
    fields = ["status", "errors", "summary"]
    if any(e.personal_data for e in errors):
        # The file holds personal data: keep none of it while it waits to be cleaned up.
        upload.data = b""
        fields.append("data")
    upload.save(update_fields=fields)


def _succeed(upload: Upload, summary: ImportSummary, *, imported: bool) -> None:
    upload.progress = 100
    upload.errors = []
    upload.summary = {
        "rows": summary.rows,
        "created": summary.created,
        "changed": summary.changed,
        "unchanged": summary.unchanged,
        "examples": [_example(state, row, previous) for state, row, previous in summary.examples],
    }
    upload.status = Upload.Status.DONE if imported else Upload.Status.READY
    fields = ["progress", "errors", "summary", "status"]
    if imported:
        upload.result = summary.source_import
        upload.data = b""  # imported: the figures now live in the observations
        fields += ["result", "data"]
    upload.save(update_fields=fields)


def _example(state: str, row, previous: float | None) -> dict:
    return {
        "state": state,
        "indicator": row.indicator,
        "area": row.area,
        "period": row.period.label,
        "category": row.category,
        "value": row.value,
        "previous": previous,
    }


def uploads_clean(*, now=None) -> int:
    """Delete uploads older than UPLOAD_KEEP_DAYS, in any state (no check or import runs for
    days). The imports they made stay in the history; only the waiting files go."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.UPLOAD_KEEP_DAYS)
    deleted, _per_model = Upload.objects.filter(created_at__lt=cutoff).delete()
    return deleted
