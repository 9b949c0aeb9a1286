"""In-app notices to a body's reporters when their report is returned or approved.

Receivers of the past-tense workflow signals (connected in ``ReportingConfig.ready``)
write the notices; ``mark_notices_read`` is the only other change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from napmon.reporting.models import Notice
from napmon.reporting.services._common import audit


def _notify_body(report, kind: str, text: str) -> int:
    """Write ``text`` (already in the site's language, see ``_in_site_language``)."""
    users = [m.user for m in report.body.members.select_related("user")]
    Notice.objects.bulk_create(
        [Notice(user=u, kind=kind, text=text[:300], report=report) for u in users]
    )
    return len(users)


def _in_site_language(func):
    """Notices are stored text, written in the site's language (LANGUAGE_CODE), never in
    the language of whoever happened to act (a reviewer reading in Urdu)."""

    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


@_in_site_language
def on_report_returned(sender, instance, comment="", **kwargs):
    """Tell the body's reporters their report came back, with the reviewer's comment."""
    _notify_body(
        instance,
        "returned",
        _("Your report for %(period)s was returned: %(comment)s")
        % {"period": instance.period.label, "comment": comment},
    )


@_in_site_language
def on_report_approved(sender, instance, **kwargs):
    """Tell the body's reporters their report was approved."""
    _notify_body(
        instance,
        "approved",
        _("Your report for %(period)s was approved.") % {"period": instance.period.label},
    )


def unread_count(user) -> int:
    return Notice.objects.filter(user=user, read_at=None).count()


def mark_notices_read(user) -> int:
    """Mark every unread notice of ``user`` read; returns how many (audited)."""
    with transaction.atomic():
        count = Notice.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
        if count:
            audit("reporting.notices.read", user, user, {"count": count})
    return count
