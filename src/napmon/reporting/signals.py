"""Signals of the reporting cycle, sent after the transaction that made the change commits.

Each is sent with ``sender`` the model class and ``instance`` the record, plus
``actor`` (the user or ``None`` for the system). Receivers run after commit, so
they see the saved state and a failing receiver cannot undo the change.
"""

from django.dispatch import Signal

period_opened = Signal()
"""A reporting period was opened or reopened (``instance``: the Period)."""
period_locked = Signal()
"""A reporting period locked (``instance``: the Period)."""
report_created = Signal()
"""A report (or a correcting revision) was created (``instance``: the Report)."""
report_submitted = Signal()
"""A report was submitted for review."""
report_returned = Signal()
"""A reviewer returned a report with comments (``comment``: the text)."""
report_approved = Signal()
"""A reviewer approved a report; it is frozen from now on."""
reminders_sent = Signal()
"""Reminder e-mails went out (``instance``: the Period, ``count``: how many)."""
review_opened = Signal()
"""A six-monthly review was opened (``instance``: the Review)."""
rating_recorded = Signal()
"""A reviewer recorded a point's rating (``instance``: the PointReview)."""
review_finalised = Signal()
"""A review was finalised and its ratings published (``instance``: the Review)."""
point_rating_recorded = Signal()
"""A rater's rating of a point for a province or Pakistan was recorded (``instance``: Rating)."""
target_set = Signal()
"""A coordinator set an indicator's baseline and target (``instance``: the Indicator)."""
report_first_approved = Signal()
"""A body's own reviewer gave the first of two approvals (``instance``: the Report)."""
action_changed = Signal()
"""An action was created or changed (``instance``: the Action)."""
milestone_changed = Signal()
"""A milestone was added, changed or completed (``instance``: the Milestone)."""
funding_recorded = Signal()
"""A funding figure was recorded, changed or removed (``instance``: the Funding)."""
