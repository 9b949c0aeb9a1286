"""Page panels: each calls one analysis service and returns what a template shows.

A panel is a dict with a title, the chart spec (or None), the table rows and, when the
service refused (no events, too few months ...), the message to show instead.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from napmon.analysis import charts, result_texts, services
from napmon.analysis.compute_messages import compute_html
from napmon.analysis.errors import AnalysisError
from napmon.core.visibility import small_cell_k


def _clean(value):
    return None if isinstance(value, float) and math.isnan(value) else value


def _guard(title: str, build) -> dict:
    try:
        return {"title": title, **build()}
    except AnalysisError as exc:
        return {"title": title, "message": exc.page_text(), "code": exc.code}


MEASURE_LABELS = {
    "events": gettext_lazy("events"),
    "killed": gettext_lazy("killed"),
    "injured": gettext_lazy("injured"),
    "casualties": gettext_lazy("casualties"),
}


def _rows(table) -> list[dict]:
    return [{k: _clean(v) for k, v in r.items()} for r in table.to_dict("records")]


def _one_dataset_only(filters: dict) -> None:
    if filters.get("dataset") == services.ALL_DATASETS:
        raise AnalysisError(
            _(
                "With all datasets chosen, each dataset is shown as its own series under "
                "“Datasets compared”; choose one dataset for this panel."
            ),
            code="one_dataset_needed",
        )


def year_panel(filters: dict, interventions) -> dict:
    """Yearly totals of one dataset: one bar chart per measure it records."""

    def build():
        _one_dataset_only(filters)
        table, basis = services.year_series(filters)
        rows = _rows(table)
        fields = ["events", "killed", "injured"] if basis == "events" else list(PIPS_FIELDS)
        recorded = [f for f in fields if any(r.get(f) is not None for r in rows)]
        name = filters.get("dataset") or "PIPS"
        specs = [
            {
                "id": f"chart-year-{field}",
                "spec": charts.year_bars(
                    rows,
                    field=field,
                    label=str(MEASURE_LABELS[field]),
                    title=_("%(dataset)s: %(measure)s per year")
                    % {"dataset": name, "measure": MEASURE_LABELS[field]},
                    interventions=interventions,
                ),
            }
            for field in recorded
        ]
        return {
            "charts": specs,
            "rows": rows,
            "basis": basis,
            "fields": fields,
            "field_labels": [str(MEASURE_LABELS[f]) for f in fields],
            "unrecorded": [str(MEASURE_LABELS[f]) for f in fields if f not in recorded],
        }

    return _guard(_("By year"), build)


def month_panel(filters: dict, interventions) -> dict:
    """Monthly events and deaths of one dataset, one line chart per measure."""

    def build():
        _one_dataset_only(filters)
        table, excluded = services.month_series(filters)
        rows = [
            {
                "period": p.date().isoformat(),
                "month": f"{p:%Y-%m}",
                "events": int(e),
                "killed": _clean(k),
                "injured": _clean(i),
            }
            for p, e, k, i in zip(
                table["period"], table["events"], table["killed"], table["injured"], strict=True
            )
        ]
        name = filters.get("dataset")
        specs = [
            {
                "id": f"chart-month-{field}",
                "spec": charts.time_chart(
                    rows,
                    period_field="period",
                    field=field,
                    label=str(MEASURE_LABELS[field]),
                    title=_("%(dataset)s: %(measure)s per month")
                    % {"dataset": name, "measure": MEASURE_LABELS[field]},
                    time_unit="yearmonth",
                    interventions=interventions,
                ),
            }
            for field in ("events", "killed")
            if any(r[field] is not None for r in rows)
        ]
        return {"charts": specs, "rows": rows, "excluded": excluded}

    return _guard(_("By month"), build)


PIPS_FIELDS = {
    "events": gettext_lazy("attacks"),
    "killed": gettext_lazy("killed"),
    "casualties": gettext_lazy("casualties"),
}


def pips_panel(interventions) -> dict:
    """The PIPS annual figures quoted in the seed documents, each linked to its source."""

    def build():
        rows = services.pips_year_rows()
        if not rows:
            raise AnalysisError(_("No PIPS figures are loaded."), code="no_data")
        specs = [
            {
                "id": f"chart-pips-{field}",
                "spec": charts.year_bars(
                    [{"year": r["year"], field: r[field]["value"]} for r in rows if r.get(field)],
                    field=field,
                    label=str(label),
                    title=_("PIPS: %(measure)s per year (as quoted)") % {"measure": label},
                    interventions=interventions,
                    colour="#6b4f8a",
                ),
            }
            for field, label in PIPS_FIELDS.items()
            if any(r.get(field) for r in rows)
        ]
        return {"charts": specs, "rows": rows, "fields": list(PIPS_FIELDS)}

    return _guard(_("PIPS annual figures (built-in indicators)"), build)


def province_panel(filters: dict) -> dict:
    def build():
        _one_dataset_only(filters)
        rows = services.province_breakdown(filters)
        if not rows:
            raise AnalysisError(_("No imported events match these filters."), code="no_data")
        spec = charts.bar_chart(
            [{"province": r["key"], "events": r["events"]} for r in rows],
            category="province",
            value="events",
            title=_("Events by province"),
            category_title=_("province"),
            value_title=_("events"),
        )
        return {"spec": spec, "rows": rows}

    return _guard(_("By province"), build)


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
        spec = charts.comparison_chart(long, title=_("Events per year by dataset"))
        return {"spec": spec, "rows": rows, "names": names}

    return _guard(_("Datasets compared"), build)


def annual_panel(filters: dict) -> dict:
    """Every imported annual figure, each measure under its own name."""
    rows = services.annual_figures(filters)
    return {"title": _("Imported annual figures"), "rows": rows}


def before_after_panel(filters: dict, point: dict, before: int, after: int | None) -> dict:
    def build():
        out = services.run_before_after(filters, before=before, after=after, **point)
        robust = out["robust"]
        return {
            "result": out["result"],
            "sentence": result_texts.before_after_text(out["result"]),
            "break_label": out["break_label"],
            "robust": None if isinstance(robust, dict) else robust,
            "robust_sentence": None
            if isinstance(robust, dict)
            else result_texts.robust_before_after_text(robust),
            "placebo_ratios": []
            if isinstance(robust, dict)
            else [float(r) for r in robust.placebo["ratio"]],
            "robust_message": (
                compute_html(robust["message"], robust.get("detail"))
                if isinstance(robust, dict) and robust.get("message")
                else None
            ),
            "note": services.how_to_read("before_after"),
            "dataset": out["dataset"],
        }

    return _guard(_("Before and after"), build)


def its_panel(filters: dict, point: dict, options: dict | None = None) -> dict:
    """The ITS document (``services.its_document``: the same as the CLI and the API), its
    chart of observed, fitted and counterfactual months and the placebo chart."""

    def build():
        doc = services.its_report(filters, **point, **(options or {}))
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
            "sentence": result_texts.its_text(doc),
            "placebo_sentence": result_texts.placebo_text(doc),
            "warnings": result_texts.its_warnings(doc),
            "dataset": doc["dataset"]["name"],
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
            surge = {"message": exc.page_text()}
        texts = {
            "change_points": result_texts.change_points_text(doc["change_points"]),
            "volatility": [result_texts.volatility_text(v) for v in doc["volatility"]],
        }
        return {"doc": doc, "surge": surge, "texts": texts}

    return _guard(_("Change points, volatility and surges"), build)


WITHHELD_INDEX = ("incidents", "deaths", "injuries", "raw", "weighted", "score", "score_continuous")


def index_panel(filters: dict, public: bool = True) -> dict:
    def build():
        frame, description = services.gti_index(filters, public=public)
        rows = [{k: _clean(v) for k, v in r.items()} for r in frame.to_dict("records")]
        for r in rows:
            if r["suppressed"]:
                r.update(dict.fromkeys(WITHHELD_INDEX))
        shown = [r for r in rows if not r["suppressed"]]
        spec = charts.index_heatmap(shown, title=_(services.GTI_LABEL))
        return {
            "spec": spec,
            "rows": rows,
            "description": description,
            "k": small_cell_k(),
            "dataset": services.dataset_info(frame.attrs["dataset"]),
            "unavailable": frame.attrs["unavailable"],
            "incomplete_years": frame.attrs["incomplete_years"],
        }

    return _guard(_(services.GTI_LABEL), build)


def comparison_panels(filters: dict, choice: dict) -> dict:
    """The comparative ITS and synthetic control documents of the comparison page (each
    the one the API and CLI give for the same query), or the message when one fails."""
    point = {k: choice[k] for k in ("at", "intervention") if k in choice}

    def comparative():
        doc = services.comparative_document(
            filters, province=choice["province"], control=choice["control"],
            window=choice["window"], **point,
        )  # fmt: skip
        return {"doc": doc, "sentence": result_texts.comparative_text(doc)}

    def synthetic():
        doc = services.synthetic_document(
            filters, province=choice["province"], window=choice["window"], **point
        )
        spec = charts.synthetic_chart(
            doc["periods"],
            area=doc["province_name"],
            break_month=doc["break_date"][:7],
            title=_("Synthetic control"),
        )
        return {
            "doc": doc,
            "spec": spec,
            "sentence": result_texts.synthetic_text(doc),
            "limits": result_texts.synthetic_limits(doc),
            "units": result_texts.synthetic_units(doc),
        }

    return {
        "comparative": _guard(_("Comparative interrupted time series"), comparative),
        "synthetic": _guard(_("Synthetic control"), synthetic),
    }
