from napmon.core.cli_support import NapmonCommand, render_table
from napmon.plans.services import gaps


class Command(NapmonCommand):
    help = "Themes a version does not cover, and how many points are classified: napmon gaps 2014"

    def add_arguments(self, parser):
        parser.add_argument("version")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        result = gaps(options["version"])
        if options["json"]:
            return self.emit_json(result)
        self.stdout.write(f"Themes not covered by any point of version {result['version']}:")
        self.stdout.write(
            render_table(
                ["theme", "stated by a source"],
                [
                    [
                        g["name"],
                        f"{g['statement']} [{g['source']['citation']}]"
                        if g["source"]
                        else "no (no point is tagged with it)",
                    ]
                    for g in result["uncovered_themes"]
                ],
            )
        )
        declared, classified = result["declared"], result["classified"]
        if declared["kinetic"] is not None:
            self.stdout.write(
                f"\nThe plan declares {declared['kinetic']} kinetic and "
                f"{declared['non_kinetic']} non-kinetic points; the sources classify "
                f"{classified['kinetic']} as kinetic and {classified['non_kinetic']} as "
                f"non-kinetic, and {classified['unknown']} remain unclassified."
            )
