"""Proposing likely cross-dataset duplicates for a person to confirm; never merging."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
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


PAGE_SIZE = 5000
CREATE_BATCH = 1000


def _active_events(filters: dict | None) -> Iterator[dict]:
    """Active events in (date, id) order, read a page at a time (keyset pagination)."""
    query = Event.objects.filter(status=Event.Status.ACTIVE, **(filters or {})).order_by(
        "date", "id"
    )
    fields = ("id", "dataset_id", "date", "province_id", "city", "killed")
    after = None
    while True:
        page = query
        if after is not None:
            page = query.filter(Q(date__gt=after[0]) | Q(date=after[0], id__gt=after[1]))
        rows = list(page.values(*fields)[:PAGE_SIZE])
        for row in rows:
            row["city"] = name_key(row["city"])
            yield row
        if len(rows) < PAGE_SIZE:
            return
        after = (rows[-1]["date"], rows[-1]["id"])


class _Window:
    """The events of the last ``days`` days, blocked by province and by city.

    Each block is a deque in (date, id) order; an event leaves every block when
    it leaves the window, so memory holds only the window, however many events
    there are.
    """

    def __init__(self, days: int):
        self.span = timedelta(days=days)
        self.events: deque[dict] = deque()
        self.by_province: dict[int, deque[dict]] = defaultdict(deque)
        self.by_city: dict[str, deque[dict]] = defaultdict(deque)

    def _leave(self, blocks: dict, key) -> None:
        block = blocks[key]
        block.popleft()  # the oldest of its block, as it is the oldest of all
        if not block:
            del blocks[key]

    def advance(self, day) -> None:
        """Drop the events more than ``days`` before ``day``."""
        while self.events and self.events[0]["date"] < day - self.span:
            old = self.events.popleft()
            if old["province_id"]:
                self._leave(self.by_province, old["province_id"])
            if old["city"]:
                self._leave(self.by_city, old["city"])

    def neighbours(self, event: dict) -> Iterator[dict]:
        """Events in the window in the same province or the same city, each once."""
        province = event["province_id"]
        if province and province in self.by_province:
            yield from self.by_province[province]
        city = event["city"]
        if city and city in self.by_city:
            for other in self.by_city[city]:
                if not (province and other["province_id"] == province):
                    yield other

    def add(self, event: dict) -> None:
        self.events.append(event)
        if event["province_id"]:
            self.by_province[event["province_id"]].append(event)
        if event["city"]:
            self.by_city[event["city"]].append(event)


def propose_matches(*, days: int = 2, min_score: float = 0.6, filters: dict | None = None) -> int:
    """Propose pairs of active events from different datasets that may be one incident.

    Pairs are within ``days`` of each other and in the same province or city;
    those scoring at least ``min_score`` become ``CandidateMatch`` rows with
    status proposed (existing pairs, whatever their status, are left alone).
    In each pair's reasons the earlier event (by date, then id) comes first.
    Events are read in date order through a sliding window of ``days`` days,
    so memory holds one window, not every event. Returns the number of new
    proposals. Raises ``EventImportError`` (invalid_value) for negative ``days``.
    """
    if days < 0:
        raise EventImportError("days must be 0 or more.", code="invalid_value", field="days")
    existing = set(CandidateMatch.objects.values_list("left_id", "right_id"))
    window = _Window(days)
    proposals: list[CandidateMatch] = []
    created = 0
    with transaction.atomic():
        for right in _active_events(filters):
            window.advance(right["date"])
            for left in window.neighbours(right):
                pair = (min(left["id"], right["id"]), max(left["id"], right["id"]))
                if left["dataset_id"] == right["dataset_id"] or pair in existing:
                    continue
                score, reasons = score_pair(left, right, days)
                if score >= min_score:
                    proposals.append(
                        CandidateMatch(
                            left_id=pair[0], right_id=pair[1], score=score, reasons=reasons
                        )
                    )
            window.add(right)
            if len(proposals) >= CREATE_BATCH:
                created += len(CandidateMatch.objects.bulk_create(proposals))
                proposals = []
        created += len(CandidateMatch.objects.bulk_create(proposals))
        if created:
            log_action(
                "events.matches.proposed",
                object_type="events.candidatematch",
                changes={"proposed": created, "days": days},
            )
    return created


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
