from django.core.management import call_command

from napmon.core.cli_support import NapmonCommand


class Command(NapmonCommand):
    help = "Initialise the platform with its built-in data, then serve it."
    json_option = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up only; do not serve")

    def handle(self, *args, **options):
        call_command("init", stdout=self.stdout)
        if options["no_serve"]:
            return
        self.stdout.write(f"Open http://{options['host']}:{options['port']}/ in a browser.")
        call_command("serve", host=options["host"], port=options["port"], stdout=self.stdout)
