"""`napmon funding ...`: funding figures per point (allocated, released, spent).

`list --json` prints what the API's ``GET /funding`` returns (one serialiser,
``reporting.services.funding.funding_dict``). A figure no source gives is not listed: it is
unknown, never 0.
"""

from decimal import Decimal, InvalidOperation

from django.core.management.base import CommandError

from napmon.core.cli_support import NapmonCommand, render_table
from napmon.indicators.models import Source
from napmon.reporting.management.commands.actions import find_body, parse_point
from napmon.reporting.models import Funding
from napmon.reporting.services import funding as service

KINDS = [k for k, _label in Funding.Kind.choices]


class Command(NapmonCommand):
    help = "Funding per point: list, add, remove."
    json_option = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="funding figures with their sources")
        lister.add_argument("--point", help="VERSION/NUMBER, such as 2021/10")
        lister.add_argument("--version", dest="plan_version", help="plan version, such as 2021")
        lister.add_argument("--body", help="reporting body slug")
        lister.add_argument("--json", action="store_true", help="print JSON for scripts")
        add = sub.add_parser("add", help="record a funding figure")
        add.add_argument("--point", required=True, help="VERSION/NUMBER")
        add.add_argument("--kind", required=True, choices=KINDS)
        add.add_argument(
            "--amount", required=True, help="in the currency's units, e.g. 60000000000"
        )
        add.add_argument("--fiscal-year", type=int, help="the year it starts: 2024 for 2024-25")
        add.add_argument("--body", help="reporting body slug")
        add.add_argument("--currency", default="PKR")
        add.add_argument("--source", help="source key (napmon sources, /sources/)")
        add.add_argument("--reference", default="", help="the document or decision")
        add.add_argument("--note", default="")
        remove = sub.add_parser("remove", help="remove a figure recorded in error")
        remove.add_argument("id", type=int)

    def handle(self, *args, **options):
        return getattr(self, "do_" + options["action"])(options)

    def do_list(self, options):
        filters = {"version": options.get("plan_version"), "body": options.get("body")}
        if options.get("point"):
            point = parse_point(options["point"])
            filters.update(version=point.version.label, point=point.number)
        rows = service.list_funding(**filters)
        if options["json"]:
            return self.emit_json(rows)
        table = [
            (
                r["id"],
                f"{r['version']}/{r['point']}",
                r["fiscal_year_label"] or "not given",
                r["body"] or "-",
                r["kind"],
                f"{r['currency']} {Decimal(str(r['amount'])):,f}",
                r["source"]["short"] if r["source"] else r["reference"],
            )
            for r in rows
        ]
        headers = ["id", "point", "fiscal year", "body", "kind", "amount", "source"]
        self.stdout.write(render_table(headers, table) if rows else "No funding figure.")

    def do_add(self, options):
        try:
            amount = Decimal(options["amount"].replace(",", ""))
        except InvalidOperation as exc:
            raise CommandError(f"{options['amount']!r} is not an amount.") from exc
        source = None
        if options.get("source"):
            source = Source.objects.filter(key=options["source"]).first()
            if source is None:
                raise CommandError(f"No source {options['source']!r}.")
        figure = service.record_funding(
            parse_point(options["point"]),
            kind=options["kind"],
            amount=amount,
            fiscal_year=options.get("fiscal_year"),
            body=find_body(options["body"]) if options.get("body") else None,
            currency=options["currency"],
            source=source,
            reference=options["reference"],
            note=options["note"],
        )
        self.stdout.write(f"Recorded funding figure {figure.pk}.")

    def do_remove(self, options):
        figure = Funding.objects.filter(pk=options["id"]).first()
        if figure is None:
            raise CommandError(f"No funding figure {options['id']}.")
        service.remove_funding(figure)
        self.stdout.write(f"Removed funding figure {options['id']}.")
