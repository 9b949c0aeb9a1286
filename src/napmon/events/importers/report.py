"""The import report: counts and problems, returned by ``import_events``.

The first ``MAX_LISTED_PROBLEMS`` problems are kept in memory (``problems``); the
rest go to a temporary file, so a file with a million bad rows still has every
problem available (``iter_problems``, ``write_csv``, ``write_json``) without holding
them all in memory.
"""

from __future__ import annotations

import csv
import json
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import IO

from napmon.core.spreadsheet import escape_cell

MAX_LISTED_PROBLEMS = 1000
PROBLEM_COLUMNS = ("row", "field", "code", "severity", "message")


@dataclass
class Problem:
    """One problem with the file: ``row`` counts the header as row 1; ``field`` is a column."""

    row: int | None
    field: str
    code: str
    message: str
    severity: str = "error"

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        column = f", column '{self.field}'" if self.field else ""
        return f"{where}{column}: {self.message} [{self.code}]"


@dataclass
class ImportReport:
    """What an import read, wrote and found wrong."""

    format: str
    dataset: str
    file_name: str
    sha256: str = ""
    encoding: str = ""
    dry_run: bool = False
    batch_id: int | None = None
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    retired: int = 0
    skipped: int = 0
    duplicates: int = 0
    # Rows kept but located outside Pakistan: summaries leave them out unless asked.
    outside_pakistan: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    unlisted_problems: int = 0
    total_errors: int = 0
    first_error: Problem | None = None
    _overflow: IO[str] | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        """The errors among the listed problems (``error_count`` counts them all)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_count(self) -> int:
        return self.total_errors

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.unlisted_problems

    def add(self, problem: Problem) -> None:
        """Record a problem: listed in memory up to a readable length, the rest on disk."""
        if problem.severity == "error":
            self.total_errors += 1
            if self.first_error is None:
                self.first_error = problem
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)
            return
        if self._overflow is None:
            self._overflow = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            # Closed (and so deleted) with the report.
            weakref.finalize(self, self._overflow.close)
        self._overflow.write(json.dumps(problem.as_dict()) + "\n")
        self.unlisted_problems += 1

    def iter_problems(self) -> Iterator[Problem]:
        """Every problem in the order found: the listed ones, then those kept on disk."""
        yield from self.problems
        if self._overflow is None:
            return
        self._overflow.flush()
        self._overflow.seek(0)
        for line in self._overflow:
            yield Problem(**json.loads(line))
        self._overflow.seek(0, 2)

    def write_csv(self, stream: IO[str]) -> int:
        """Write every problem as CSV (row, field, code, severity, message); return the count.

        Text cells go through the spreadsheet formula-injection rule.
        """
        writer = csv.writer(stream)
        writer.writerow(PROBLEM_COLUMNS)
        count = 0
        for problem in self.iter_problems():
            writer.writerow(
                [
                    problem.row if problem.row is not None else "",
                    escape_cell(problem.field),
                    problem.code,
                    problem.severity,
                    escape_cell(problem.message),
                ]
            )
            count += 1
        return count

    def write_json(self, stream: IO[str], extra: dict | None = None) -> None:
        """Write ``as_dict()`` with every problem, one at a time (never all in memory)."""
        head = {**self.as_dict(), **(extra or {})}
        del head["problems"]
        head["unlisted_problems"] = 0
        text = json.dumps(head, indent=2)
        stream.write(text[:-2] + ',\n  "problems": [')
        for position, problem in enumerate(self.iter_problems()):
            stream.write(("," if position else "") + "\n    " + json.dumps(problem.as_dict()))
        stream.write("\n  ]\n}\n")

    def counts(self) -> dict[str, int]:
        return {
            "rows_read": self.rows_read,
            "imported": self.imported,
            "updated": self.updated,
            "retired": self.retired,
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "outside_pakistan": self.outside_pakistan,
            "errors": self.error_count,
        }

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "dataset": self.dataset,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "dry_run": self.dry_run,
            "batch": self.batch_id,
            **self.counts(),
            "skipped_rows": self.skipped_rows,
            "problems": [p.as_dict() for p in self.problems],
            "unlisted_problems": self.unlisted_problems,
        }
