"""Progress of long work that a page polls (uploads, topic searches): one way to write it."""

from __future__ import annotations

from django.db import connection


class ProgressMixin:
    """For a model with an integer `progress` field (0 to 100) that a running task updates."""

    def progress_set(self, percent: int) -> None:
        """Write progress alone, so a running task and the polling page can share the row."""
        percent = max(0, min(100, int(percent)))
        if percent == self.progress:
            return
        self.progress = percent
        model = type(self)
        if connection.in_atomic_block and connection.vendor != "sqlite":
            # Inside a transaction (an import runs in one): a write on a connection of its own is seen
            # by the polling page at once. SQLite has one writer: there the work runs in the request.
            own = connection.copy()
            try:
                with own.cursor() as cursor:
                    cursor.execute(f"UPDATE {model._meta.db_table} SET progress = %s WHERE id = %s", [percent, self.pk])
            finally:
                own.close()
        else:
            model.objects.filter(pk=self.pk).update(progress=percent)
