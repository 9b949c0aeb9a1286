from napmon.core.cli_support import NapmonCommand
from napmon.plans.services import get_point, point_detail


class Command(NapmonCommand):
    help = "Show one point with its status history, indicators, values, sources and ratings."

    def add_arguments(self, parser):
        parser.add_argument("version", help="version label, e.g. 2021")
        parser.add_argument("number", help="point number")
        super().add_arguments(parser)

    def handle(self, *args, **options):
        detail = point_detail(get_point(options["version"], options["number"]), public_only=False)
        if options["json"]:
            return self.emit_json(detail)
        write = self.stdout.write
        write(f"NAP {detail['version']}, point {detail['number']}: {detail['title']}")
        write(
            f"Category: {detail['category']}"
            + (
                f" (source: {detail['category_source']['citation']})"
                if detail["category_source"]
                else " (no source classifies it)"
            )
        )
        if detail["lead_agencies"]:
            write("Lead: " + ", ".join(detail["lead_agencies"]))
        write("Status history:" if detail["status_history"] else "Status: not recorded")
        for status in detail["status_history"]:
            write(
                f"  {status['date_display']}: {status['status']} - {status['note']}"
                f" [{status['source']['short']}]"
            )
        for rating in detail["ratings"]:
            write(
                f"Rating {rating['date_display']}: {rating['rating']} - {rating['rationale']}"
                f" [{rating['source']['short']}]"
            )
        for indicator in detail["indicators"]:
            write(f"\n{indicator['name']} ({indicator['unit']})")
            for value in indicator["values"]:
                write(
                    f"  {value['period']:<28} {value['display']:>22}  {value['geography']}"
                    f"  [{value['source']['short']}]"
                )
