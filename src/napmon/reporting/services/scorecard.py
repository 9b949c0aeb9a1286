"""Ratings per point and province with the raters side by side, and recording them.

A rating belongs to a point, a geography (Pakistan for the national rating, or
a province or territory) and a kind of rater: the body's self-assessment, the
coordinating authority's review, or an independent source such as ISSRA. The
scorecard never merges raters into one "latest rating": it shows each kind's
latest rating in its own column, with its decision date, rater and evidence.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from napmon.core import geography, roles
from napmon.core.audit import snapshot
from napmon.indicators.models import RaterKind, Rating, Source, Visibility
from napmon.reporting import signals
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Assignment
from napmon.reporting.services._common import audit, require, send_after_commit

RATINGS = ("satisfactory", "mixed", "unsatisfactory")
RATER_KINDS = [kind for kind, _label in RaterKind.choices]


def _self_source(body) -> Source:
    source, _created = Source.objects.get_or_create(
        key=f"self-assessment-{body.slug}"[:80],
        defaults={
            "kind": Source.Kind.OFFICIAL,
            "publisher": body.name,
            "title": f"Self-assessments of {body.name}",
        },
    )
    return source


def _check_self_assessment(actor, point, body, geo) -> None:
    if body is None:
        raise ReportingError(
            _("Only a reporting body's own reporters can record its self-assessment."),
            code="permission_denied",
        )
    if body.geography != geo:
        raise ReportingError(
            _("%(body)s can assess only its own province or territory.") % {"body": body},
            code="wrong_geography",
            field="geography",
        )
    if not Assignment.objects.filter(body=body, point=point, active=True).exists():
        raise ReportingError(
            _("%(body)s does not report on %(point)s.") % {"body": body, "point": point},
            code="not_assigned",
            field="point",
        )


def _validate(rating, geo, rater_kind, rationale, decided_on) -> None:
    if rating not in RATINGS:
        raise ReportingError(
            _("Choose satisfactory, mixed or unsatisfactory."),
            code="invalid_rating",
            field="rating",
        )
    if geo not in geography.BY_CODE:
        raise ReportingError(
            _("%(geo)s is not a province, territory or Pakistan.") % {"geo": geo},
            code="invalid_geography",
            field="geography",
        )
    if rater_kind not in RATER_KINDS:
        raise ReportingError(
            _("Choose who rated: self-assessment, coordinating authority or independent source."),
            code="invalid_rater_kind",
            field="rater_kind",
        )
    if not (rationale or "").strip():
        raise ReportingError(
            _("Give the rationale for the rating."), code="rationale_required", field="rationale"
        )
    if decided_on is None or decided_on > timezone.localdate():
        raise ReportingError(
            _("Give the day the rating was decided; it cannot be in the future."),
            code="invalid_date",
            field="decided_on",
        )


def record_point_rating(
    point,
    *,
    geography_code: str,
    rater_kind: str,
    rating: str,
    decided_on: date,
    rationale: str,
    source: Source | None = None,
    rater: str = "",
    evidence_links: str = "",
    actor=None,
) -> Rating:
    """Record one rater's rating of a point for a province (or Pakistan), dated by its decision.

    Coordinators and reviewers (``record_rating``) record any kind and must cite a
    source unless it is a self-assessment; a body's reporters record only their
    own self-assessment, for their province and their assigned points.
    Raises ``ReportingError``: ``permission_denied``, ``invalid_rating``,
    ``invalid_geography``, ``invalid_rater_kind``, ``rationale_required``,
    ``invalid_date``, ``source_required``, ``wrong_geography``, ``not_assigned``,
    ``exists`` (this source already rated the point for that place that day).
    """
    _validate(rating, geography_code, rater_kind, rationale, decided_on)
    body = roles.body_of(actor) if actor is not None else None
    if actor is not None and not actor.has_perm(roles.RECORD_RATING):
        require(actor, roles.SUBMIT)
        if rater_kind != RaterKind.SELF:
            raise ReportingError(
                _("Reporters can record only their body's self-assessment."),
                code="permission_denied",
            )
        _check_self_assessment(actor, point, body, geography_code)
    if rater_kind == RaterKind.SELF and source is None:
        if body is None:
            raise ReportingError(
                _("Cite the source of the self-assessment."),
                code="source_required",
                field="source",
            )
        source = _self_source(body)
        rater = rater or body.name
    if source is None:
        raise ReportingError(
            _("Cite the source of the rating."), code="source_required", field="source"
        )
    with transaction.atomic():
        if Rating.objects.filter(
            point=point, date=decided_on, source=source, geography=geography_code
        ).exists():
            raise ReportingError(
                _("%(source)s already rated this point for this place on that day.")
                % {"source": source.short_citation()},
                code="exists",
            )
        row = Rating.objects.create(
            point=point,
            geography=geography_code,
            rater_kind=rater_kind,
            rating=rating,
            date=decided_on,
            rationale=rationale.strip(),
            source=source,
            rater=rater.strip(),
            evidence_links=evidence_links.strip(),
            visibility=Visibility.PUBLIC,
        )
        audit("indicators.rating.created", row, actor, {"new": snapshot(row)})
        send_after_commit(signals.point_rating_recorded, Rating, instance=row, actor=actor)
    return row


def geographies_rated(version) -> list[str]:
    """Pakistan first, then each province or territory with a body or a rating, in order."""
    codes = {geography.NATIONAL}
    codes |= set(Rating.objects.filter(point__version=version).values_list("geography", flat=True))
    codes |= set(
        Assignment.objects.filter(active=True, point__version=version).values_list(
            "body__geography", flat=True
        )
    )
    return [unit.code for unit in geography.UNITS if unit.code in codes]


def scorecard(version, *, geography_code: str | None = None, public_only: bool = True):
    """Each point of ``version`` by geography (national row first), raters side by side.

    Returns ``{"kinds": [...], "rows": [{"point", "geography", "geography_name",
    "national", "cells": {kind: Rating | None}}]}``; a missing rating is ``None``
    (shown as "not rated", never as a rating).
    """
    ratings = Rating.objects.filter(point__version=version).select_related("source")
    if public_only:
        ratings = ratings.filter(visibility=Visibility.PUBLIC)
    latest: dict[tuple[int, str, str], Rating] = {}
    for r in ratings.order_by("date", "id"):
        latest[(r.point_id, r.geography, r.rater_kind)] = r
    codes = geographies_rated(version)
    if geography_code:
        codes = [c for c in codes if c in (geography_code, geography.NATIONAL)]
    rows = []
    for point in version.points.order_by("number"):
        for code in codes:
            cells = {kind: latest.get((point.pk, code, kind)) for kind in RATER_KINDS}
            if code != geography.NATIONAL and not any(cells.values()):
                assigned = Assignment.objects.filter(
                    point=point, body__geography=code, active=True
                ).exists()
                if not assigned:
                    continue
            rows.append(
                {
                    "point": point,
                    "geography": code,
                    "geography_name": geography.name_of(code),
                    "national": code == geography.NATIONAL,
                    "cells": [(kind, cells[kind]) for kind in RATER_KINDS],
                }
            )
    return {"kinds": RaterKind.choices, "rows": rows, "geographies": codes}
