from napmon.core.cli_support import NapmonCommand
from napmon.core.restore import restore_backup


class Command(NapmonCommand):
    help = (
        "Restore an archive written by `napmon backup` into a fresh database (migrated "
        "first) and the uploads folder; checks every count and checksum before committing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by `napmon backup`")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        summary = restore_backup(options["file"])
        if options["json"]:
            self.emit_json(
                {"file": str(summary.path), "models": summary.models, "media": summary.media}
            )
            return
        self.stdout.write(
            f"Restored {summary.rows} rows in {len(summary.models)} tables and "
            f"{len(summary.media)} uploaded files from {summary.path}; counts and "
            "checksums match the backup."
        )
