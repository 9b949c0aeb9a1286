"""How far datasets disagree about the same figure (e.g. attacks in Pakistan in 2015)."""

from __future__ import annotations

import pandas as pd

from .errors import ComputeError

REQUIRED = ("dataset", "region", "period", "value")
RESERVED = ("region", "period", "n_datasets", "min", "max", "range", "median", "spread")


def reconcile(
    values: pd.DataFrame,
    *,
    region: str | None = None,
    period: object | None = None,
) -> pd.DataFrame:
    """One row per region and period: each dataset's value and how much they disagree.

    Input: a long table with columns ``dataset``, ``region``, ``period`` and ``value``
    (NaN = the dataset has no figure), optionally filtered to one ``region`` and/or
    ``period``. Output columns: ``region``, ``period``, one column per dataset (sorted by
    name), then over the datasets that have a value: ``n_datasets``, ``min``, ``max``,
    ``range = max - min``, ``median`` and ``spread = range / median`` (NaN when the median
    is 0 or no dataset has a value). A spread of 0.25 means the datasets' highest and
    lowest figures differ by a quarter of the middle one.

    Raises ComputeError: ``missing_column``, ``reserved_name`` (a dataset called like an
    output column), ``duplicate_rows`` (a dataset with two values
    for the same region and period), ``bad_dtype`` (non-numeric values) and ``empty``
    (nothing matches the filter).
    """
    for col in REQUIRED:
        if col not in values.columns:
            raise ComputeError(
                f"The table has no {col!r} column.", code="missing_column", field=col
            )
    if not pd.api.types.is_numeric_dtype(values["value"]):
        raise ComputeError("Values must be numbers.", code="bad_dtype", field="value")
    table = values
    if region is not None:
        table = table[table["region"] == region]
    if period is not None:
        table = table[table["period"] == period]
    if table.empty:
        raise ComputeError("No dataset has a value for this region and period.", code="empty")
    clash = sorted(set(table["dataset"].astype(str)) & set(RESERVED))
    if clash:
        raise ComputeError(
            f"Dataset names {clash} clash with output columns.",
            code="reserved_name",
            field="dataset",
        )
    if table.duplicated(["dataset", "region", "period"]).any():
        raise ComputeError(
            "A dataset has more than one value for the same region and period.",
            code="duplicate_rows",
            field="dataset",
        )
    wide = table.pivot(index=["region", "period"], columns="dataset", values="value")
    wide = wide[sorted(wide.columns, key=str)].astype(float)
    wide.columns.name = None
    stats = pd.DataFrame(
        {
            "n_datasets": wide.notna().sum(axis=1).astype("int64"),
            "min": wide.min(axis=1),
            "max": wide.max(axis=1),
        }
    )
    stats["range"] = stats["max"] - stats["min"]
    stats["median"] = wide.median(axis=1)
    stats["spread"] = stats["range"] / stats["median"].where(stats["median"] != 0)
    return pd.concat([wide, stats], axis=1).reset_index()
