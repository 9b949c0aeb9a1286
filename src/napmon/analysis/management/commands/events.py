"""`napmon events ...`: import event files, summarise, list and roll back batches, matches.

It lives in the analysis app, above events, because its summary is the one summary
service every face shows (``analysis.services.visible.summary_document``).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from napmon.analysis.services.visible import summary_document
from napmon.core.errors import NapmonError
from napmon.core.serialise import dumps
from napmon.events.errors import EventImportError
from napmon.events.importers import IMPORTERS
from napmon.events.models import CandidateMatch, ImportBatch
from napmon.events.scope import VIOLENCE_CODES, scope_label
from napmon.events.services import (
    decide_match,
    import_events,
    propose_matches,
    rollback_batch,
    unresolved_districts,
)
from napmon.events.services.labels import add_known
from napmon.events.services.summary import GROUPINGS
from napmon.events.services.warm import warm_after_import

PROGRESS_MIN_BYTES = 5 * 1024 * 1024
SHOWN_PROBLEMS = 50


def table(rows: list[dict], columns: list[str]) -> str:
    """Rows as a text table with aligned columns (numbers right-aligned)."""
    cells = [
        ["-" if row.get(c, "") is None else str(row.get(c, "")) for c in columns] for row in rows
    ]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [
        all(isinstance(row.get(c), int | float) or row.get(c) is None for row in rows) and rows
        for c in columns
    ]

    def line(values):
        return "  ".join(
            v.rjust(w) if numeric[i] else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells])


class _Raw:
    """Write to a command's output wrapper without the newline it appends to each write."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")


class Command(BaseCommand):
    help = "Import event datasets, summarise events, list or roll back import batches."
    # NAP Monitor's own configuration checks only: the full set resolves every URL,
    # importing every view (WeasyPrint, the API) before a summary can start.
    # `napmon check` still runs them all.
    requires_system_checks = ["napmon"]

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="import a file (gtd, ucdp, acled, annual, mapped)")
        imp.add_argument("format", choices=sorted(IMPORTERS))
        imp.add_argument("file")
        imp.add_argument("--mapping", help="YAML mapping (format 'mapped')")
        imp.add_argument("--dataset", help="dataset name (default: the format's)")
        imp.add_argument("--encoding", help="text encoding (default: detected)")
        imp.add_argument("--sheet", help="XLSX sheet name (default: the first)")
        imp.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="import the good rows and list the bad ones",
        )
        imp.add_argument(
            "--exclude-doubtful", action="store_true", help="GTD: leave out rows with doubtterr = 1"
        )
        imp.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        imp.add_argument(
            "--problems",
            metavar="FILE",
            help="write every problem to this CSV file (also for dry runs and refused imports)",
        )
        imp.add_argument("--json", action="store_true", help="the report with every problem")
        summ = sub.add_parser("summary", help="events, killed and injured by a grouping")
        summ.add_argument("--by", choices=GROUPINGS, default="year")
        summ.add_argument("--dataset")
        summ.add_argument(
            "--country",
            help="count this country instead of Pakistan ('all': every country in the files)",
        )
        summ.add_argument(
            "--violence",
            choices=sorted(VIOLENCE_CODES),
            help="UCDP type of violence: state-based, non-state or one-sided",
        )
        summ.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
        summ.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
        summ.add_argument(
            "--fold-fata", action="store_true", help="count FATA under Khyber Pakhtunkhwa"
        )
        summ.add_argument("--json", action="store_true")
        dis = sub.add_parser(
            "districts", help="district names that resolve to no district, for a person to map"
        )
        dis.add_argument("--dataset")
        dis.add_argument("--json", action="store_true")
        bat = sub.add_parser("batches", help="list import batches")
        bat.add_argument("--json", action="store_true")
        rol = sub.add_parser("rollback", help="undo an import batch")
        rol.add_argument("batch", type=int)
        mat = sub.add_parser("matches", help="list, propose or decide cross-dataset matches")
        mat.add_argument("--propose", action="store_true", help="look for new candidates")
        mat.add_argument("--days", type=int, default=2)
        mat.add_argument("--min-score", type=float, default=0.6)
        mat.add_argument(
            "--max-candidates",
            type=int,
            default=1,
            metavar="N",
            help="keep each event's N best-ranked candidates from each other dataset (default 1)",
        )
        mat.add_argument("--confirm", type=int, metavar="ID")
        mat.add_argument("--reject", type=int, metavar="ID")
        mat.add_argument("--status", choices=CandidateMatch.Status.values, default="proposed")
        mat.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        handler = getattr(self, "do_" + options["subcommand"])
        try:
            handler(options)
        except EventImportError as exc:
            if exc.report is not None:
                self.write_problems_file(exc.report, options)
            if exc.report is not None and not options.get("json"):
                self.print_problems(exc.report)
            elif exc.report is not None:
                error = {k: v for k, v in exc.as_dict().items() if k != "report"}
                exc.report.write_json(_Raw(self.stdout), {"error": error})
            raise CommandError(f"{exc.message} [{exc.code}]", returncode=1) from exc
        except NapmonError as exc:
            raise CommandError(f"{exc.message} [{exc.code}]", returncode=1) from exc

    # -- import ----------------------------------------------------------------------------
    def progress(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN_BYTES:
            return
        width = 30
        filled = int(width * done / total) if total else width
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done / total:5.1f}% "
            f"of {total / 1048576:.0f} MB",
            ending="" if done < total else "\n",
        )
        self.stderr.flush()

    def print_problems(self, report) -> None:
        if not report.problems:
            return
        self.stdout.write("Problems:")
        for problem in report.problems[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  {problem.severity}: {problem}")
        hidden = report.problem_count - SHOWN_PROBLEMS
        if hidden > 0:
            self.stdout.write(
                f"  ... and {hidden} more: every problem is written by --problems FILE (CSV) "
                "and listed by --json"
            )

    def write_problems_file(self, report, options) -> None:
        """``--problems FILE``: every problem as CSV, whatever the outcome of the import."""
        target = options.get("problems")
        if not target:
            return
        try:
            with open(target, "w", encoding="utf-8", newline="") as fh:
                count = report.write_csv(fh)
        except OSError as exc:
            raise CommandError(f"Cannot write the problems file {target}: {exc}") from exc
        self.stderr.write(f"{count} problem(s) written to {target}")

    def do_import(self, options):
        report = import_events(
            options["file"],
            options["format"],
            dataset=options["dataset"],
            mapping=options["mapping"],
            encoding=options["encoding"],
            skip_bad_rows=options["skip_bad_rows"],
            dry_run=options["dry_run"],
            options={"sheet": options["sheet"], "exclude_doubtful": options["exclude_doubtful"]},
            progress=None if options["json"] else self.progress,
        )
        self.write_problems_file(report, options)
        if options["json"]:
            report.write_json(_Raw(self.stdout))
        else:
            title = "Dry run of" if report.dry_run else "Imported"
            self.stdout.write(
                f"{title} {report.file_name} into dataset '{report.dataset}' "
                f"(format {report.format}, encoding {report.encoding}"
                + (f", batch {report.batch_id})" if report.batch_id else ")")
            )
            counts = report.counts()
            self.stdout.write(
                table([{"count": k, "rows": v} for k, v in counts.items()], ["count", "rows"])
            )
            if report.skipped_rows:
                self.stdout.write("Skipped rows: " + ", ".join(map(str, report.skipped_rows)))
            self.print_problems(report)
        out = self.stderr if options["json"] else self.stdout
        warmed = warm_after_import(report, announce=out.write)
        if warmed:
            out.write(warmed)
        changed = report.imported + report.updated + report.retired
        if not changed and not report.dry_run:
            raise CommandError(
                f"Nothing imported from {report.file_name}: {report.duplicates} duplicate(s), "
                f"{report.skipped} skipped.",
                returncode=1,
            )

    # -- summary ---------------------------------------------------------------------------
    def do_summary(self, options):
        filters = {
            name: options[name]
            for name in ("dataset", "country", "date_from", "date_to", "fold_fata", "violence")
        }
        # The operator's command sees every dataset, as staff do on the pages and API.
        doc = summary_document(options["by"], filters, public=False)
        if options["json"]:
            self.stdout.write(dumps(doc))
            return
        rows = doc["rows"]
        total = {"key": "total", "events": sum(r["events"] for r in rows)}
        for measure in ("killed", "injured"):
            total[measure] = None
            for r in rows:
                total[measure] = add_known(total[measure], r[measure])
        self.stdout.write(f"Counting: {scope_label(options['country'])}; '-' = not recorded.")
        self.stdout.write(table(rows + [total], ["key", "events", "killed", "injured"]))

    def do_districts(self, options):
        found = unresolved_districts({"dataset": options["dataset"]})
        if options["json"]:
            self.stdout.write(dumps(found))
            return
        if found["names"]:
            self.stdout.write(table(found["names"], ["name", "field", "events"]))
        else:
            self.stdout.write("Every recorded district or city name resolves to a district.")
        self.stdout.write(
            f"{found['unrecorded']} event(s) record neither a district nor a city. "
            "Add a name as an alias of its district in the admin (District aliases)."
        )

    # -- batches and rollback ----------------------------------------------------------------
    def do_batches(self, options):
        batches = ImportBatch.objects.select_related("dataset").order_by("pk")
        rows = [
            {
                "id": b.pk,
                "when": b.created_at.strftime("%Y-%m-%d %H:%M"),
                "dataset": b.dataset.name,
                "format": b.format,
                "file": b.file_name,
                "status": b.status,
                "read": b.rows_read,
                "imported": b.rows_imported,
                "updated": b.rows_updated,
                "retired": b.rows_retired,
                "skipped": b.rows_skipped,
                "duplicates": b.rows_duplicate,
                "by": b.created_by_label,
            }
            for b in batches
        ]
        if options["json"]:
            for row, batch in zip(rows, batches, strict=True):
                row.update(sha256=batch.sha256, problems=batch.problems)
            self.stdout.write(dumps(rows))
        elif rows:
            self.stdout.write(table(rows, list(rows[0])))
        else:
            self.stdout.write("No import batches yet.")

    def do_rollback(self, options):
        counts = rollback_batch(options["batch"])
        self.stdout.write(
            f"Rolled back batch {options['batch']}: {counts['deleted']} record(s) deleted, "
            f"{counts['restored']} restored, {counts['reactivated']} reactivated."
        )

    # -- matches ---------------------------------------------------------------------------
    def do_matches(self, options):
        if options["confirm"] or options["reject"]:
            status = "confirmed" if options["confirm"] else "rejected"
            match = decide_match(options["confirm"] or options["reject"], status)
            self.stdout.write(f"Match {match.pk} {status}. Events are kept as they are.")
            return
        if options["propose"]:
            created = propose_matches(
                days=options["days"],
                min_score=options["min_score"],
                max_candidates=options["max_candidates"],
            )
            self.stdout.write(
                f"Proposed {created} new candidate match(es).",
                sys.stdout.isatty() and self.style.SUCCESS,
            )
        matches = CandidateMatch.objects.filter(status=options["status"]).select_related(
            "left__dataset", "right__dataset"
        )
        rows = [
            {
                "id": m.pk,
                "score": f"{m.score:.2f}",
                "event": f"{m.left.dataset.name}:{m.left.key} {m.left.date}",
                "match": f"{m.right.dataset.name}:{m.right.key} {m.right.date}",
                "why": "; ".join(m.reasons),
            }
            for m in matches
        ]
        if options["json"]:
            self.stdout.write(dumps(rows))
        elif rows:
            self.stdout.write(table(rows, list(rows[0])))
        else:
            self.stdout.write(f"No {options['status']} matches.")
