"""Which indicators a reporting body is asked for: one rule for the form, API and services.

An indicator declares ``reported_by`` (see ``Indicator.ReportedBy``): every body on
the point, federal bodies only (a national figure such as the Azm-e-Istehkam
allocation), or provincial and territorial bodies only. A body whose geography is
Pakistan is federal; any other is provincial or territorial.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from napmon.core import geography
from napmon.indicators.models import Indicator
from napmon.reporting.errors import ReportingError


def is_federal(body) -> bool:
    return body.geography == geography.NATIONAL


def asks(body, indicator) -> bool:
    """Whether ``body``'s monthly report asks for ``indicator``."""
    level = indicator.reported_by
    if level == Indicator.ReportedBy.NATIONAL:
        return is_federal(body)
    if level == Indicator.ReportedBy.PROVINCIAL:
        return not is_federal(body)
    return True


def refuse(body, indicator, field: str) -> ReportingError:
    """The error for a figure ``body`` is not asked for; it names the indicator (the
    field's label) and carries the form field, which the API turns into its own name."""
    if indicator.reported_by == Indicator.ReportedBy.NATIONAL:
        text = _(
            "%(indicator)s is a national figure reported by federal bodies; %(body)s is not "
            "asked for it; leave this figure out."
        )
    else:
        text = _(
            "%(indicator)s is reported by provincial and territorial bodies; %(body)s is not "
            "asked for it; leave this figure out."
        )
    return ReportingError(
        text % {"indicator": indicator.name, "body": body.name},
        code="not_asked",
        field=field,
    )


def asked_values(report, values):
    """The reported values of ``report`` among ``values`` that its body is asked for."""
    return [rv for rv in values if asks(report.body, rv.indicator)]
