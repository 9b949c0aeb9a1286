"""Page panels: each calls one analysis service and returns what a template shows.

A panel is a dict with a title, the chart spec (or None), the table rows and, when the
service refused (no events, too few months ...), the message to show instead.
"""

from __future__ import annotations

import math

from napmon.analysis import charts, services
from napmon.analysis.errors import AnalysisError
from napmon.core.visibility import small_cell_k


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
        return {"result": out["result"], "break_label": out["break_label"]}

    return _guard("Before and after", build)


def its_panel(filters: dict, point: dict) -> dict:
    def build():
        out = services.run_its(filters, **point)
        return {
            "result": out["result"],
            "break_label": out["break_label"],
            "excluded": out["excluded_year_only"],
        }

    return _guard("Interrupted time series", build)


WITHHELD_INDEX = ("incidents", "deaths", "injuries", "raw", "weighted", "score", "score_continuous")


def index_panel(filters: dict, public: bool = True) -> dict:
    def build():
        frame, description = services.gti_index(filters, public=public)
        rows = [{k: _clean(v) for k, v in r.items()} for r in frame.to_dict("records")]
        for r in rows:
            if r["suppressed"]:
                r.update(dict.fromkeys(WITHHELD_INDEX))
        shown = [r for r in rows if not r["suppressed"]]
        spec = charts.index_heatmap(shown, title=services.GTI_LABEL)
        return {"spec": spec, "rows": rows, "description": description, "k": small_cell_k()}

    return _guard(services.GTI_LABEL, build)
