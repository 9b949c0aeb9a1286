import sys

from napmon.api.services.exports import opensdg_table, render_table, to_csv
from napmon.api.services.tables import TABLES, build_table
from napmon.core.cli_support import NapmonCommand
from napmon.plans.services.records import Filters


class Command(NapmonCommand):
    help = (
        "Export a table (versions, points, statuses, crosswalk, indicators, values, ratings, "
        "sources) as CSV, XLSX or JSON, or one indicator in the Open SDG layout "
        "(`napmon export opensdg SLUG`). Public material only unless --include-restricted."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("table", choices=[*TABLES, "opensdg"])
        parser.add_argument("slug", nargs="?", help="indicator key (for opensdg)")
        parser.add_argument("--format", default="csv", choices=["csv", "xlsx", "json"])
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        # --plan-version, because Django's own --version prints Django's version.
        parser.add_argument("--plan-version", help="version label, e.g. 2021")
        for name in ("point", "indicator", "geography", "period"):
            parser.add_argument(f"--{name}")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="include restricted indicators, values and ratings (for internal use)",
        )
        super().add_arguments(parser)

    def handle(self, *args, **options):
        public_only = not options["include_restricted"]
        if options["table"] == "opensdg":
            if not options["slug"]:
                self.stderr.write("Name the indicator: napmon export opensdg SLUG")
                sys.exit(2)
            content = to_csv(opensdg_table(options["slug"], public_only))
        else:
            filters = Filters(
                version=options["plan_version"],
                point=options["point"],
                indicator=options["indicator"],
                geography=options["geography"],
                period=options["period"],
            )
            table = build_table(options["table"], filters, public_only)
            content = render_table(table, options["format"])
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(content)
            self.stdout.write(f"Wrote {len(content)} bytes to {options['output']}")
        elif options["format"] == "xlsx" and options["table"] != "opensdg":
            self.stderr.write("XLSX is binary: give -o FILE.")
            sys.exit(2)
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
