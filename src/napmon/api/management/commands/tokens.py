from napmon.api.services import tokens
from napmon.core.cli_support import NapmonCommand, render_table


class Command(NapmonCommand):
    help = (
        "Personal API tokens: `create USER NAME [--scope read|write]` (prints the secret once), "
        "`list [--user USER]`, `revoke ID|PREFIX`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print its secret once")
        create.add_argument("user")
        create.add_argument("name")
        create.add_argument("--scope", default="read", choices=["read", "write"])
        create.add_argument("--json", action="store_true")
        listing = sub.add_parser("list", help="list tokens (never their secrets)")
        listing.add_argument("--user")
        listing.add_argument("--json", action="store_true")
        revoke = sub.add_parser("revoke", help="revoke a token by id or prefix")
        revoke.add_argument("token")
        revoke.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "create":
            user = tokens.get_user(options["user"])
            token, secret = tokens.create_token(user, options["name"], options["scope"])
            if options["json"]:
                return self.emit_json(
                    {"id": token.pk, "prefix": token.prefix, "scope": token.scope, "secret": secret}
                )
            self.stdout.write(f"Token {token.pk} ({token.scope}) for {user.get_username()}:")
            self.stdout.write(secret)
            self.stdout.write("Store it now: it is not shown again.")
        elif action == "list":
            user = tokens.get_user(options["user"]) if options["user"] else None
            rows = [
                [
                    t.pk,
                    t.user.get_username(),
                    t.name,
                    t.scope,
                    t.prefix,
                    t.created_at.isoformat(timespec="seconds"),
                    t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "never",
                    t.revoked_at.isoformat(timespec="seconds") if t.revoked_at else "",
                ]
                for t in tokens.list_tokens(user)
            ]
            headers = ["id", "user", "name", "scope", "prefix", "created", "last used", "revoked"]
            if options["json"]:
                return self.emit_json([dict(zip(headers, r, strict=True)) for r in rows])
            self.stdout.write(render_table(headers, rows))
        else:
            token = tokens.revoke_token(tokens.find_token(options["token"]))
            if options["json"]:
                return self.emit_json({"id": token.pk, "revoked_at": token.revoked_at})
            self.stdout.write(f"Token {token.pk} ({token.prefix}…) revoked.")
