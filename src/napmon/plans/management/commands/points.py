from napmon.core.cli_support import NapmonCommand, render_table
from napmon.plans.services import get_version, version_overview


class Command(NapmonCommand):
    help = "List the points of a plan version: napmon points 2021 [--json]"

    def add_arguments(self, parser):
        parser.add_argument("version", help="version label, e.g. 2014 or 2021")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        rows = version_overview(get_version(options["version"]), public_only=False)
        for row in rows:
            row.pop("point_obj")
            row["status"] = row["status"]["status"] if row["status"] else None
            row["rating"] = row["rating"]["rating"] if row["rating"] else None
        if options["json"]:
            return self.emit_json(rows)
        self.stdout.write(
            render_table(
                ["no.", "point", "category", "status", "rating"],
                [
                    [
                        r["number"],
                        r["short_title"],
                        r["category"],
                        r["status"] or "-",
                        r["rating"] or "-",
                    ]
                    for r in rows
                ],
            )
        )
