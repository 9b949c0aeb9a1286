"""Proposing likely cross-dataset duplicates for a person to confirm; never merging."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from napmon.core.audit import log_action
from napmon.events.errors import EventImportError
from napmon.events.models import CandidateMatch, Event
from napmon.events.names import name_key


def _casualty_similarity(a: int | None, b: int | None) -> float:
    if a is None or b is None:
        return 0.5 if a is None and b is None else 0.25
    return 1 - abs(a - b) / max(a, b, 1)


def score_pair(left: dict, right: dict, days: int) -> tuple[float, list[str]]:
    """How alike two events are (0..1) and why: date, place and casualty closeness."""
    gap = abs((left["date"] - right["date"]).days)
    reasons = [f"{gap} day(s) apart"]
    same_province = left["province_id"] and left["province_id"] == right["province_id"]
    same_city = left["city"] and left["city"] == right["city"]
    if same_city:
        reasons.append("same city")
    elif same_province:
        reasons.append("same province")
    similarity = _casualty_similarity(left["killed"], right["killed"])
    reasons.append(f"killed {left['killed']} vs {right['killed']}")
    place = 1.0 if same_city else 0.6 if same_province else 0.0
    score = 0.4 * (1 - gap / (days + 1)) + 0.3 * place + 0.3 * similarity
    return round(score, 3), reasons


def propose_matches(*, days: int = 2, min_score: float = 0.6, filters: dict | None = None) -> int:
    """Propose pairs of active events from different datasets that may be one incident.

    Pairs are within ``days`` of each other and in the same province or city;
    those scoring at least ``min_score`` become ``CandidateMatch`` rows with
    status proposed (existing pairs, whatever their status, are left alone).
    Returns the number of new proposals. Raises ``EventImportError``
    (invalid_value) for negative ``days``.
    """
    if days < 0:
        raise EventImportError("days must be 0 or more.", code="invalid_value", field="days")
    query = Event.objects.filter(status=Event.Status.ACTIVE, **(filters or {}))
    by_date = defaultdict(list)
    for row in query.values("id", "dataset_id", "date", "province_id", "city", "killed"):
        row["city"] = name_key(row["city"])
        by_date[row["date"]].append(row)
    existing = set(CandidateMatch.objects.values_list("left_id", "right_id"))
    proposals = []
    for day in sorted(by_date):
        for offset in range(days + 1):
            for left in by_date[day]:
                for right in by_date.get(day + timedelta(days=offset), ()):
                    pair = (min(left["id"], right["id"]), max(left["id"], right["id"]))
                    if left["dataset_id"] == right["dataset_id"] or pair in existing:
                        continue
                    if not (
                        (left["city"] and left["city"] == right["city"])
                        or (left["province_id"] and left["province_id"] == right["province_id"])
                    ):
                        continue
                    score, reasons = score_pair(left, right, days)
                    existing.add(pair)
                    if score >= min_score:
                        proposals.append(
                            CandidateMatch(
                                left_id=pair[0], right_id=pair[1], score=score, reasons=reasons
                            )
                        )
    with transaction.atomic():
        CandidateMatch.objects.bulk_create(proposals, batch_size=1000)
        if proposals:
            log_action(
                "events.matches.proposed",
                object_type="events.candidatematch",
                changes={"proposed": len(proposals), "days": days},
            )
    return len(proposals)


def decide_match(match_id: int, status: str, *, user=None) -> CandidateMatch:
    """Confirm or reject a proposed match (audited). Events are never merged.

    Raises ``EventImportError`` (not_found, invalid_value).
    """
    if status not in (CandidateMatch.Status.CONFIRMED, CandidateMatch.Status.REJECTED):
        raise EventImportError(
            "Status must be confirmed or rejected.", code="invalid_value", field="status"
        )
    with transaction.atomic():
        match = CandidateMatch.objects.select_for_update().filter(pk=match_id).first()
        if match is None:
            raise EventImportError(
                f"There is no candidate match {match_id}.", code="not_found", field="match"
            )
        old = match.status
        match.status = status
        match.decided_by = user if getattr(user, "is_authenticated", False) else None
        match.decided_at = timezone.now()
        match.save(update_fields=["status", "decided_by", "decided_at"])
        log_action("events.match.decided", obj=match, actor=user, changes={"status": [old, status]})
    return match
