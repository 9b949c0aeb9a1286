from django.conf import settings
from django.core.management import call_command

from napmon.core.cli_support import NapmonCommand
from napmon.core.tasks import LeaseKeeper, reap_expired_tasks


class Command(NapmonCommand):
    help = (
        "Run background tasks (imports, briefs) queued from the web: django-tasks' "
        "database worker. Run one or more next to `napmon serve`."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run every queued task, then exit")
        parser.add_argument("--max-tasks", type=int, help="exit after this many tasks")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls of an empty queue"
        )

    def handle(self, *args, **options):
        extra = {"max_tasks": options["max_tasks"]} if options["max_tasks"] else {}
        # Tasks whose worker died are retried (or failed) first, then checked all along.
        reap_expired_tasks()
        lease = int(getattr(settings, "NAPMON_TASK_LEASE_SECONDS", 120))
        keeper = LeaseKeeper(every=max(1.0, min(30.0, lease / 4)))
        keeper.start()
        call_command(
            "db_worker",
            queue_name="*",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=not options["batch"],
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
            **extra,
        )
        keeper.stopped.set()
