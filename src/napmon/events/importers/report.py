"""The import report: counts and problems, returned by ``import_events``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_LISTED_PROBLEMS = 1000


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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.unlisted_problems

    def add(self, problem: Problem) -> None:
        """Record a problem, keeping the stored list to a readable length."""
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)
        else:
            self.unlisted_problems += 1

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
