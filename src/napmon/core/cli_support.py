"""Shared pieces of the `napmon` commands: tables for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.management.base import BaseCommand, CommandError

from napmon.core.errors import NapmonError
from napmon.core.serialise import dumps


def render_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Align columns as plain text; numbers right-aligned."""
    raw_rows = [list(row) for row in rows]
    text_rows = [["" if cell is None else str(cell) for cell in row] for row in raw_rows]
    widths = [len(h) for h in headers]
    for row in text_rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells, raw):
        out = []
        for i, cell in enumerate(cells):
            numeric = isinstance(raw[i], (int, float)) and not isinstance(raw[i], bool)
            out.append(cell.rjust(widths[i]) if numeric else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    lines = [line(list(headers), headers), line(["-" * w for w in widths], headers)]
    lines += [line(cells, raw) for cells, raw in zip(text_rows, raw_rows, strict=True)]
    return "\n".join(lines)


class NapmonCommand(BaseCommand):
    """A command with `--json`, that turns ``NapmonError`` into a clear non-zero exit."""

    json_option = True

    def add_arguments(self, parser):
        if self.json_option:
            parser.add_argument("--json", action="store_true", help="print JSON for scripts")

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except NapmonError as exc:
            raise CommandError(f"{exc.message} [{exc.code}]") from exc

    def emit_json(self, data) -> None:
        self.stdout.write(dumps(data))
