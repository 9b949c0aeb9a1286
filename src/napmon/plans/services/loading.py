"""Writing a checked dataset file into the database (idempotent, atomic, audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import models, transaction

from napmon.core import geography
from napmon.core.audit import diff, log_action, snapshot
from napmon.indicators.models import Indicator, IndicatorValue, Rating, Source
from napmon.indicators.periods import parse_date, parse_period
from napmon.plans.dataset import read_dataset
from napmon.plans.models import (
    Agency,
    CrosswalkLink,
    Gap,
    OutcomeLink,
    Plan,
    PlanVersion,
    Point,
    PointStatus,
    Theme,
)


@dataclass
class LoadReport:
    """What a load did: counts of created, updated and unchanged records per kind."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + 1

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class _Writer:
    """Upserts records by their natural key, auditing each creation and change."""

    def __init__(self, report: LoadReport, actor):
        self.report = report
        self.actor = actor

    def upsert(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        kind = model._meta.model_name
        obj = model.objects.filter(**lookup).first()
        if obj is not None and getattr(obj, "ur_reviewed", False):
            values = _keep_reviewed_urdu(obj, values)
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.report.count("created", kind)
            log_action(f"{kind}.created", obj=obj, actor=self.actor, changes={"new": snapshot(obj)})
            return obj
        old = snapshot(obj)
        for name, value in values.items():
            setattr(obj, name, value)
        changes = diff(old, snapshot(obj))
        if changes:
            obj.save()
            self.report.count("updated", kind)
            log_action(f"{kind}.updated", obj=obj, actor=self.actor, changes=changes)
        else:
            self.report.count("unchanged", kind)
        return obj

    def set_m2m(self, obj, name: str, targets: list) -> None:
        manager = getattr(obj, name)
        old = sorted(str(t) for t in manager.all())
        new = sorted(str(t) for t in targets)
        if old != new:
            manager.set(targets)
            log_action(
                f"{obj._meta.model_name}.updated",
                obj=obj,
                actor=self.actor,
                changes={name: [old, new]},
            )


def _keep_reviewed_urdu(obj, values: dict) -> dict:
    """Urdu text a reviewer has checked (in the admin) is not replaced by the file's draft.

    Only a file that itself marks its Urdu as reviewed may change reviewed Urdu text.
    """
    if values.get("ur_reviewed"):
        return values
    urdu = {f"{name}_ur" for name in obj.URDU_FIELDS} | {"ur_reviewed"}
    return {k: v for k, v in values.items() if k not in urdu}


def _urdu_values(item: dict, names: tuple[str, ...]) -> dict:
    values = {f"{name}_ur": str(item.get(f"{name}_ur") or "").strip() for name in names}
    values["ur_reviewed"] = bool(item.get("ur_reviewed", False))
    return values


def load_dataset(path: Path | str | None = None, *, actor=None) -> LoadReport:
    """Load a plan dataset file (the built-in NAP dataset by default).

    Loading the same file twice changes nothing; an edited file updates the
    records it names. The file is checked completely before anything is
    written, and the writing runs in one transaction, so a bad file leaves the
    database as it was. Raises ``DatasetError`` naming the file, entry and field.
    """
    data = read_dataset(path)
    report = LoadReport()
    writer = _Writer(report, actor)
    with transaction.atomic():
        plan = writer.upsert(
            Plan,
            {"slug": data["plan"]["slug"]},
            {
                **{k: data["plan"].get(k, "") for k in ("name", "country", "description")},
                **_urdu_values(data["plan"], Plan.URDU_FIELDS),
            },
        )
        sources = _load_sources(writer, data)
        agencies = {
            a["slug"]: writer.upsert(
                Agency,
                {"slug": a["slug"]},
                {"name": a["name"], "short_name": a.get("short_name", ""), "level": a["level"]},
            )
            for a in data.get("agencies") or []
        }
        themes = {
            t["slug"]: writer.upsert(
                Theme,
                {"slug": t["slug"]},
                {"name": t["name"], "description": t.get("description", "")},
            )
            for t in data.get("themes") or []
        }
        versions, points = _load_versions(writer, data, plan, sources, agencies, themes)
        _load_statuses(writer, data, sources, points)
        _load_crosswalk(writer, data, sources, versions, points)
        for gap in data.get("gaps") or []:
            writer.upsert(
                Gap,
                {"version": versions[str(gap["version"])], "theme": themes[gap["theme"]]},
                {"statement": gap["statement"], "source": sources[gap["source"]]},
            )
        _load_indicators(writer, data, plan, sources, points)
        for position, link in enumerate(data.get("outcome_links") or [], start=1):
            writer.upsert(
                OutcomeLink,
                {
                    "point": points[str(link["point"])],
                    "dataset": link["dataset"],
                    "measure": link["measure"],
                    "province": link.get("province", ""),
                },
                {
                    "direction": link.get("direction", "lower"),
                    "rationale": " ".join(str(link["rationale"]).split()),
                    "source": sources[link["source"]],
                    "position": position,
                },
            )
        log_action(
            "dataset.loaded",
            object_type="plans.plan",
            object_id=plan.pk,
            object_repr=f"{plan} from {Path(path).name if path else 'built-in dataset'}",
            actor=actor,
            changes=report.as_dict(),
        )
    return report


def _load_sources(writer: _Writer, data: dict) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    pending = list(data.get("sources") or [])
    # Sources may cite sources listed after them: write in dependency order.
    while pending:
        progressed = False
        for item in list(pending):
            parent = item.get("cited_in")
            if parent and parent not in sources:
                continue
            fields = {
                k: str(item.get(k) or "")
                for k in (
                    "kind",
                    "publisher",
                    "title",
                    "short_label",
                    "author",
                    "date",
                    "url",
                    "locator",
                )
            }
            fields["cited_in"] = sources.get(parent) if parent else None
            sources[item["key"]] = writer.upsert(Source, {"key": item["key"]}, fields)
            pending.remove(item)
            progressed = True
        if not progressed:  # a cycle of citations; the checker lets none through
            raise RuntimeError("cyclic cited_in in sources")
    return sources


def _load_versions(writer, data, plan, sources, agencies, themes):
    versions, points = {}, {}
    for item in data["versions"]:
        label = str(item["label"])
        adopted, precision = (
            parse_date(str(item["adopted_on"])) if item.get("adopted_on") else (None, "day")
        )
        version = writer.upsert(
            PlanVersion,
            {"plan": plan, "label": label},
            {
                "title": item["title"],
                "adopted_on": adopted,
                "adopted_precision": precision,
                "declared_points": item["declared_points"],
                "declared_kinetic": item.get("declared_kinetic"),
                "declared_non_kinetic": item.get("declared_non_kinetic"),
                "summary": (item.get("summary") or "").strip(),
                "source": sources[item["source"]],
                **_urdu_values(item, PlanVersion.URDU_FIELDS),
            },
        )
        versions[label] = version
        for p in item.get("points") or []:
            point = writer.upsert(
                Point,
                {"version": version, "number": p["number"]},
                {
                    "title": p["title"],
                    "short_title": p["short_title"],
                    "description": p.get("description", ""),
                    "category": p.get("category", "unknown"),
                    "category_source": sources.get(p.get("category_source")),
                    "level": p.get("level", ""),
                    **_urdu_values(p, Point.URDU_FIELDS),
                },
            )
            writer.set_m2m(point, "lead_agencies", [agencies[a] for a in p.get("lead") or []])
            writer.set_m2m(
                point, "supporting_agencies", [agencies[a] for a in p.get("supporting") or []]
            )
            writer.set_m2m(point, "themes", [themes[t] for t in p.get("themes") or []])
            points[f"{label}/{p['number']}"] = point
    return versions, points


def _load_statuses(writer, data, sources, points) -> None:
    for item in data.get("statuses") or []:
        when, precision = parse_date(str(item["date"]))
        writer.upsert(
            PointStatus,
            {"point": points[item["point"]], "date": when, "status": item["status"]},
            {
                "date_precision": precision,
                "note": item.get("note", ""),
                "source": sources[item["source"]],
            },
        )
    for item in data.get("ratings") or []:
        when, precision = parse_date(str(item["date"]))
        writer.upsert(
            Rating,
            {"point": points[item["point"]], "date": when, "source": sources[item["source"]]},
            {
                "date_precision": precision,
                "rating": item["rating"],
                "rationale": item.get("rationale", ""),
            },
        )


def _load_crosswalk(writer, data, sources, versions, points) -> None:
    crosswalk = data.get("crosswalk")
    if not crosswalk:
        return
    left, right = str(crosswalk["from"]), str(crosswalk["to"])
    for link in crosswalk.get("links") or []:
        from_point = points.get(f"{left}/{link['from']}") if link.get("from") else None
        to_point = points.get(f"{right}/{link['to']}") if link.get("to") else None
        writer.upsert(
            CrosswalkLink,
            {
                "from_version": versions[left],
                "to_version": versions[right],
                "from_point": from_point,
                "to_point": to_point,
            },
            {
                "relation": link["relation"],
                "rationale": link["rationale"],
                "made_by": crosswalk["made_by"],
                "made_by_name": crosswalk["made_by_name"],
                "source": sources.get(crosswalk.get("source")),
            },
        )


def _load_indicators(writer, data, plan, sources, points) -> None:
    for item in data.get("indicators") or []:
        indicator = writer.upsert(
            Indicator,
            {"slug": item["slug"]},
            {
                "plan": plan,
                "point": points.get(item.get("point")),
                "name": item["name"],
                "description": item.get("description", ""),
                "unit": item["unit"],
                "direction": item.get("direction", "neutral"),
                "geography_level": item.get("geography_level", "national"),
                "reported_by": item.get("reported_by", "any"),
                **_urdu_values(item, Indicator.URDU_FIELDS),
            },
        )
        for value in item["values"]:
            period = parse_period(str(value["period"]), value.get("label"))
            writer.upsert(
                IndicatorValue,
                {
                    "indicator": indicator,
                    "period_start": period.start,
                    "period_end": period.end,
                    "geography": value.get("geography", geography.NATIONAL),
                },
                {
                    "value": Decimal(str(value["value"])),
                    "qualifier": value.get("qualifier", "exact"),
                    "precision": period.precision,
                    "period_label": period.label,
                    "source": sources[value["source"]],
                    "note": value.get("note", ""),
                },
            )
