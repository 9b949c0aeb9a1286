from napmon.analysis import services
from napmon.core.cli_support import NapmonCommand, render_table


class Command(NapmonCommand):
    help = (
        "The claims ledger. `claims list` shows each claim; `claims check` gives each claim "
        "two verdicts: consistency (does it match the figures its own document cites?) and "
        "independent evidence (what do event datasets other than its source say?)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("list", "list the claims"), ("check", "check the claims")):
            p = sub.add_parser(name, help=text)
            p.add_argument("--json", action="store_true", help="print JSON for scripts")
            p.add_argument("keys", nargs="*", help="only these claim keys")

    def handle(self, *args, **options):
        if options["action"] == "list":
            claims = services.list_claims()
            if options["keys"]:
                claims = [c for c in claims if c.key in options["keys"]]
            rows = [
                {
                    "id": c.pk,
                    "key": c.key,
                    "text": c.text,
                    "source": c.source.citation(),
                    "locator": c.locator,
                    "kind": c.kind,
                    "subject": c.subject,
                    "stated": c.stated,
                    "old_period": c.old_period,
                    "new_period": c.new_period,
                }
                for c in claims
            ]
            if options["json"]:
                return self.emit_json(rows)
            table = [
                (r["key"], r["kind"], r["stated"], r["old_period"], r["new_period"]) for r in rows
            ]
            self.stdout.write(render_table(["claim", "kind", "stated", "from", "to"], table))
            return
        rows = services.check_claims(options["keys"] or None)
        if options["json"]:
            return self.emit_json(rows)
        table = [
            (
                r["consistency"]["label"],
                r["independent"]["label"],
                r["key"],
                r["stated"],
                "" if r["computed"] is None else f"{r['computed']:,.4g}",
            )
            for r in rows
        ]
        self.stdout.write(
            render_table(["consistency", "independent", "claim", "stated", "computed"], table)
        )
        for name, title in (("consistency", "Consistency"), ("independent", "Independent")):
            counts = services.verdict_counts(rows, name)
            self.stdout.write(
                f"\n{title}: " + ", ".join(f"{n} {label}" for label, n in counts.items())
            )
