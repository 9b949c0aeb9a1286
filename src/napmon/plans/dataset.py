"""Reading and checking a plan dataset file before anything is written.

The whole file is checked first; every problem is reported with the file, the
entry (section, position and key) and the field. Only a file with no problems
reaches the writer in ``napmon.plans.services.load_dataset``.

Why not pydantic or JSON Schema (both are installed): most of the checks are across
entries, not of one entry's shape: keys unique per section, every reference (source,
point ``2021/4``, agency, indicator) resolving to an entry elsewhere in the file, crosswalk
links between versions that exist, periods and geographies parsed by our own rules
(``indicators.periods``, ``core.geography``). A schema would cover only the field names
and enumerations, leaving the rest here, and its messages name JSON paths
(``versions.0.points.3``) where these name the entry a person edits (``versions[0] (2014)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from napmon.core import geography
from napmon.core.errors import DatasetError
from napmon.indicators.periods import PeriodError, parse_date, parse_period

DEFAULT_DATASET = Path(__file__).resolve().parent / "data" / "nap.yaml"

SOURCE_KINDS = {"seed", "official", "media", "dataset", "research", "analyst"}
CATEGORIES = {"kinetic", "non_kinetic", "unknown"}
LEVELS = {"federal", "provincial", "both", ""}
AGENCY_LEVELS = {"federal", "provincial", "international"}
STATUSES = {"proposed", "ongoing", "completed", "elapsed", "redundant", "merged"}
RATINGS = {"satisfactory", "mixed", "unsatisfactory", "not_rated"}
RELATIONS = {"continued", "merged_into", "split_into", "renamed", "dropped", "new"}
UNITS = {"count", "PKR", "USD", "percent", "per_day", "km"}
DIRECTIONS = {"higher", "lower", "neutral"}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than"}

FIELDS = {
    "sources": {
        "key",
        "kind",
        "publisher",
        "title",
        "short_label",
        "author",
        "date",
        "url",
        "locator",
        "cited_in",
    },
    "agencies": {"slug", "name", "short_name", "level"},
    "themes": {"slug", "name", "description"},
    "versions": {
        "label",
        "title",
        "adopted_on",
        "declared_points",
        "declared_kinetic",
        "declared_non_kinetic",
        "source",
        "summary",
        "points",
        "title_ur",
        "summary_ur",
        "ur_reviewed",
    },
    "points": {
        "number",
        "title",
        "short_title",
        "description",
        "category",
        "category_source",
        "level",
        "lead",
        "supporting",
        "themes",
        "title_ur",
        "short_title_ur",
        "description_ur",
        "ur_reviewed",
    },
    "statuses": {"point", "status", "date", "source", "note"},
    "ratings": {"point", "rating", "date", "source", "rationale"},
    "crosswalk": {"from", "to", "made_by", "made_by_name", "source", "links"},
    "links": {"from", "to", "relation", "rationale"},
    "gaps": {"version", "theme", "source", "statement"},
    "outcome_links": {
        "point",
        "dataset",
        "measure",
        "province",
        "direction",
        "rationale",
        "source",
    },
    "indicators": {
        "slug",
        "point",
        "name",
        "description",
        "unit",
        "direction",
        "geography_level",
        "reported_by",
        "values",
        "name_ur",
        "description_ur",
        "ur_reviewed",
    },
    "values": {"period", "label", "value", "qualifier", "geography", "source", "note"},
}

# Text fields that need an Urdu twin (``title`` → ``title_ur``); statuses, ratings,
# categories and units are fixed vocabularies translated through the gettext catalogue.
URDU_FIELDS = {
    "plan": ("name", "description"),
    "versions": ("title", "summary"),
    "points": ("title", "short_title", "description"),
    "indicators": ("name", "description"),
}


@dataclass
class Checker:
    """Collects problems as 'file: entry: field: message' lines."""

    filename: str
    problems: list[str] = field(default_factory=list)

    def add(self, entry: str, field_name: str | None, message: str) -> None:
        # Through gettext: English in the CLI (Django's default language), the reader's
        # language where a page shows the problems.
        where = _("%(entry)s: field '%(field)s'") % {"entry": entry, "field": field_name}
        where = where if field_name else entry
        self.problems.append(f"{self.filename}: {where}: {message}")

    def require(self, item: Any, entry: str, names: list[str]) -> bool:
        if not isinstance(item, dict):
            self.add(entry, None, _("must be a mapping of field: value"))
            return False
        ok = True
        for name in names:
            if item.get(name) in (None, ""):
                self.add(entry, name, _("is required"))
                ok = False
        return ok

    def known_fields(self, item: Any, entry: str, allowed: set[str]) -> None:
        """Flag misspelt or unknown fields rather than silently ignoring them."""
        if isinstance(item, dict):
            for name in sorted(set(item) - allowed):
                self.add(
                    entry,
                    name,
                    _("is not a known field (known: %(known)s)")
                    % {"known": ", ".join(sorted(allowed))},
                )

    def choice(self, item: dict, entry: str, name: str, allowed: set[str], default=None) -> None:
        value = item.get(name, default)
        if value is not None and value not in allowed:
            self.add(
                entry,
                name,
                _("%(value)s is not one of %(allowed)s")
                % {"value": repr(value), "allowed": ", ".join(sorted(allowed))},
            )

    def ref(self, item: dict, entry: str, name: str, known: set[str], optional=False) -> None:
        value = item.get(name)
        if value in (None, "") and optional:
            return
        if value not in known:
            self.add(
                entry,
                name,
                _("refers to unknown %(field)s %(value)s") % {"field": name, "value": repr(value)},
            )

    def urdu(self, item: dict, entry: str, names: tuple[str, ...]) -> None:
        """Each English text field that is filled needs its Urdu twin ``<name>_ur``."""
        for name in names:
            if str(item.get(name) or "").strip() and not str(item.get(f"{name}_ur") or "").strip():
                self.add(
                    entry,
                    f"{name}_ur",
                    _("the Urdu text of '%(field)s' is missing") % {"field": name},
                )
        if not isinstance(item.get("ur_reviewed", False), bool):
            self.add(entry, "ur_reviewed", _("must be true or false"))

    def number(self, item: dict, entry: str, name: str) -> None:
        try:
            Decimal(str(item.get(name)))
        except (InvalidOperation, ValueError):
            self.add(entry, name, _("%(value)s is not a number") % {"value": repr(item.get(name))})

    def date(self, item: dict, entry: str, name: str) -> None:
        try:
            parse_date(str(item.get(name)))
        except PeriodError as exc:
            self.add(entry, name, str(exc))


def read_dataset(path: Path | str | None = None) -> dict:
    """Read and check a dataset file; raise ``DatasetError`` listing every problem."""
    path = Path(path) if path else DEFAULT_DATASET
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DatasetError(f"{path}: file not found", code="dataset_missing") from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{name}: not UTF-8 text ({exc})", code="dataset_encoding") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DatasetError(f"{name}: not valid YAML: {exc}", code="dataset_syntax") from exc
    if not isinstance(data, dict):
        raise DatasetError(f"{name}: the file must hold a mapping of sections")
    checker = Checker(name)
    check_dataset(data, checker)
    if checker.problems:
        count = len(checker.problems)
        summary = "\n".join(checker.problems[:50])
        raise DatasetError(f"{count} problem(s) in the dataset file:\n{summary}")
    return data


def check_dataset(data: dict, ck: Checker) -> None:
    """Check every section, recording problems on ``ck``."""
    for section in ("plan", "sources", "versions"):
        if section not in data:
            ck.add(f"section '{section}'", None, "is missing")
    if not ck.require(data.get("plan"), "plan", ["slug", "name"]):
        return
    ck.urdu(data["plan"], "plan", URDU_FIELDS["plan"])
    sources = _check_keyed(data, ck, "sources", "key", ["key", "kind", "publisher", "title"])
    for i, item in enumerate(data.get("sources") or []):
        entry = f"sources[{i}] ({item.get('key')})" if isinstance(item, dict) else f"sources[{i}]"
        if isinstance(item, dict):
            ck.choice(item, entry, "kind", SOURCE_KINDS)
            ck.ref(item, entry, "cited_in", sources, optional=True)
    agencies = _check_keyed(data, ck, "agencies", "slug", ["slug", "name", "level"])
    for i, item in enumerate(data.get("agencies") or []):
        if isinstance(item, dict):
            ck.choice(item, f"agencies[{i}] ({item.get('slug')})", "level", AGENCY_LEVELS)
    themes = _check_keyed(data, ck, "themes", "slug", ["slug", "name"])
    points = _check_versions(data, ck, sources, agencies, themes)
    _check_statuses(data, ck, sources, points)
    _check_crosswalk(data, ck, sources, points)
    _check_gaps(data, ck, sources, themes)
    _check_indicators(data, ck, sources, points)
    _check_outcome_links(data, ck, sources, points)


def _check_keyed(data: dict, ck: Checker, section: str, key: str, required: list[str]) -> set:
    seen: set[str] = set()
    items = data.get(section) or []
    if not isinstance(items, list):
        ck.add(f"section '{section}'", None, "must be a list")
        return seen
    for i, item in enumerate(items):
        label = item.get(key) if isinstance(item, dict) else None
        entry = f"{section}[{i}] ({label})" if label else f"{section}[{i}]"
        if not ck.require(item, entry, required):
            continue
        ck.known_fields(item, entry, FIELDS[section])
        if label in seen:
            ck.add(entry, key, f"{label!r} appears twice")
        seen.add(str(label))
    return seen


def _check_versions(data, ck, sources, agencies, themes) -> set[str]:
    points: set[str] = set()
    for i, version in enumerate(data.get("versions") or []):
        entry = f"versions[{i}]"
        if not ck.require(version, entry, ["label", "title", "declared_points", "source"]):
            continue
        label = str(version["label"])
        entry = f"versions[{i}] ({label})"
        ck.known_fields(version, entry, FIELDS["versions"])
        ck.urdu(version, entry, URDU_FIELDS["versions"])
        ck.ref(version, entry, "source", sources)
        if version.get("adopted_on"):
            ck.date(version, entry, "adopted_on")
        numbers: set = set()
        for j, point in enumerate(version.get("points") or []):
            if _check_point(
                ck, f"{entry} points[{j}]", entry, point, numbers, sources, agencies, themes
            ):
                points.add(f"{label}/{point['number']}")
        declared = version.get("declared_points")
        if numbers and declared != len(numbers):
            ck.add(entry, "declared_points", f"declares {declared} but lists {len(numbers)}")
    return points


def _check_point(ck, p_entry, entry, point, numbers, sources, agencies, themes) -> bool:
    if not ck.require(point, p_entry, ["number", "title", "short_title"]):
        return False
    p_entry = f"{entry} point {point['number']}"
    ck.known_fields(point, p_entry, FIELDS["points"])
    ck.urdu(point, p_entry, URDU_FIELDS["points"])
    if point["number"] in numbers:
        ck.add(p_entry, "number", "appears twice in this version")
    numbers.add(point["number"])
    ck.choice(point, p_entry, "category", CATEGORIES)
    ck.choice(point, p_entry, "level", LEVELS)
    if point.get("category") in {"kinetic", "non_kinetic"}:
        ck.ref(point, p_entry, "category_source", sources)
    for name, known in (("lead", agencies), ("supporting", agencies), ("themes", themes)):
        for value in point.get(name) or []:
            if value not in known:
                ck.add(p_entry, name, f"refers to unknown {name} {value!r}")
    return True


def _check_statuses(data, ck, sources, points) -> None:
    for section, field_name, allowed in (
        ("statuses", "status", STATUSES),
        ("ratings", "rating", RATINGS),
    ):
        for i, item in enumerate(data.get(section) or []):
            entry = f"{section}[{i}]"
            if not ck.require(item, entry, ["point", field_name, "date", "source"]):
                continue
            entry = f"{section}[{i}] ({item['point']})"
            ck.known_fields(item, entry, FIELDS[section])
            ck.ref(item, entry, "point", points)
            ck.choice(item, entry, field_name, allowed)
            ck.ref(item, entry, "source", sources)
            ck.date(item, entry, "date")


def _check_crosswalk(data, ck, sources, points) -> None:
    crosswalk = data.get("crosswalk")
    if not crosswalk:
        return
    if not ck.require(crosswalk, "crosswalk", ["from", "to", "made_by", "made_by_name"]):
        return
    ck.known_fields(crosswalk, "crosswalk", FIELDS["crosswalk"])
    ck.choice(crosswalk, "crosswalk", "made_by", {"source", "analyst"})
    ck.ref(crosswalk, "crosswalk", "source", sources, optional=True)
    left, right = str(crosswalk["from"]), str(crosswalk["to"])
    for i, link in enumerate(crosswalk.get("links") or []):
        entry = f"crosswalk links[{i}]"
        if not ck.require(link, entry, ["relation", "rationale"]):
            continue
        ck.known_fields(link, entry, FIELDS["links"])
        ck.choice(link, entry, "relation", RELATIONS)
        has_from, has_to = link.get("from") is not None, link.get("to") is not None
        if link["relation"] == "new" and (has_from or not has_to):
            ck.add(entry, "from", "a 'new' link names only the point it leads to ('to')")
        elif link["relation"] == "dropped" and (has_to or not has_from):
            ck.add(entry, "to", "a 'dropped' link names only the point it leaves ('from')")
        elif link["relation"] not in {"new", "dropped"} and not (has_from and has_to):
            ck.add(entry, "to", "this relation needs both 'from' and 'to'")
        if has_from and f"{left}/{link['from']}" not in points:
            ck.add(entry, "from", f"version {left} has no point {link['from']}")
        if has_to and f"{right}/{link['to']}" not in points:
            ck.add(entry, "to", f"version {right} has no point {link['to']}")


def _check_gaps(data, ck, sources, themes) -> None:
    versions = {str(v.get("label")) for v in data.get("versions") or [] if isinstance(v, dict)}
    for i, gap in enumerate(data.get("gaps") or []):
        entry = f"gaps[{i}]"
        if ck.require(gap, entry, ["version", "theme", "statement", "source"]):
            ck.known_fields(gap, entry, FIELDS["gaps"])
            if str(gap["version"]) not in versions:
                ck.add(entry, "version", f"refers to unknown version {gap['version']!r}")
            ck.ref(gap, entry, "theme", themes)
            ck.ref(gap, entry, "source", sources)


def _check_indicators(data, ck, sources, points) -> None:
    _check_keyed(data, ck, "indicators", "slug", ["slug", "name", "unit"])
    for i, ind in enumerate(data.get("indicators") or []):
        if not isinstance(ind, dict) or not ind.get("slug"):
            continue
        entry = f"indicators[{i}] ({ind['slug']})"
        ck.urdu(ind, entry, URDU_FIELDS["indicators"])
        ck.ref(ind, entry, "point", points, optional=True)
        ck.choice(ind, entry, "unit", UNITS)
        ck.choice(ind, entry, "direction", DIRECTIONS)
        ck.choice(ind, entry, "geography_level", {"national", "province"})
        ck.choice(ind, entry, "reported_by", {"any", "national", "provincial"})
        if not ind.get("values"):
            ck.add(entry, "values", "an indicator in the dataset needs at least one value")
        seen = set()
        for j, value in enumerate(ind.get("values") or []):
            v_entry = f"{entry} values[{j}]"
            if not ck.require(value, v_entry, ["period", "value", "source"]):
                continue
            ck.known_fields(value, v_entry, FIELDS["values"])
            ck.ref(value, v_entry, "source", sources)
            ck.number(value, v_entry, "value")
            ck.choice(value, v_entry, "qualifier", QUALIFIERS)
            ck.choice(value, v_entry, "geography", set(geography.BY_CODE))
            try:
                period = parse_period(str(value["period"]))
            except PeriodError as exc:
                ck.add(v_entry, "period", str(exc))
                continue
            key = (period.start, period.end, value.get("geography", geography.NATIONAL))
            if key in seen:
                ck.add(v_entry, "period", "a value for this period and geography appears twice")
            seen.add(key)


def _check_outcome_links(data, ck, sources, points) -> None:
    seen = set()
    for i, link in enumerate(data.get("outcome_links") or []):
        entry = f"outcome_links[{i}]"
        if not ck.require(link, entry, ["point", "dataset", "measure", "rationale", "source"]):
            continue
        entry = f"outcome_links[{i}] ({link['point']})"
        ck.known_fields(link, entry, FIELDS["outcome_links"])
        ck.ref(link, entry, "point", points)
        ck.ref(link, entry, "source", sources)
        ck.choice(link, entry, "measure", {"events", "killed"})
        ck.choice(link, entry, "direction", {"lower", "higher"})
        ck.choice(link, entry, "province", set(geography.BY_CODE) - {geography.NATIONAL})
        key = (str(link["point"]), link["dataset"], link["measure"], link.get("province", ""))
        if key in seen:
            ck.add(entry, "measure", "this point, dataset, measure and province appear twice")
        seen.add(key)
