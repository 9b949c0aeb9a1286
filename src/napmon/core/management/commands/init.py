from django.core.management import call_command

from napmon.core.cli_support import NapmonCommand
from napmon.core.services import initialise
from napmon.core.staticfiles import collect_if_needed


class Command(NapmonCommand):
    help = "Create or upgrade the database and load the built-in NAP dataset (safe to repeat)."
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--dataset", help="load this dataset file instead of the built-in one")
        parser.add_argument("--no-static", action="store_true", help="skip collecting static files")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        report = initialise(dataset=options.get("dataset"))
        if not options["no_static"]:
            collect_if_needed()
        created = sum(report.created.values())
        updated = sum(report.updated.values())
        self.stdout.write(
            f"Database ready. Dataset loaded: {created} records created, {updated} updated, "
            f"{sum(report.unchanged.values())} unchanged."
        )
