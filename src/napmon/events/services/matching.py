"""Proposing likely cross-dataset duplicates for a person to confirm; never merging."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from napmon.core.audit import log_action
from napmon.events.errors import EventImportError
from napmon.events.models import CandidateMatch, Event
from napmon.events.resolvers import PlaceNames


def _casualty_similarity(a: int | None, b: int | None) -> float:
    if a is None or b is None:
        return 0.5 if a is None and b is None else 0.25
    return 1 - abs(a - b) / max(a, b, 1)


def score_pair(left: dict, right: dict, days: int) -> tuple[float, list[str]]:
    """How alike two events are (0..1) and why: date, place and casualty closeness.

    Place: the same city (after ``PlaceNames`` folding) scores 1; the same province
    with a city missing on one side 0.6; the same province but two different named
    cities 0.3, as those are more likely two incidents.
    """
    gap = abs((left["date"] - right["date"]).days)
    reasons = [f"{gap} day(s) apart"]
    same_province = left["province_id"] and left["province_id"] == right["province_id"]
    same_city = left["city"] and left["city"] == right["city"]
    if same_city:
        reasons.append("same city")
        place = 1.0
    elif same_province and left["city"] and right["city"]:
        reasons.append("same province, different cities")
        place = 0.3
    elif same_province:
        reasons.append("same province")
        place = 0.6
    else:
        place = 0.0
    similarity = _casualty_similarity(left["killed"], right["killed"])
    reasons.append(f"killed {left['killed']} vs {right['killed']}")
    score = 0.4 * (1 - gap / (days + 1)) + 0.3 * place + 0.3 * similarity
    return round(score, 3), reasons


PAGE_SIZE = 5000
CREATE_BATCH = 1000


def _active_events(filters: dict | None, places: PlaceNames) -> Iterator[dict]:
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
            row["city"] = places.key(row["city"])
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


DEFAULT_MAX_CANDIDATES = 1


def _select(candidates: list, taken: Counter, cap: int | None) -> list:
    """The best-ranked candidates, at most ``cap`` per event and other dataset.

    ``candidates`` are ``(score, pair, reasons, datasets)``; the highest scores are
    taken first (ties: the earlier pair), so each event keeps its best matches.
    """
    candidates.sort(key=lambda c: (-c[0], c[1]))
    chosen = []
    for score, pair, reasons, (left_dataset, right_dataset) in candidates:
        slots = ((pair[0], right_dataset), (pair[1], left_dataset))
        if cap is not None and any(taken[slot] >= cap for slot in slots):
            continue
        for slot in slots:
            taken[slot] += 1
        chosen.append(
            CandidateMatch(left_id=pair[0], right_id=pair[1], score=score, reasons=reasons)
        )
    return chosen


def _existing() -> tuple[set, Counter]:
    """Pairs already proposed or decided, and how many each event has per other dataset."""
    pairs, taken = set(), Counter()
    rows = CandidateMatch.objects.values_list(
        "left_id", "right_id", "left__dataset_id", "right__dataset_id"
    )
    for left, right, left_dataset, right_dataset in rows:
        pairs.add((left, right))
        taken[(left, right_dataset)] += 1
        taken[(right, left_dataset)] += 1
    return pairs, taken


def propose_matches(
    *,
    days: int = 2,
    min_score: float = 0.6,
    max_candidates: int | None = DEFAULT_MAX_CANDIDATES,
    filters: dict | None = None,
) -> int:
    """Propose pairs of active events from different datasets that may be one incident.

    Pairs are within ``days`` of each other and in the same province or city
    (place names folded by ``PlaceNames``: "Karachi Town" is Karachi); those
    scoring at least ``min_score`` are ranked by score and each event keeps at
    most ``max_candidates`` proposals from each other dataset (``None``: no cap),
    counting the pairs already proposed or decided. They become ``CandidateMatch``
    rows with status proposed (existing pairs are left alone). In each pair's
    reasons the earlier event (by date, then id) comes first. Events are read in
    date order through a sliding window of ``days`` days, so memory holds one
    window of events plus the candidate pairs. Returns the number of new
    proposals. Raises ``EventImportError`` (invalid_value) for negative ``days``
    or a ``max_candidates`` below 1.
    """
    if days < 0:
        raise EventImportError("days must be 0 or more.", code="invalid_value", field="days")
    if max_candidates is not None and max_candidates < 1:
        raise EventImportError(
            "max_candidates must be 1 or more.", code="invalid_value", field="max_candidates"
        )
    existing, taken = _existing()
    window = _Window(days)
    candidates: list = []
    with transaction.atomic():
        for right in _active_events(filters, PlaceNames()):
            window.advance(right["date"])
            for left in window.neighbours(right):
                pair = (min(left["id"], right["id"]), max(left["id"], right["id"]))
                if left["dataset_id"] == right["dataset_id"] or pair in existing:
                    continue
                score, reasons = score_pair(left, right, days)
                if score >= min_score:
                    first, second = (left, right) if pair[0] == left["id"] else (right, left)
                    datasets = (first["dataset_id"], second["dataset_id"])
                    candidates.append((score, pair, reasons, datasets))
            window.add(right)
        proposals = _select(candidates, taken, max_candidates)
        created = len(CandidateMatch.objects.bulk_create(proposals, batch_size=CREATE_BATCH))
        if created:
            log_action(
                "events.matches.proposed",
                object_type="events.candidatematch",
                changes={"proposed": created, "days": days, "max_candidates": max_candidates},
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


def load_labelled_pairs(path) -> list[dict]:
    """Read a CSV of labelled pairs: left_dataset, left_key, right_dataset, right_key, same.

    ``same`` is ``yes`` or ``no``. Raises ``EventImportError`` (invalid_value) naming
    the row of a bad label.
    """
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for number, row in enumerate(rows, start=2):
        if row.get("same") not in ("yes", "no"):
            raise EventImportError(
                f"Row {number}: 'same' must be yes or no, not '{row.get('same')}'.",
                code="invalid_value",
                field="same",
            )
    return rows


def evaluate_matches(labelled: list[dict]) -> dict:
    """Precision and recall of the current candidate matches against labelled pairs.

    A labelled true pair that was proposed is a true positive; a labelled false
    pair that was proposed a false positive; a true pair not proposed a false
    negative. ``precision`` and ``recall`` are ``None`` when undefined (nothing
    proposed / nothing true). ``unlabelled`` counts proposals the labels do not
    cover. Raises ``EventImportError`` (not_found) when a labelled event is missing.
    """
    wanted = {(r["left_dataset"], r["left_key"]) for r in labelled}
    wanted |= {(r["right_dataset"], r["right_key"]) for r in labelled}
    ids = {
        (dataset, key): pk
        for pk, dataset, key in Event.objects.filter(
            key__in={key for _, key in wanted}
        ).values_list("pk", "dataset__name", "key")
    }
    proposed = set(CandidateMatch.objects.values_list("left_id", "right_id"))
    counts = Counter()
    pairs = set()
    for row in labelled:
        left, right = (
            (row["left_dataset"], row["left_key"]),
            (row["right_dataset"], row["right_key"]),
        )
        missing = [f"{d}:{k}" for d, k in (left, right) if (d, k) not in ids]
        if missing:
            raise EventImportError(
                f"Labelled event(s) {', '.join(missing)} are not in the database.",
                code="not_found",
                field="labels",
            )
        pair = tuple(sorted((ids[left], ids[right])))
        pairs.add(pair)
        found = pair in proposed
        same = row["same"] == "yes"
        counts["tp" if same and found else "fn" if same else "fp" if found else "tn"] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "true_negatives": counts["tn"],
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "unlabelled": len(proposed - pairs),
    }
