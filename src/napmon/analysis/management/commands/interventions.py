from napmon.analysis import services
from napmon.core.cli_support import NapmonCommand, render_table


class Command(NapmonCommand):
    help = "The interventions drawn on charts and offered as break points, with their sources."

    def handle(self, *args, **options):
        rows = [
            {
                "key": i.key,
                "label": i.label,
                "date": i.date,
                "date_precision": i.date_precision,
                "end_date": i.end_date,
                "period": i.period_label(),
                "source": i.source.citation(),
                "description": i.description,
            }
            for i in services.list_interventions()
        ]
        if options["json"]:
            return self.emit_json(rows)
        self.stdout.write(
            render_table(
                ["key", "when", "intervention", "source"],
                [(r["key"], r["period"], r["label"], r["source"][:60]) for r in rows],
            )
        )
