"""The scorecard's map: one point's ratings per province, for one kind of rater.

Reads a :func:`napmon.reporting.services.scorecard.scorecard` result (one rule for
the table and the map, so they cannot disagree) and returns a row per boundary shape.
A province with no rating of that kind has no figure (grey), never a rating. FATA's
shape has no rating of its own: it merged into Khyber Pakhtunkhwa on 31 May 2018,
and ratings after that are Khyber Pakhtunkhwa's.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from napmon.analysis.boundaries import FATA, province_codes, province_name
from napmon.indicators.models import RaterKind
from napmon.reporting.models.reviews import RATING_CHOICES

# Colours of the three ratings, colour-blind safe (green, amber, red-purple).
COLOURS = {"satisfactory": "#1b9e77", "mixed": "#e6ab02", "unsatisfactory": "#7b3294"}


def map_points(card: dict) -> list:
    """The points of the scorecard, in order, once each."""
    seen, points = set(), []
    for row in card["rows"]:
        if row["point"].pk not in seen:
            seen.add(row["point"].pk)
            points.append(row["point"])
    return points


def default_point(card: dict, kind: str):
    """The first point with a provincial rating of ``kind``, else the first point."""
    for row in card["rows"]:
        if not row["national"] and dict(row["cells"]).get(kind):
            return row["point"]
    points = map_points(card)
    return points[0] if points else None


def rating_rows(card: dict, point, kind: str, lang: str = "en") -> list[dict]:
    """One row per boundary shape: ``{code, label, rating, rating_label, rater, date, note}``."""
    by_code = {
        row["geography"]: dict(row["cells"]).get(kind)
        for row in card["rows"]
        if point is not None and row["point"].pk == point.pk and not row["national"]
    }
    rows = []
    for code in province_codes():
        rating = by_code.get(code)
        note = ""
        if code == FATA:
            note = _("merged into Khyber Pakhtunkhwa on 31 May 2018; rated with it")
        rows.append(
            {
                "code": code,
                "label": province_name(code, lang),
                "rating": rating.rating if rating else None,
                "rating_label": str(rating.get_rating_display()) if rating else None,
                "rater": rating.rater_label if rating else "",
                "date": rating.date if rating else None,
                "note": note,
            }
        )
    return rows


def categories() -> list[tuple[str, str]]:
    """(translated rating, colour) in the legend's order."""
    return [(str(label), COLOURS[key]) for key, label in RATING_CHOICES]


def text_alternative(rows: list[dict], point, kind_label: str) -> str:
    """A sentence a screen-reader user gets instead of the map."""
    rated = [r for r in rows if r["rating"]]
    if not rated:
        return _("No province or territory has a rating of %(kind)s for point %(point)s.") % {
            "kind": kind_label,
            "point": point.number if point else "–",
        }
    parts = "; ".join(f"{r['label']}: {r['rating_label']}" for r in rated)
    return _(
        "Point %(point)s, %(kind)s: %(parts)s. %(unrated)d of %(total)d shapes have no rating."
    ) % {
        "point": point.number,
        "kind": kind_label,
        "parts": parts,
        "unrated": len(rows) - len(rated),
        "total": len(rows),
    }


def kind_label(kind: str) -> str:
    return str(dict(RaterKind.choices).get(kind, kind))
