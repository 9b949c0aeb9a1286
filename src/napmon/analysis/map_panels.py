"""What the map page shows: each panel calls one map service and builds its spec.

Like ``panels.py``, a panel that the service refuses carries a message instead.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from napmon.analysis import maps
from napmon.analysis.boundaries import ATTRIBUTION, LICENCE
from napmon.analysis.errors import AnalysisError
from napmon.analysis.services import maps as services

MAX_SMALL_MAPS = 40


def _measure_label(measure: str) -> str:
    return _("events") if measure == "events" else _("people killed")


def _period_label(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _choropleth_panel(dataset, first, last, measure, fata, lang) -> dict:
    period = _period_label(first, last)
    result = services.province_map(
        dataset,
        date_from=date(first, 1, 1),
        date_to=date(last, 12, 31),
        measure=measure,
        fold_mode=fata,
        lang=lang,
    )
    description = services.describe_map(result, period)
    title = _("%(measure)s by province, %(period)s (%(dataset)s)") % {
        "measure": _measure_label(measure).capitalize(),
        "period": period,
        "dataset": dataset,
    }
    spec = maps.choropleth(
        result["shapes"],
        measure_label=_measure_label(measure),
        title=title,
        description=description,
    )
    return {"spec": spec, "result": result, "description": description, "title": title}


def _small_multiples_panel(dataset, first, last, measure, fata, step, lang) -> dict:
    count = (last - first + 1) * (2 if step == "half" else 1)
    if count > MAX_SMALL_MAPS:
        return {
            "message": _("Choose at most %(n)s periods for the small maps (fewer years).")
            % {"n": MAX_SMALL_MAPS}
        }
    rows = services.province_small_multiples(
        dataset,
        first_year=first,
        last_year=last,
        step=step,
        measure=measure,
        fold_mode=fata,
        lang=lang,
    )
    title = _("%(measure)s by province and period (%(dataset)s)") % {
        "measure": _measure_label(measure).capitalize(),
        "dataset": dataset,
    }
    description = _("One small map per period, %(period)s; the table below has the figures.") % {
        "period": _period_label(first, last)
    }
    periods = list(dict.fromkeys(r["period"] for r in rows))
    labels = list(dict.fromkeys(r["label"] for r in rows))
    grid = {(r["period"], r["label"]): r["value"] for r in rows}
    table = [{"period": p, "values": [grid.get((p, label)) for label in labels]} for p in periods]
    spec = maps.small_multiples(
        rows, measure_label=_measure_label(measure), title=title, description=description
    )
    return {"spec": spec, "labels": labels, "table": table, "title": title}


def _points_panel(dataset, first, last) -> dict:
    try:
        found = services.event_points(
            dataset, date_from=date(first, 1, 1), date_to=date(last, 12, 31)
        )
    except AnalysisError as exc:
        return {"message": exc.page_text(), "code": exc.code}
    description = _(
        "%(shown)s located events of %(dataset)s, %(period)s; %(unlocated)s without coordinates."
    ) % {
        "shown": len(found["points"]),
        "dataset": dataset,
        "period": _period_label(first, last),
        "unlocated": found["unlocated"],
    }
    spec = maps.point_map(
        found["points"],
        title=_("Where the events were (%(dataset)s)") % {"dataset": dataset},
        description=description,
        killed_label=_("people killed"),
    )
    return {"spec": spec, "description": description, **found}


def map_context(choice: dict, lang: str) -> dict:
    """The template context of the map page for the form's cleaned data ``choice``."""
    dataset = choice.get("dataset") or services.default_dataset()
    base = {"attribution": ATTRIBUTION, "licence": LICENCE, "dataset": dataset}
    years = services.dataset_years(dataset) if dataset else None
    if not years:
        return {**base, "message": _("No events are imported yet, so there is nothing to map.")}
    first = choice.get("year_from") or years[0]
    last = choice.get("year_to") or years[1]
    if first < years[0] or last > years[1]:
        # Outside its years the dataset says nothing: no map of zeros.
        return {
            **base,
            "message": _("%(dataset)s covers %(first)s–%(last)s; choose years within that range.")
            % {"dataset": dataset, "first": years[0], "last": years[1]},
        }
    measure = choice.get("measure") or "events"
    fata = choice.get("fata") or "auto"
    step = choice.get("step") or "year"
    return {
        **base,
        "first": first,
        "last": last,
        "measure": measure,
        "measure_label": _measure_label(measure),
        "choropleth": _choropleth_panel(dataset, first, last, measure, fata, lang),
        "multiples": _small_multiples_panel(dataset, first, last, measure, fata, step, lang),
        "points": _points_panel(dataset, first, last),
    }
