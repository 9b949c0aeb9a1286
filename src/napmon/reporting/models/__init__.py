"""Models of the reporting cycle: bodies, periods, monthly reports, six-monthly reviews."""

from napmon.reporting.models.actions import Action, Funding, Milestone
from napmon.reporting.models.bodies import Assignment, BodyMembership, IndicatorRule, ReportingBody
from napmon.reporting.models.notices import Notice
from napmon.reporting.models.periods import Period
from napmon.reporting.models.reports import (
    Evidence,
    Report,
    ReportComment,
    ReportedValue,
    ReportEntry,
)
from napmon.reporting.models.reviews import PointReview, ProvinceRating, Review

__all__ = [
    "Action",
    "Funding",
    "Milestone",
    "Assignment",
    "BodyMembership",
    "Evidence",
    "IndicatorRule",
    "Notice",
    "Period",
    "PointReview",
    "ProvinceRating",
    "Report",
    "ReportComment",
    "ReportEntry",
    "ReportedValue",
    "Review",
    "ReportingBody",
]
