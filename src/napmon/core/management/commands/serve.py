import os
import sys
import time

from django.core.management import call_command
from django.core.management.base import CommandError

from napmon.core.cli_support import NapmonCommand
from napmon.core.config import env
from napmon.core.page_cache import shared_cache, warm_caches, warm_summary
from napmon.core.staticfiles import collect_if_needed


class Command(NapmonCommand):
    help = (
        "Serve the platform with gunicorn: several workers, static files through "
        "whitenoise, JSON log lines on standard output."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=env("NAPMON_WORKERS"))
        parser.add_argument(
            "--threads",
            type=int,
            default=env("NAPMON_THREADS"),
            help="threads per worker (more than 1 selects gunicorn's gthread workers)",
        )

        parser.add_argument("--no-static", action="store_true", help="skip collecting static files")
        parser.add_argument(
            "--no-warm",
            action="store_true",
            help="start without filling the shared cache with the public pages first",
        )

    def handle(self, *args, **options):
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        # Refuse to start on a broken configuration (napmon.E001-E004) rather than
        # serving errors; migrations are `napmon init`'s job.
        call_command("check", fail_level="ERROR")
        if not options["no_static"]:
            collect_if_needed()
        if not options["no_warm"] and shared_cache():
            self._warm()
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"NAP Monitor is serving on http://{address}/ (Ctrl+C to stop)")
        self.stdout.flush()
        # Django's own log lines from the workers are JSON too.
        os.environ.setdefault("NAPMON_LOG_FORMAT", "json")
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "python:napmon.core.gunicorn_conf",
            "--bind",
            address,
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn

    def _warm(self):
        """Fill the shared cache (NAPMON_CACHE=file) before serving, so the first request
        after start-up is answered from it; the workers' own cache would be lost here."""
        from django.db import connections

        self.stdout.write("Warming the cache of public pages and summaries ...")
        self.stdout.flush()
        started = time.monotonic()
        done = warm_caches()
        connections.close_all()
        self.stdout.write(warm_summary(done, time.monotonic() - started))
