"""``napmon cache warm``: prepare the public pages and API answers for the current data."""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError

from napmon.core.page_cache import shared_cache, warm_caches, warm_summary


class Command(BaseCommand):
    help = (
        "Warm the shared cache: ask for every public page (in each language) and the API's "
        "summaries and analyses, so their first visitors after an import or a restart are "
        "served at once."
    )
    requires_system_checks = ["napmon"]

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        warm = sub.add_parser(
            "warm",
            help="compute and keep the public pages and API answers for the current data",
        )
        warm.add_argument("--json", action="store_true", help="each path and its HTTP status")

    def handle(self, *args, **options):
        if not shared_cache():
            raise CommandError(
                "NAPMON_CACHE is 'memory': each server process keeps its own cache, which "
                "another command cannot fill. Set NAPMON_CACHE=file (the default) to share it.",
                returncode=2,
            )
        started = time.monotonic()
        done = warm_caches()
        seconds = time.monotonic() - started
        if options["json"]:
            paths = [{"path": path, "status": status} for path, status in done]
            self.stdout.write(json.dumps({"pages": paths, "seconds": round(seconds, 1)}))
        else:
            for path, status in done:
                self.stdout.write(f"  {status}  {path}")
            self.stdout.write(warm_summary(done, seconds))
        if any(status >= 500 for _, status in done):
            raise CommandError(
                "Some pages failed with a server error (listed above).", returncode=1
            )
