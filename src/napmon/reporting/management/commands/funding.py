"""`napmon funding ...`: funding figures per point (allocated, released, spent).

`list --json` prints what the API's ``GET /funding`` returns (one serialiser,
``reporting.services.funding.funding_dict``). A figure no source gives is not listed: it is
unknown, never 0. ``update`` and ``remove`` take ``--expected-version N`` (the
``row_version`` read), checked by the service as the API's ``row_version`` is.
"""

from decimal import Decimal, InvalidOperation

from django.core.management.base import CommandError

from napmon.core.cli_support import NapmonCommand, render_table
from napmon.indicators.models import Source
from napmon.reporting.management.commands.actions import (
    add_expected_version,
    find_body,
    parse_point,
)
from napmon.reporting.models import Funding
from napmon.reporting.services import funding as service

KINDS = [k for k, _label in Funding.Kind.choices]


def parse_amount(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise CommandError(f"{text!r} is not an amount.") from exc


def find_source(key: str) -> Source:
    source = Source.objects.filter(key=key).first()
    if source is None:
        raise CommandError(f"No source {key!r}.")
    return source


class Command(NapmonCommand):
    help = "Funding per point: list, add, update, remove."
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
        update = sub.add_parser("update", help="change a figure (what is left out stays)")
        update.add_argument("id", type=int)
        update.add_argument("--kind", choices=KINDS)
        update.add_argument("--amount", help="in the currency's units")
        year = update.add_mutually_exclusive_group()
        year.add_argument("--fiscal-year", type=int, help="the year it starts: 2024 for 2024-25")
        year.add_argument(
            "--no-fiscal-year", action="store_true", help="the source gives no fiscal year"
        )
        body = update.add_mutually_exclusive_group()
        body.add_argument("--body", help="reporting body slug")
        body.add_argument("--no-body", action="store_true", help="the source names no body")
        update.add_argument("--currency")
        update.add_argument("--source", help="source key")
        update.add_argument("--reference", help="the document or decision")
        update.add_argument("--note")
        add_expected_version(update)
        update.add_argument("--json", action="store_true", help="print the figure as JSON")
        remove = sub.add_parser("remove", help="remove a figure recorded in error")
        remove.add_argument("id", type=int)
        add_expected_version(remove)

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
                r["row_version"],
            )
            for r in rows
        ]
        headers = ["id", "point", "fiscal year", "body", "kind", "amount", "source", "row version"]
        self.stdout.write(render_table(headers, table) if rows else "No funding figure.")

    def do_add(self, options):
        source = find_source(options["source"]) if options.get("source") else None
        figure = service.record_funding(
            parse_point(options["point"]),
            kind=options["kind"],
            amount=parse_amount(options["amount"]),
            fiscal_year=options.get("fiscal_year"),
            body=find_body(options["body"]) if options.get("body") else None,
            currency=options["currency"],
            source=source,
            reference=options["reference"],
            note=options["note"],
        )
        self.stdout.write(f"Recorded funding figure {figure.pk}, row version {figure.version}.")

    def do_update(self, options):
        figure = service.funding_queryset().filter(pk=options["id"]).first()
        if figure is None:
            raise CommandError(f"No funding figure {options['id']}.")
        values = {
            name: options[name]
            for name in ("kind", "currency", "reference", "note", "fiscal_year")
            if options.get(name) is not None
        }
        if options.get("amount") is not None:
            values["amount"] = parse_amount(options["amount"])
        if options.get("no_fiscal_year"):
            values["fiscal_year"] = None
        if options.get("body"):
            values["body"] = find_body(options["body"])
        if options.get("no_body"):
            values["body"] = None
        if options.get("source"):
            values["source"] = find_source(options["source"])
        if not values:
            raise CommandError("Give what to change, such as --amount or --fiscal-year.")
        figure = service.update_funding(
            figure, expected_version=options.get("expected_version"), **values
        )
        if options["json"]:
            return self.emit_json(service.funding_dict(figure))
        self.stdout.write(f"Saved funding figure {figure.pk}, row version {figure.version}.")

    def do_remove(self, options):
        figure = Funding.objects.filter(pk=options["id"]).first()
        if figure is None:
            raise CommandError(f"No funding figure {options['id']}.")
        service.remove_funding(figure, expected_version=options.get("expected_version"))
        self.stdout.write(f"Removed funding figure {options['id']}.")
