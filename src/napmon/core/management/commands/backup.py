from napmon.core.backup import create_backup
from napmon.core.cli_support import NapmonCommand


class Command(NapmonCommand):
    help = (
        "Write every record and uploaded file to one archive (FILE, .tar.gz) with a "
        "manifest of row counts and SHA-256 checksums. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. napmon-2025-01-31.tar.gz")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        summary = create_backup(options["file"])
        if options["json"]:
            self.emit_json(
                {"file": str(summary.path), "models": summary.models, "media": summary.media}
            )
            return
        self.stdout.write(
            f"Backup written to {summary.path}: {summary.rows} rows in "
            f"{len(summary.models)} tables, {len(summary.media)} uploaded files."
        )
