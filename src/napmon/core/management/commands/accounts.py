from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from napmon.core import two_factor
from napmon.core.cli_support import NapmonCommand


class Command(NapmonCommand):
    help = (
        "User accounts: `reset-two-factor USERNAME [--reason TEXT]` turns off a user's "
        "two-factor log-in (a lost phone), audited."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser(
            "reset-two-factor", help="delete a user's TOTP secret and recovery codes (audited)"
        )
        reset.add_argument("username")
        reset.add_argument("--reason", default="", help="why (kept in the audit log)")

    def handle(self, *args, **options):
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        two_factor.reset(user, actor=None, reason=options["reason"])
        self.stdout.write(
            f"Two-factor log-in of {username} was reset: the next log-in asks for the "
            "password only."
        )
