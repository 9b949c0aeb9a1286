from napmon.core.cli_support import NapmonCommand, render_table
from napmon.plans.models import Plan


class Command(NapmonCommand):
    help = "List the plans and their versions."

    def handle(self, *args, **options):
        rows = []
        for plan in Plan.objects.prefetch_related("versions__points"):
            for version in plan.versions.all():
                rows.append(
                    {
                        "plan": plan.name,
                        "version": version.label,
                        "title": version.title,
                        "adopted_on": version.adopted_on.isoformat()
                        if version.adopted_on
                        else None,
                        "declared_points": version.declared_points,
                        "listed_points": version.points.count(),
                        "declared_kinetic": version.declared_kinetic,
                        "declared_non_kinetic": version.declared_non_kinetic,
                    }
                )
        if options["json"]:
            return self.emit_json(rows)
        self.stdout.write(
            render_table(
                ["plan", "version", "title", "adopted", "points"],
                [
                    [r["plan"], r["version"], r["title"], r["adopted_on"] or "", r["listed_points"]]
                    for r in rows
                ],
            )
        )
