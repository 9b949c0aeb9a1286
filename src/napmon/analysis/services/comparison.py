"""Comparison groups: comparative ITS (one province against another) and a synthetic
control (one province against a weighted mix of the others), as the one JSON document
per result that the CLI's ``--json``, the API and the ``/outcomes/comparison/`` page show.

Province series count FATA as part of Khyber Pakhtunkhwa throughout, so the 2018 merger
does not move events between series. Methods and limits: docs/analysis.md.
"""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from napmon.analysis.errors import AnalysisError
from napmon.analysis.services.inference import (
    _estimate,
    _month,
    caveats,
    dataset_document,
    how_to_read,
    number,
)
from napmon.analysis.services.outcomes import _break_date, _compute, month_series, one_dataset
from napmon.analysis.services.summaries import UNKNOWN, clean_filters, summarise
from napmon.core import geography

BLOCK_MONTHS = 3
DEFAULT_TREATED = "PK-KP"
DEFAULT_CONTROL = "PK-PB"


def areas() -> list[tuple[str, str]]:
    """Province-level areas a comparison can use: FATA is part of Khyber Pakhtunkhwa."""
    return [(u.code, u.name) for u in geography.UNITS if u.kind in ("province", "territory")]


def province_name(code: str) -> str:
    """The English name of a province code (the code when unknown)."""
    return geography.name_of(code)


def _window_doc(spec_window, start, end, before, after, transition) -> dict:
    return {
        "months_each_side": spec_window,
        "start": _month(start),
        "end": _month(end),
        "months_before": before,
        "months_after": after,
        "transition_months": transition,
    }


def comparative_document(
    filters: dict | None = None,
    *,
    province: str,
    control: str,
    at=None,
    intervention=None,
    window: int | str | None = 48,
    transition: int = 1,
) -> dict:
    """Comparative ITS of ``province`` against ``control`` (province codes such as
    ``PK-KP``) around a break, on one dataset, as JSON-ready data (CLI ``--json``, API
    and page). Raises AnalysisError ``missing_province``, ``one_dataset_needed``,
    ``no_monthly_data``, ``missing_break`` and the compute codes.
    """
    from napmon.analysis.compute.comparative import comparative_its
    from napmon.analysis.services.inference import _spec

    if not province or not control or province == control:
        raise AnalysisError(
            _("Give two different provinces to compare (province and control)."),
            code="missing_province",
            field="control" if province else "province",
        )
    filters = clean_filters(one_dataset({k: v for k, v in (filters or {}).items()
                                         if k not in ("province", "fold_fata")}))  # fmt: skip
    spec = _spec("auto", "fourier", window, transition, None, 12)
    when, label = _break_date(at, intervention)
    series = {}
    for code in (province, control):
        area = clean_filters({**filters, "province": code, "fold_fata": code == "PK-KP"})
        table, _unknown = month_series(area)
        series[code] = table.set_index("period")["events"]
    months = series[province].index.union(series[control].index)
    full = pd.date_range(months.min(), months.max(), freq="MS")
    a, b = (series[c].reindex(full, fill_value=0) for c in (province, control))
    names = {c: province_name(c) for c in (province, control)}
    result = _compute(
        comparative_its, a, b, when, spec,
        treated_label=names[province], control_label=names[control],
    )  # fmt: skip
    return {
        "dataset": dataset_document(filters["dataset"]),
        "break_date": when.isoformat(),
        "break_label": label,
        "province": province,
        "province_name": names[province],
        "control": control,
        "control_name": names[control],
        "window": _window_doc(
            spec.window,
            result.window_start,
            result.window_end,
            result.n_before,
            result.n_after,
            spec.transition,
        ),  # fmt: skip
        "family": result.family,
        "hac_lag": result.hac_lag,
        "level_difference": _estimate(result.level_ratio, result.level_ci, result.level_p),
        "slope_difference": _estimate(result.slope_ratio, result.slope_ci, result.slope_p),
        "sentence": result.sentence,
        "how_to_read": how_to_read("comparative"),
        "caveats": caveats(),
    }


def _province_panel(filters: dict) -> pd.DataFrame:
    """Monthly events per province code (FATA in KP), zero-filled, one column per area."""
    rows = [
        r
        for r in summarise(["province", "month"], {**filters, "fold_fata": True})
        if r["province"] != UNKNOWN and r["month"] != UNKNOWN
    ]
    if not rows:
        raise AnalysisError(
            _("A synthetic control needs imported events with a province and a month."),
            code="no_monthly_data",
        )
    by_name = {u.name: u.code for u in geography.UNITS}
    long = pd.DataFrame(
        {
            "area": [by_name.get(r["province"], r["province"]) for r in rows],
            "month": pd.to_datetime([f"{r['month']}-01" for r in rows]),
            "events": [r["events"] for r in rows],
        }
    )
    wide = long.groupby(["month", "area"])["events"].sum().unstack(fill_value=0)
    months = pd.date_range(wide.index.min(), wide.index.max(), freq="MS")
    wide = wide.reindex(months, fill_value=0)
    for code, _name in areas():
        if code not in wide.columns:
            wide[code] = 0
    return wide[[code for code, _name in areas()]]


def _blocks(wide: pd.DataFrame, when, window: int | None) -> pd.DataFrame:
    """Sum months into blocks of :data:`BLOCK_MONTHS` aligned on the break month, keeping
    ``window`` months each side (clipped to whole blocks inside the data)."""
    start = pd.Timestamp(when).to_period("M").to_timestamp()
    offset = ((wide.index.year - start.year) * 12 + wide.index.month - start.month).to_numpy()
    block = offset // BLOCK_MONTHS
    if window is not None:
        keep = (offset >= -int(window)) & (offset < int(window))
        wide, block = wide[keep], block[keep]
    counts = wide.groupby(block).agg(["sum", "count"])
    full = counts.xs("count", axis=1, level=1).iloc[:, 0] == BLOCK_MONTHS
    sums = counts.xs("sum", axis=1, level=1)[full]
    index = pd.PeriodIndex(
        [start.to_period("M") + int(b) * BLOCK_MONTHS for b in sums.index], freq="M"
    )
    return sums.set_axis(index)


def synthetic_document(
    filters: dict | None = None,
    *,
    province: str = DEFAULT_TREATED,
    donors: list[str] | None = None,
    at=None,
    intervention=None,
    window: int | str | None = 48,
    normalise: bool = True,
) -> dict:
    """Synthetic control of ``province`` from the other areas (or ``donors``) around a
    break, on one dataset, in blocks of 3 months aligned on the break month, as JSON-ready
    data (CLI ``--json``, API and page). Donors without events before the break are left
    out and listed. Raises AnalysisError ``missing_province``, ``one_dataset_needed``,
    ``no_monthly_data``, ``missing_break`` and the compute codes (``too_few_donors``,
    ``too_few_points`` ...)."""
    from napmon.analysis.compute.synthetic import synthetic_control

    codes = [c for c, _n in areas()]
    donors = [d for d in (donors or codes) if d != province]
    unknown = [c for c in [province, *donors] if c not in codes]
    if unknown:
        raise AnalysisError(
            _(
                "Unknown area %(areas)s; use one of %(codes)s (FATA is counted in "
                "Khyber Pakhtunkhwa)."
            )
            % {"areas": ", ".join(unknown), "codes": ", ".join(codes)},
            code="missing_province",
            field="province",
        )
    filters = clean_filters(one_dataset({k: v for k, v in (filters or {}).items()
                                         if k not in ("province", "fold_fata")}))  # fmt: skip
    when, label = _break_date(at, intervention)
    span = None if window in (None, 0, "all") else int(window)
    panel = _blocks(_province_panel(filters), when, span)[[province, *donors]]
    before = panel.index < pd.Period(when, "M")
    empty = [d for d in donors if panel.loc[before, d].sum() == 0]
    panel = panel.drop(columns=empty)
    names = {c: province_name(c) for c in panel.columns}
    result = _compute(
        synthetic_control, panel, province, when, normalise=normalise, labels=names,
        period=f"{BLOCK_MONTHS} months",
    )  # fmt: skip
    return _synthetic_doc(result, filters, when, label, span, names, empty, normalise)


def _synthetic_doc(result, filters, when, label, span, names, empty, normalise) -> dict:
    months = result.months
    limits = [*result.limits, _(
        "FATA merged into Khyber Pakhtunkhwa in 2018: its events are counted in Khyber "
        "Pakhtunkhwa throughout, so the merger moves no events between areas, but FATA "
        "cannot be a donor."
    )]  # fmt: skip
    if empty:
        limits.append(_("Left out of the donors (no events before the break): %(areas)s.")
                      % {"areas": ", ".join(province_name(c) for c in empty)})  # fmt: skip
    last = months["period"].iloc[-1] + pd.DateOffset(months=BLOCK_MONTHS - 1)
    return {
        "dataset": dataset_document(filters["dataset"]),
        "break_date": when.isoformat(),
        "break_label": label,
        "province": result.treated,
        "province_name": names[result.treated],
        "period_months": BLOCK_MONTHS,
        "normalised": normalise,
        "units": "percent of the pre-break mean" if normalise else "events per 3 months",
        "window": _window_doc(
            span,
            months["period"].iloc[0],
            last,
            result.n_pre * BLOCK_MONTHS,
            result.n_post * BLOCK_MONTHS,
            0,
        ),  # fmt: skip
        "weights": [
            {"area": code, "name": names[code], "weight": number(round(w, 4))}
            for code, w in sorted(result.weights.items(), key=lambda kv: -kv[1])
        ],
        "left_out": empty,
        "pre_rmspe": number(result.pre_rmspe),
        "pre_mean": number(result.pre_mean),
        "post_rmspe": number(result.post_rmspe),
        "rmspe_ratio": number(result.ratio),
        "mean_gap": number(result.mean_gap),
        "percent_gap": number(result.percent_gap),
        "placebo_p_value": number(result.p_value),
        "min_p_value": number(result.min_p_value),
        "placebos": [
            {
                "area": row.unit,
                "name": names[row.unit],
                "pre_rmspe": number(row.pre_rmspe),
                "post_rmspe": number(row.post_rmspe),
                "ratio": number(row.ratio),
            }
            for row in result.placebos.itertuples(index=False)
        ],  # fmt: skip
        "periods": [
            {
                "start": _month(row.period),
                "treated": number(row.treated),
                "synthetic": number(row.synthetic),
                "gap": number(row.gap),
                "after": bool(row.post),
            }
            for row in months.itertuples(index=False)
        ],  # fmt: skip
        "limits": limits,
        "sentence": result.sentence,
        "how_to_read": how_to_read("synthetic"),
        "caveats": caveats(),
    }
