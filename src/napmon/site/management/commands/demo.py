from django.core.management import call_command

from napmon.core.cli_support import NapmonCommand
from napmon.reporting.demo import create_demo


class Command(NapmonCommand):
    help = (
        "Initialise the platform with its built-in data, add demo users and demo reports "
        "(labelled demo data), then serve it."
    )
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up only; do not serve")

    def handle(self, *args, **options):
        call_command("init", stdout=self.stdout)
        demo = create_demo()
        self.stdout.write("Demo users: " + ", ".join(demo["users"]))
        if demo["generated"]:
            self.stdout.write(
                f"Demo password (generated; set NAPMON_DEMO_PASSWORD to choose): {demo['password']}"
            )
        else:
            self.stdout.write("Demo password: the value of NAPMON_DEMO_PASSWORD.")
        if options["no_serve"]:
            return
        self.stdout.write(f"Open http://{options['host']}:{options['port']}/ in a browser.")
        call_command("serve", host=options["host"], port=options["port"], stdout=self.stdout)
