import os
import sys

from django.core.management import call_command

from napmon.core.cli_support import NapmonCommand


class Command(NapmonCommand):
    help = "Serve the platform with gunicorn (static files through whitenoise)."
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("NAPMON_WORKERS", "3"))
        )

    def handle(self, *args, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"NAP Monitor is serving on http://{address}/ (Ctrl+C to stop)")
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "napmon.wsgi:application",
            "--bind",
            address,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
            "--access-logformat",
            '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": "%(b)s", '
            '"duration_ms": %(M)s}',
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
