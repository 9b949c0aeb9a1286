"""Maps of the coordinating authority's ratings per province, one per rated point, as SVG.

The same scorecard rows and map rows as the scorecard page (``reporting/services/
scorecard.py`` and ``scorecard_map.py``), so brief and page cannot disagree. Only
points with at least one provincial rating get a map; at most ``LIMIT`` of them.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from napmon.analysis import maps
from napmon.indicators.models import RaterKind
from napmon.reporting.services import scorecard as scorecard_service
from napmon.reporting.services import scorecard_map

LIMIT = 6


def rating_maps_section(version, lang: str, public_only: bool) -> list[dict]:
    """``[{title, text, svg, rows}]``: one map per point with a provincial rating."""
    from napmon.briefs.services import charts

    kind = RaterKind.COORDINATOR
    out = []
    with translation.override(lang):
        card = scorecard_service.scorecard(version, public_only=public_only)
        kind_label = scorecard_map.kind_label(kind)
        for point in scorecard_map.map_points(card):
            rows = scorecard_map.rating_rows(card, point, kind, lang)
            if not any(r["rating"] for r in rows):
                continue
            title = _("Point %(point)s by province: %(kind)s") % {
                "point": point.number,
                "kind": kind_label,
            }
            text = scorecard_map.text_alternative(rows, point, kind_label)
            spec = maps.category_map(
                [
                    {"code": r["code"], "label": r["label"], "category": r["rating_label"]}
                    for r in rows
                ],
                legend_title=_("Rating"),
                title=title,
                description=text,
                categories=scorecard_map.categories(),
                width=420,
                height=320,
            )
            spec["config"]["font"] = charts.FONT
            out.append(
                {"title": title, "text": text, "svg": charts.svg_data_uri(spec), "rows": rows}
            )
            if len(out) == LIMIT:
                break
    return out
