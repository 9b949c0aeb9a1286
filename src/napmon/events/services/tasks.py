"""Imports started from the upload page that are too large to run inside a request."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.contrib.auth import get_user_model
from django.urls import reverse

from napmon.events.errors import EventImportError
from napmon.events.services.imports import import_events
from napmon.events.services.problems import record_problems
from napmon.events.services.warm import warm_after_import


def import_events_task(
    progress,
    *,
    path: str,
    format_name: str,
    user_id: int | None = None,
    mapping: str | None = None,
    file_name: str | None = None,
    **options,
) -> dict:
    """Run ``import_events`` for a queued upload; report bytes read as progress.

    The uploaded files (stored by ``core.tasks.save_upload``) are removed afterwards,
    whatever happened. Every problem is kept in a ``ProblemLog`` (refused imports
    too), linked from the progress page. Raises ``EventImportError`` like
    ``import_events``; the progress page shows its message.
    """
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None

    def read(done: int, total: int) -> None:
        progress.update(done=done, total=total, message=f"Reading {file_name or 'the file'}")

    try:
        report = import_events(
            path,
            format_name,
            user=user,
            progress=read,
            mapping=mapping,
            file_name=file_name,
            **options,
        )
    except EventImportError as exc:
        log = record_problems(exc.report, user=user, refused=True) if exc.report else None
        if log is not None:
            # The progress page links to every problem, not only the first.
            exc.result_url = reverse("events:problems", args=[log.pk])
        raise
    finally:
        for used in (path, mapping):
            if used:
                shutil.rmtree(Path(used).parent, ignore_errors=True)
    warmed = warm_after_import(
        report, announce=lambda text: progress.update(message=text, force=True)
    )
    progress.update(message="Finished", force=True)
    log = record_problems(report, user=user)
    result = {
        "url": f"{reverse('events:explorer')}?dataset={report.dataset}",
        "summary": report.counts(),
    }
    if warmed:
        result["cache"] = warmed
    if log is not None:
        result["problems_url"] = reverse("events:problems", args=[log.pk])
        result["problem_count"] = log.problem_count
    return result
