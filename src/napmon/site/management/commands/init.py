import time

from django.conf import settings
from django.core.management import call_command

from napmon.core.cli_support import NapmonCommand
from napmon.core.staticfiles import collect_if_needed
from napmon.events.services.builtin import load_builtin_events
from napmon.site.services import initialise


class Command(NapmonCommand):
    help = (
        "Create or upgrade the database, load the built-in NAP dataset and the built-in "
        "UCDP GED events (safe to repeat)."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--dataset", help="load this dataset file instead of the built-in one")
        parser.add_argument("--no-static", action="store_true", help="skip collecting static files")
        parser.add_argument(
            "--no-events",
            action="store_true",
            help="do not load the built-in UCDP GED events (also: NAPMON_BUILTIN_EVENTS=0)",
        )

    def step(self, message: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:5.1f}s] {message}")

    def handle(self, *args, **options):
        self.started = time.monotonic()
        self.step("Creating or upgrading the database ...")
        call_command("migrate", interactive=False, verbosity=0)
        self.step("Loading the built-in NAP dataset ...")
        report = initialise(dataset=options.get("dataset"))
        created = sum(report.created.values())
        updated = sum(report.updated.values())
        self.step(
            f"Dataset loaded: {created} records created, {updated} updated, "
            f"{sum(report.unchanged.values())} unchanged."
        )
        if options["no_events"] or not settings.NAPMON_BUILTIN_EVENTS:
            self.step("Built-in events skipped (--no-events or NAPMON_BUILTIN_EVENTS=0).")
        else:
            self.step("Loading the built-in UCDP GED events (CC BY 4.0) ...")
            events = load_builtin_events()
            if events.loaded:
                self.step(f"UCDP GED: {events.events} events imported.")
            else:
                self.step(f"UCDP GED: {events.events} events {events.reason}; nothing changed.")
        if not options["no_static"]:
            self.step("Collecting static files (only when they changed) ...")
            collect_if_needed()
        self.step("Database ready.")
