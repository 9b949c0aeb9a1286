"""`napmon actions ...`: actions and milestones under the points, from the command line.

`list --json` prints what the API's ``GET /actions`` returns (one serialiser,
``reporting.services.actions.action_dict``). The command runs as the system and lists every
action; ``--public`` lists what the public sees.

Each action and milestone carries its ``row_version``. The commands that change one take
``--expected-version N``, the version the user read, and pass it to the service as the API
passes ``row_version``: the service's one check (``lock_unchanged``) refuses a stale save.
"""

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone

from napmon.core.cli_support import NapmonCommand, render_table
from napmon.plans.services import get_point
from napmon.reporting.models import Action, Milestone, Report, ReportingBody
from napmon.reporting.services import actions as service

STATUSES = [s for s, _label in Action.Status.choices]
EXPECTED_VERSION_HELP = (
    "the row version you read (the 'row version' column, or row_version in --json); the "
    "save is refused, changing nothing, if someone saved the record since. Without "
    "--expected-version the save does not check for concurrent edits."
)


def add_expected_version(parser) -> None:
    """The ``--expected-version N`` option of the commands that change a versioned record."""
    parser.add_argument("--expected-version", type=int, metavar="N", help=EXPECTED_VERSION_HELP)


def parse_point(text: str):
    """``2021/4`` → the point 4 of version 2021."""
    label, sep, number = (text or "").partition("/")
    if not sep:
        raise CommandError(f"Name the point as VERSION/NUMBER, such as 2021/4, not {text!r}.")
    return get_point(label, number)


def parse_day(text):
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD).") from exc


def find_body(slug: str) -> ReportingBody:
    body = ReportingBody.objects.filter(slug=slug).first()
    if body is None:
        slugs = ", ".join(ReportingBody.objects.values_list("slug", flat=True))
        raise CommandError(f"No reporting body {slug!r}; the bodies are {slugs}.")
    return body


class Command(NapmonCommand):
    help = (
        "Actions and milestones: list, show, add, update, milestone, milestone-update, "
        "complete, demo."
    )
    json_option = False

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        lister = sub.add_parser("list", help="actions with their milestones")
        lister.add_argument("--point", help="VERSION/NUMBER, such as 2021/4")
        lister.add_argument("--version", dest="plan_version", help="plan version, such as 2021")
        lister.add_argument("--body", help="reporting body slug, such as punjab")
        lister.add_argument("--overdue", action="store_true", help="overdue ones only")
        lister.add_argument("--public", action="store_true", help="what the public sees")
        lister.add_argument("--json", action="store_true", help="print JSON for scripts")
        show = sub.add_parser("show", help="an action with its milestones and row versions")
        show.add_argument("id", type=int, help="the action")
        show.add_argument("--json", action="store_true", help="print the action as JSON")
        add = sub.add_parser("add", help="record an action")
        add.add_argument("--point", required=True, help="VERSION/NUMBER")
        add.add_argument("--body", required=True, help="owner body slug")
        add.add_argument("--title", required=True)
        add.add_argument("--description", default="")
        self._fields(add)
        update = sub.add_parser("update", help="change an action")
        update.add_argument("id", type=int)
        update.add_argument("--title")
        update.add_argument("--description")
        self._fields(update)
        update.add_argument("--unpublish", action="store_true", help="take off the public page")
        add_expected_version(update)
        update.add_argument("--json", action="store_true", help="print the action as JSON")
        milestone = sub.add_parser("milestone", help="add a milestone to an action")
        milestone.add_argument("id", type=int, help="the action")
        milestone.add_argument("--title", required=True)
        milestone.add_argument("--due", required=True, help="YYYY-MM-DD")
        milestone.add_argument("--note", default="")
        edit = sub.add_parser("milestone-update", help="change a milestone's title or due date")
        edit.add_argument("id", type=int, help="the milestone")
        edit.add_argument("--title")
        edit.add_argument("--due", help="YYYY-MM-DD")
        edit.add_argument("--note")
        add_expected_version(edit)
        edit.add_argument("--json", action="store_true", help="print the action as JSON")
        complete = sub.add_parser("complete", help="mark a milestone done")
        complete.add_argument("id", type=int, help="the milestone")
        complete.add_argument("--on", help="YYYY-MM-DD (default: today)")
        complete.add_argument("--evidence", default="", help="evidence link")
        complete.add_argument("--report", type=int, help="the monthly report that says so")
        add_expected_version(complete)
        complete.add_argument("--json", action="store_true", help="print the action as JSON")
        sub.add_parser("demo", help="add two demo actions (marked demo, never public)")

    @staticmethod
    def _fields(parser):
        parser.add_argument("--due", help="YYYY-MM-DD")
        parser.add_argument("--status", choices=STATUSES)
        parser.add_argument("--percent", type=int, help="0 to 100 (leave out when not known)")
        parser.add_argument("--evidence", action="append", help="evidence link (repeatable)")
        parser.add_argument("--publish", action="store_true", help="show on the public page")

    def handle(self, *args, **options):
        return getattr(self, "do_" + options["action"].replace("-", "_"))(options)

    def do_list(self, options):
        filters = {
            "version": options.get("plan_version"),
            "body": options.get("body"),
            "overdue": options["overdue"],
        }
        if options.get("point"):
            point = parse_point(options["point"])
            filters.update(version=point.version.label, point=point.number)
        rows = service.list_actions(None, everything=not options["public"], **filters)
        if options["json"]:
            return self.emit_json(rows)
        table = [
            (
                r["id"],
                f"{r['version']}/{r['point']}",
                r["body"],
                r["title"][:50],
                r["due_date"] or "-",
                r["status"],
                "unknown" if r["percent_done"] is None else f"{r['percent_done']}%",
                r["overdue_milestones"],
                r["row_version"],
            )
            for r in rows
        ]
        headers = [
            "id",
            "point",
            "body",
            "title",
            "due",
            "status",
            "done",
            "overdue milestones",
            "row version",
        ]
        self.stdout.write(render_table(headers, table) if rows else "No action.")

    def do_show(self, options):
        row = service.action_dict(self._find(options["id"]))
        if options["json"]:
            return self.emit_json(row)
        done = "unknown" if row["percent_done"] is None else f"{row['percent_done']}%"
        self.stdout.write(
            f"Action {row['id']} ({row['version']}/{row['point']}, {row['body']}): "
            f"{row['title']}\nstatus {row['status']}, done {done}, "
            f"due {row['due_date'] or '-'}, row version {row['row_version']}\n"
        )
        table = [
            (m["id"], m["title"][:50], m["due_date"], m["done_on"] or "-", m["row_version"])
            for m in row["milestones"]
        ]
        headers = ["milestone", "title", "due", "done on", "row version"]
        self.stdout.write(render_table(headers, table) if table else "No milestone.")

    def _saved(self, options, action_id: int, text: str) -> None:
        """Print the action as JSON (``--json``, the API's shape) or ``text``."""
        if options.get("json"):
            return self.emit_json(service.action_dict(self._find(action_id)))
        self.stdout.write(text)

    def _values(self, options) -> dict:
        values = {}
        if options.get("due"):
            values["due_date"] = parse_day(options["due"])
        if options.get("status"):
            values["status"] = options["status"]
        if options.get("percent") is not None:
            values["percent_done"] = options["percent"]
        if options.get("evidence"):
            values["evidence_links"] = "\n".join(options["evidence"])
        if options.get("publish"):
            values["published"] = True
        return values

    def do_add(self, options):
        action = service.create_action(
            parse_point(options["point"]),
            find_body(options["body"]),
            title=options["title"],
            description=options["description"],
            **self._values(options),
        )
        self.stdout.write(f"Recorded action {action.pk}: {action.title}.")

    def do_update(self, options):
        action = self._find(options["id"])
        values = self._values(options)
        for name in ("title", "description"):
            if options.get(name) is not None:
                values[name] = options[name]
        if options.get("unpublish"):
            values["published"] = False
        action = service.update_action(
            action, expected_version=options.get("expected_version"), **values
        )
        text = (
            f"Saved action {action.pk} ({action.get_status_display()}), "
            f"row version {action.version}."
        )
        return self._saved(options, action.pk, text)

    def do_milestone(self, options):
        milestone = service.add_milestone(
            self._find(options["id"]),
            title=options["title"],
            due_date=parse_day(options["due"]),
            note=options["note"],
        )
        self.stdout.write(
            f"Added milestone {milestone.pk}, due {milestone.due_date}, "
            f"row version {milestone.version}."
        )

    def do_milestone_update(self, options):
        milestone = self._milestone(options["id"])
        values = {}
        if options.get("title") is not None:
            values["title"] = options["title"]
        if options.get("due") is not None:
            values["due_date"] = parse_day(options["due"])
        if options.get("note") is not None:
            values["note"] = options["note"]
        if not values:
            raise CommandError("Give what to change: --title, --due or --note.")
        milestone = service.update_milestone(
            milestone, expected_version=options.get("expected_version"), **values
        )
        text = (
            f"Saved milestone {milestone.pk}, due {milestone.due_date}, "
            f"row version {milestone.version}."
        )
        return self._saved(options, milestone.action_id, text)

    def _milestone(self, pk: int) -> Milestone:
        milestone = Milestone.objects.select_related("action__body").filter(pk=pk).first()
        if milestone is None:
            raise CommandError(f"No milestone {pk}.")
        return milestone

    def do_complete(self, options):
        milestone = self._milestone(options["id"])
        report = None
        if options.get("report"):
            report = Report.objects.filter(pk=options["report"]).first()
            if report is None:
                raise CommandError(f"No report {options['report']}.")
        milestone = service.complete_milestone(
            milestone,
            done_on=parse_day(options.get("on")),
            evidence_url=options["evidence"],
            report=report,
            expected_version=options.get("expected_version"),
        )
        text = (
            f"Milestone {milestone.pk} done on {milestone.done_on}, "
            f"row version {milestone.version}."
        )
        return self._saved(options, milestone.action_id, text)

    def do_demo(self, options):
        point = get_point("2021", 4)
        today = timezone.localdate()
        made = 0
        for slug, title in (
            ("punjab", "(demo) Train investigators of the Counter-Terrorism Department"),
            ("khyber-pakhtunkhwa", "(demo) Open a forensic laboratory"),
        ):
            if Action.objects.filter(is_demo=True, title=title).exists():
                continue
            action = service.create_action(
                point,
                find_body(slug),
                title=title,
                due_date=today.replace(month=12, day=31),
                status=Action.Status.IN_PROGRESS,
                is_demo=True,
            )
            service.add_milestone(
                action, title="(demo) First step", due_date=today - dt.timedelta(days=20)
            )
            service.add_milestone(
                action, title="(demo) Second step", due_date=today + dt.timedelta(days=40)
            )
            made += 1
        self.stdout.write(f"Added {made} demo action(s); they are marked demo and never public.")

    def _find(self, pk: int) -> Action:
        action = Action.objects.select_related("body", "point__version").filter(pk=pk).first()
        if action is None:
            raise CommandError(f"No action {pk}.")
        return action
