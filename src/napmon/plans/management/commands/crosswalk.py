from napmon.core.cli_support import NapmonCommand, render_table
from napmon.plans.services import crosswalk


def _side(version, number, title) -> str:
    return f"{version}/{number or '-'} {title or ''}".strip()


class Command(NapmonCommand):
    help = "Show how the points of one version map to another: napmon crosswalk 2014 2021"

    def add_arguments(self, parser):
        parser.add_argument("from_version")
        parser.add_argument("to_version")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        rows = crosswalk(options["from_version"], options["to_version"])
        if options["json"]:
            return self.emit_json(rows)
        self.stdout.write(
            render_table(
                ["from", "relation", "to", "made by", "rationale"],
                [
                    [
                        _side(r["from_version"], r["from_point"], r["from_title"]),
                        r["relation"],
                        _side(r["to_version"], r["to_point"], r["to_title"]),
                        r["made_by"],
                        r["rationale"],
                    ]
                    for r in rows
                ],
            )
        )
