from napmon.api.services.release import write_release
from napmon.core.cli_support import NapmonCommand


class Command(NapmonCommand):
    help = (
        "Write the public data as a Frictionless data package (datapackage.json and data/*.csv) "
        "into DIR, dated by the data's last change; unchanged data gives identical bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="output directory (created if missing)")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        result = write_release(options["directory"])
        if options["json"]:
            return self.emit_json(
                {
                    "directory": str(result.directory),
                    "created": result.created,
                    "files": result.files,
                }
            )
        self.stdout.write(f"Release of {result.created} written to {result.directory}")
        for path, digest in result.files.items():
            self.stdout.write(f"  {path}  sha256:{digest}")
