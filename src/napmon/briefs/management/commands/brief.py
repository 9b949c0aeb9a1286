from pathlib import Path

from napmon.briefs.services.render import render_brief
from napmon.core.cli_support import NapmonCommand


class Command(NapmonCommand):
    help = (
        "Write a brief: `napmon brief scorecard|review [PERIOD] --format pdf|html --lang en|ur "
        "-o FILE`. PERIOD (review) uses the dataset notation, e.g. 2025-H1; by default the "
        "half-year of the latest data. Public material only unless --include-restricted."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["scorecard", "review"])
        parser.add_argument("period", nargs="?", help="review period, e.g. 2025-H1")
        parser.add_argument("--format", default="pdf", choices=["pdf", "html"])
        parser.add_argument("--lang", default="en", choices=["en", "ur"])
        parser.add_argument("--plan-version", help="plan version label (default: the latest)")
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="include restricted material (internal edition)",
        )

    def handle(self, *args, **options):
        content = render_brief(
            options["kind"],
            options["period"],
            options["lang"],
            options["format"],
            public_only=not options["include_restricted"],
            version=options["plan_version"],
        )
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"Wrote {options['output']} ({len(content):,} bytes)")
