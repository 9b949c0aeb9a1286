"""The reporting cycle as the API shows it: reports, reviews and rates as JSON-ready dicts.

The API never changes reporting records itself: writes go through
``napmon.reporting.services`` (which check permission, state and version). This module
finds records within the caller's scope, turns records into dicts, translates the API's
update payload into the services' form fields, and names the services' form fields the
way the API does (``values.12.value`` for ``value-12``).
"""

from __future__ import annotations

import re

from napmon.core import roles
from napmon.core.errors import NotFoundError
from napmon.indicators.models import Visibility
from napmon.plans.services.queries import rating_dict, source_dict
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import (
    Period,
    PointReview,
    Report,
    ReportedValue,
    ReportingBody,
    Review,
)
from napmon.reporting.services import get_period
from napmon.reporting.services.evidence_base import parse_half
from napmon.reporting.services.levels import asked_values

_FORM_FIELD = re.compile(r"^(progress|activities|bottlenecks|value|explanation)-(\d+)$")


def api_field(name: str | None) -> str | None:
    """The API's name for a service form field: ``value-12`` → ``values.12.value``."""
    match = _FORM_FIELD.match(name or "")
    if not match:
        return name
    kind, pk = match.groups()
    if kind in ("value", "explanation"):
        return f"values.{pk}.{kind}"
    return f"entries.{pk}.{kind}"


def sees_all_reports(user) -> bool:
    """Coordinators, reviewers, analysts and admins read every body's reports and reviews."""
    return bool(user is not None and user.has_perm(roles.VIEW_ALL))


# --- reports ---------------------------------------------------------------------------


def visible_reports(user, *, period: str | None = None, state: str | None = None):
    """The reports ``user`` may read (a reporter: their own body's), newest period first."""
    reports = roles.visible_reports(user, Report.objects.select_related("body", "period"))
    if period:
        reports = reports.filter(period__month=find_period(period).month)
    if state:
        reports = reports.filter(state=state)
    return reports


def find_report(user, report_id: int) -> Report:
    """The report, or ``NotFoundError`` when it does not exist *or* ``user`` may not read it
    (a reporter of another body learns nothing about it)."""
    report = (
        Report.objects.select_related("body", "period", "previous").filter(pk=report_id).first()
    )
    if report is None or not roles.can_view_body(user, report.body):
        raise NotFoundError(f"No report {report_id}.", code="report_not_found", field="report")
    return report


def find_period(label: str) -> Period:
    """The reporting period ``YYYY-MM``; raises ``ReportingError`` ``not_found`` or
    ``invalid_month``, naming the API's parameter ``period``."""
    try:
        return get_period(label)
    except ReportingError as exc:
        raise ReportingError(exc.message, code=exc.code, field="period") from exc


def body_for(user, slug: str | None) -> ReportingBody:
    """The body named by ``slug``, else the caller's own; raises ``NotFoundError``."""
    if slug:
        body = ReportingBody.objects.filter(slug=slug).first()
        if body is None:
            raise NotFoundError(f"No reporting body {slug!r}.", code="body_not_found", field="body")
        return body
    body = roles.body_of(user)
    if body is None:
        raise NotFoundError(
            "You do not belong to a reporting body; name one with body.",
            code="body_not_found",
            field="body",
        )
    return body


def report_row(report: Report) -> dict:
    return {
        "id": report.pk,
        "body": report.body.slug,
        "body_name": report.body.name,
        "period": report.period.label,
        "revision": report.revision,
        "state": report.state,
        "version": report.version,
        "is_demo": report.is_demo,
        "created_at": report.created_at,
        "submitted_at": report.submitted_at,
        "approved_at": report.approved_at,
    }


def _point_ref(point) -> dict:
    return {"version": point.version.label, "number": point.number, "title": point.title}


def report_detail(report: Report) -> dict:
    """The report with its entries, reported values (with flags) and comments."""
    entries = report.entries.select_related("point__version").prefetch_related("values__indicator")
    return {
        **report_row(report),
        "corrects": report.previous_id,
        "correction_reason": report.correction_reason,
        "entries": [
            {
                "id": entry.pk,
                "point": _point_ref(entry.point),
                "progress": entry.progress,
                "activities": entry.activities,
                "bottlenecks": entry.bottlenecks,
                "values": [
                    {
                        "id": rv.pk,
                        "indicator": rv.indicator.slug,
                        "indicator_name": rv.indicator.name,
                        "unit": rv.indicator.unit,
                        "value": None if rv.value is None else float(rv.value),
                        "explanation": rv.explanation,
                        "flags": rv.flags,
                    }
                    for rv in asked_values(report, entry.values.all())
                ],
            }
            for entry in entries
        ],
        "comments": [
            {
                "action": c.action,
                "text": c.text,
                "author": c.author.get_username() if c.author else None,
                "created_at": c.created_at,
            }
            for c in report.comments.select_related("author")
        ],
    }


def form_data(report: Report, entries: list[dict], values: list[dict]) -> dict:
    """The service's form fields for an update naming entries and values by id.

    Only the fields present in the payload are passed on, so the rest keep their
    content. Raises ``NotFoundError`` for an id that is not part of this report.
    """
    entry_ids = set(report.entries.values_list("pk", flat=True))
    value_ids = {rv.pk: rv for rv in _reported_values(report)}
    data: dict = {}
    for item in entries:
        if item["id"] not in entry_ids:
            raise NotFoundError(
                f"Report {report.pk} has no entry {item['id']}.",
                code="entry_not_found",
                field="entries",
            )
        for name in ("progress", "activities", "bottlenecks"):
            if name in item:
                data[f"{name}-{item['id']}"] = item[name] or ""
    for item in values:
        rv = value_ids.get(item["id"])
        if rv is None:
            raise NotFoundError(
                f"Report {report.pk} has no value {item['id']}.",
                code="value_not_found",
                field="values",
            )
        if "value" in item:
            data[rv.field_name] = item["value"]
        if "explanation" in item:
            data[rv.explanation_field_name] = item["explanation"] or ""
    return data


def _reported_values(report: Report):
    return ReportedValue.objects.filter(entry__report=report)


def warnings_list(errors: dict) -> list[dict]:
    """``{form field: [messages]}`` as ``[{field, message}]`` with the API's field names."""
    return [
        {"field": api_field(name), "message": message}
        for name, messages in errors.items()
        for message in messages
    ]


# --- periods and rates -----------------------------------------------------------------


def period_row(period: Period) -> dict:
    return {
        "label": period.label,
        "state": period.state,
        "deadline": period.deadline,
        "locks_on": period.locks_on,
    }


# --- reviews ---------------------------------------------------------------------------


def visible_reviews(internal: bool):
    """All reviews for internal readers; finalised ones only for everyone else."""
    reviews = Review.objects.select_related("source").prefetch_related("points")
    return reviews if internal else reviews.filter(state=Review.State.FINALISED)


def find_review(label: str, internal: bool) -> Review:
    """The review ``YYYY-H1``; an open review is ``NotFoundError`` for the public."""
    year, half = parse_half(label)
    review = visible_reviews(internal).filter(year=year, half=half).first()
    if review is None:
        raise NotFoundError(f"No review {label}.", code="review_not_found", field="review")
    return review


def review_row(review: Review) -> dict:
    rows = list(review.points.all())
    return {
        "label": review.label,
        "year": review.year,
        "half": review.half,
        "state": review.state,
        "opened_at": review.opened_at,
        "finalised_at": review.finalised_at,
        "points": len(rows),
        "rated": sum(1 for r in rows if r.rating),
        "dissents": sum(1 for r in rows if r.dissent.strip()),
        "source": source_dict(review.source) if review.source_id else None,
    }


def _point_review(row: PointReview, internal: bool) -> dict:
    final = row.published
    if final is not None and final.visibility != Visibility.PUBLIC and not internal:
        final = None
    item = {
        "point": _point_ref(row.point),
        "rating": row.rating or None,
        "rationale": row.rationale,
        "has_dissent": bool(row.dissent.strip()),
        "final": rating_dict(final),
    }
    if internal:
        # The proposal rests on every indicator value, restricted ones included.
        item.update(
            proposed=row.proposed or None,
            proposal=row.proposal,
            dissent=row.dissent,
            evidence_links=row.evidence_links,
            recorded_at=row.recorded_at,
            recorded_by=row.recorded_by.get_username() if row.recorded_by else None,
        )
    return item


def review_detail(review: Review, internal: bool) -> dict:
    """The review with each point's proposed (internal only), recorded and final rating."""
    rows = review.points.select_related(
        "point__version", "recorded_by", "published__source__cited_in"
    )
    return {**review_row(review), "ratings": [_point_review(r, internal) for r in rows]}
