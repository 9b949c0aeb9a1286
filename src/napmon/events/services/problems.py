"""Keeping every problem of a web import, so that the pages can list them all."""

from __future__ import annotations

from django.db import transaction

from napmon.events.importers.report import ImportReport
from napmon.events.models import ImportProblem, ProblemLog

CREATE_BATCH = 5000


def record_problems(report: ImportReport, *, user=None, refused: bool = False) -> ProblemLog | None:
    """Store every problem of ``report`` in a ``ProblemLog``; ``None`` when there are none.

    Called after the import's own transaction, so that the problems of a refused
    import or a dry run (which store nothing else) are kept too. Problems are read
    from the report one at a time (``iter_problems``) and written in batches, in one
    transaction. No audit entry: the log is itself the record of an attempt and
    changes no data (a refused import still leaves the audited data as it was).
    Raises nothing of its own.
    """
    if not report.problem_count:
        return None
    if refused:
        outcome = ProblemLog.Outcome.REFUSED
    elif report.dry_run:
        outcome = ProblemLog.Outcome.DRY_RUN
    else:
        outcome = ProblemLog.Outcome.IMPORTED
    with transaction.atomic():
        log = ProblemLog.objects.create(
            created_by=user if getattr(user, "is_authenticated", False) else None,
            file_name=report.file_name[:255],
            dataset=report.dataset[:100],
            format=report.format,
            outcome=outcome,
            batch_id=report.batch_id,
            counts=report.counts(),
            problem_count=report.problem_count,
        )
        chunk: list[ImportProblem] = []
        for position, problem in enumerate(report.iter_problems(), start=1):
            chunk.append(
                ImportProblem(
                    log=log,
                    position=position,
                    row=problem.row,
                    field=problem.field[:255],
                    code=problem.code[:40],
                    severity=problem.severity,
                    message=problem.message,
                )
            )
            if len(chunk) >= CREATE_BATCH:
                ImportProblem.objects.bulk_create(chunk)
                chunk = []
        ImportProblem.objects.bulk_create(chunk)
    return log
