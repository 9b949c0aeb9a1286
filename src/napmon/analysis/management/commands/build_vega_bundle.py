from pathlib import Path

from django.core.management.base import BaseCommand

BUNDLE = Path(__file__).resolve().parents[2] / "static" / "analysis" / "vega-bundle.js"


class Command(BaseCommand):
    help = (
        "Write static/analysis/vega-bundle.js: Vega, Vega-Lite and vega-embed in one file, "
        "built offline by vl-convert-python (no CDN at runtime). Run after upgrading "
        "vl-convert-python and commit the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(BUNDLE), help="where to write the bundle")

    def handle(self, *args, **options):
        import vl_convert

        text = vl_convert.javascript_bundle()
        header = (
            f"/* Vega {vl_convert.get_vega_version()}, Vega-Lite and vega-embed, bundled by "
            f"vl-convert-python {vl_convert.__version__} (`napmon build_vega_bundle`). "
            "Licences: BSD-3-Clause (Vega, Vega-Lite, vega-embed). */\n"
        )
        out = Path(options["output"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(header + text, encoding="utf-8")
        self.stdout.write(f"Wrote {out} ({out.stat().st_size / 1024:.0f} KiB).")
