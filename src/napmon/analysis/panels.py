"""Page panels: each calls one analysis service and returns what a template shows.

A panel is a dict with a title, the chart spec (or None), the table rows and, when the
service refused (no events, too few months ...), the message to show instead.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from napmon.analysis import charts, services
from napmon.analysis.errors import AnalysisError


def _clean(value):
    return None if isinstance(value, float) and math.isnan(value) else value


def _guard(title: str, build) -> dict:
    try:
        return {"title": title, **build()}
    except AnalysisError as exc:
        return {"title": title, "message": exc.message, "code": exc.code}


def year_panel(filters: dict, interventions) -> dict:
    def build():
        table, basis = services.year_series(filters)
        rows = [{k: _clean(v) for k, v in r.items()} for r in table.to_dict("records")]
        for r in rows:
            r["period"] = f"{int(r['year'])}-01-01"
        measures = (
            [("events", "events"), ("killed", "killed"), ("injured", "injured")]
            if basis == "events"
            else [("events", "attacks"), ("killed", "killed"), ("casualties", "casualties")]
        )
        spec = charts.time_chart(
            rows,
            period_field="period",
            measures=measures,
            title="Events per year",
            time_unit="year",
            interventions=interventions,
        )
        return {
            "spec": spec,
            "rows": rows,
            "basis": basis,
            "columns": [label for _, label in measures],
            "fields": [f for f, _ in measures],
        }

    return _guard("By year", build)


def month_panel(filters: dict, interventions) -> dict:
    def build():
        table, excluded = services.month_series(filters)
        rows = [
            {
                "period": p.date().isoformat(),
                "month": f"{p:%Y-%m}",
                "events": int(e),
                "killed": int(k),
                "injured": int(i),
            }
            for p, e, k, i in zip(
                table["period"], table["events"], table["killed"], table["injured"], strict=True
            )
        ]
        spec = charts.time_chart(
            rows,
            period_field="period",
            measures=[("events", "events")],
            title="Events per month",
            time_unit="yearmonth",
            interventions=interventions,
        )
        return {"spec": spec, "rows": rows, "excluded": excluded}

    return _guard("By month", build)


def province_panel(filters: dict) -> dict:
    def build():
        rows = services.province_breakdown(filters)
        if not rows:
            raise AnalysisError("No imported events match these filters.", code="no_data")
        spec = charts.bar_chart(
            [{"province": r["key"], "events": r["events"]} for r in rows],
            category="province",
            value="events",
            title="Events by province",
        )
        return {"spec": spec, "rows": rows}

    return _guard("By province", build)


def comparison_panel(filters: dict) -> dict:
    def build():
        frame = services.compare_datasets(filters)
        names = [
            c
            for c in frame.columns
            if c
            not in ("region", "period", "n_datasets", "min", "max", "range", "median", "spread")
        ]
        long = [
            {"dataset": n, "year": int(r["period"]), "value": r[n]}
            for r in frame.to_dict("records")
            for n in names
            if _clean(r[n]) is not None
        ]
        rows = [
            {
                "year": int(r["period"]),
                "values": [_clean(r[n]) for n in names],
                "spread": _clean(r["spread"]),
            }
            for r in frame.to_dict("records")
        ]
        spec = charts.comparison_chart(long, title="Events per year by dataset")
        return {"spec": spec, "rows": rows, "names": names}

    return _guard("Datasets compared", build)


def before_after_panel(filters: dict, point: dict, before: int, after: int | None) -> dict:
    def build():
        out = services.run_before_after(filters, before=before, after=after, **point)
        robust = out["robust"]
        return {
            "result": out["result"],
            "break_label": out["break_label"],
            "robust": None if isinstance(robust, dict) else robust,
            "placebo_ratios": []
            if isinstance(robust, dict)
            else [float(r) for r in robust.placebo["ratio"]],
            "robust_message": robust.get("message") if isinstance(robust, dict) else None,
            "note": services.how_to_read("before_after"),
        }

    return _guard("Before and after", build)


def its_panel(filters: dict, point: dict, options: dict | None = None) -> dict:
    """The ITS document (``services.its_document``: the same as the CLI and the API), its
    chart of observed, fitted and counterfactual months and the placebo chart."""

    def build():
        run = services.run_its(filters, **point, **(options or {}))
        doc = services.its_document(run)
        title = _("Interrupted time series")
        placebo = doc["placebo"]
        return {
            "doc": doc,
            "spec": charts.its_chart(
                doc["months"], title=title, break_month=doc["intervention_month"]
            ),
            "placebo_chart": {
                "spec": charts.placebo_chart(
                    placebo["rows"],
                    real_month=doc["intervention_month"],
                    real_ratio=placebo["real_ratio"],
                    title=_("Placebo breaks"),
                )
                if placebo and placebo["rows"]
                else None
            },
            "notes": {k: services.how_to_read(k) for k in ("placebo", "sensitivity")},
        }

    return _guard(_("Interrupted time series"), build)


def stability_panel(filters: dict) -> dict:
    """Change points and volatility (``services.stability_document``) and the surge
    tracker (``services.surge_document``; left out with a message when it cannot run)."""

    def build():
        doc = services.stability_document(filters)
        try:
            surge = services.surge_document(filters)
        except AnalysisError as exc:
            surge = {"message": exc.message}
        return {"doc": doc, "surge": surge}

    return _guard(_("Change points, volatility and surges"), build)


def index_panel(filters: dict) -> dict:
    def build():
        frame, description = services.gti_index(filters)
        rows = [{k: _clean(v) for k, v in r.items()} for r in frame.to_dict("records")]
        spec = charts.index_heatmap(rows, title=services.GTI_LABEL)
        return {"spec": spec, "rows": rows, "description": description}

    return _guard(services.GTI_LABEL, build)
