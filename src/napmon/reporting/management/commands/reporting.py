"""`napmon reporting ...`: periods, reminders and rates from the command line (and cron)."""

from datetime import date

from django.utils import timezone

from napmon.core.cli_support import NapmonCommand, render_table
from napmon.reporting import services
from napmon.reporting.models import Period
from napmon.reporting.services import reminders


class Command(NapmonCommand):
    help = (
        "Reporting cycle: open-period, open-due-periods, lock-due-periods, remind, "
        "due-notices, digest, rates."
    )
    json_option = False

    def add_arguments(self, parser):
        super().add_arguments(parser)
        sub = parser.add_subparsers(dest="action", required=True)
        opener = sub.add_parser("open-period", help="open the reporting period YYYY-MM")
        opener.add_argument("month")
        reopen = sub.add_parser("reopen-period", help="reopen a locked period YYYY-MM")
        reopen.add_argument("month")
        sub.add_parser("open-due-periods", help="for cron: open this month, lock expired periods")
        sub.add_parser("lock-due-periods", help="lock periods whose lock day has passed")
        remind = sub.add_parser("remind", help="e-mail bodies that have not submitted")
        remind.add_argument("--period", help="YYYY-MM (default: every open period)")
        notices = sub.add_parser(
            "due-notices", help="for cron: in-app notices of due, late and overdue reports"
        )
        notices.add_argument("--today", help="YYYY-MM-DD (default: today)")
        sub.add_parser("digest", help="for cron: e-mail each user a summary of unread notices")
        rates = sub.add_parser("rates", help="reporting rates of a period")
        rates.add_argument("--period", help="YYYY-MM (default: the latest period)")
        rates.add_argument("--json", action="store_true", help="print JSON for scripts")

    def handle(self, *args, **options):
        handler = getattr(self, "do_" + options["action"].replace("-", "_"))
        return handler(options)

    def do_open_period(self, options):
        period = services.open_period(options["month"])
        self.stdout.write(
            f"Opened {period.label}: deadline {period.deadline}, locks after {period.locks_on}."
        )

    def do_reopen_period(self, options):
        period = services.reopen_period(services.get_period(options["month"]))
        self.stdout.write(f"Reopened {period.label} until {period.locks_on}.")

    def do_open_due_periods(self, options):
        result = services.open_due_periods()
        opened = result["opened"]
        self.stdout.write(f"Opened {opened.label}." if opened else "No period to open.")
        self._locked(result["locked"])

    def do_lock_due_periods(self, options):
        self._locked(services.lock_due_periods())

    def _locked(self, periods):
        labels = ", ".join(p.label for p in periods)
        self.stdout.write(f"Locked {labels}." if periods else "No period to lock.")

    def do_remind(self, options):
        if options.get("period"):
            periods = [services.get_period(options["period"])]
        else:
            periods = list(Period.objects.filter(state=Period.State.OPEN))
        for period in periods:
            sent = services.send_reminders(period)
            self.stdout.write(f"{period.label}: {sent} reminder(s) sent.")

    def do_due_notices(self, options):
        today = date.fromisoformat(options["today"]) if options.get("today") else None
        counts = reminders.write_due_notices(today=today)
        self.stdout.write(
            f"Notices written: due {counts['due']}, late {counts['late']}, "
            f"overdue {counts['overdue']}."
        )

    def do_digest(self, options):
        result = reminders.send_digest()
        self.stdout.write(
            f"Digest: {result['emails']} e-mail(s) with {result['notices']} notice(s) sent."
        )

    def do_rates(self, options):
        if options.get("period"):
            period = services.get_period(options["period"])
        else:
            period = Period.objects.order_by("-month").first()
            if period is None:
                self.stdout.write("No reporting period has been opened.")
                return
        rates = services.reporting_rates(period, today=timezone.localdate())
        if options.get("json"):
            return self.emit_json(services.rates_document(rates))
        self.stdout.write(
            f"{period.label} (deadline {period.deadline}): expected {rates['expected']}, "
            f"submitted {rates['submitted']}, on time {rates['on_time']}, "
            f"approved {rates['approved']}"
        )
        rows = [
            (
                r["body"].name,
                r["state"] or "-",
                "yes" if r["on_time"] else "no",
                "late" if r["late"] else "",
            )
            for r in rates["bodies"]
        ]
        self.stdout.write(render_table(["body", "state", "on time", ""], rows))
