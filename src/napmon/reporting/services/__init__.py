"""Services of the reporting cycle. Views, commands and the demo call only these.

Each checks permission and state, writes inside ``transaction.atomic``, records
an audit entry, sends a past-tense signal after commit, and raises
``ReportingError`` with a stable code.
"""

from napmon.reporting.services.evidence import add_evidence, may_download, remove_evidence
from napmon.reporting.services.periods import (
    get_period,
    lock_due_periods,
    open_due_periods,
    open_period,
    reopen_period,
)
from napmon.reporting.services.rates import (
    completeness_by_province,
    rates_document,
    reporting_rates,
    send_reminders,
)
from napmon.reporting.services.reference import assign_point, seed_reference_data, unassign_point
from napmon.reporting.services.reports import correct_report, create_report, save_report
from napmon.reporting.services.reviews import (
    finalise_review,
    open_review,
    propose_ratings,
    rating_history,
    record_rating,
)
from napmon.reporting.services.workflow import approve_report, return_report, submit_report

__all__ = [
    "add_evidence",
    "approve_report",
    "assign_point",
    "correct_report",
    "create_report",
    "finalise_review",
    "get_period",
    "lock_due_periods",
    "may_download",
    "open_due_periods",
    "open_period",
    "open_review",
    "propose_ratings",
    "rating_history",
    "record_rating",
    "remove_evidence",
    "return_report",
    "reopen_period",
    "completeness_by_province",
    "rates_document",
    "reporting_rates",
    "save_report",
    "seed_reference_data",
    "send_reminders",
    "submit_report",
    "unassign_point",
]
