"""SQL that rebuilds the summary tables of one dataset, one ``INSERT ... SELECT`` each.

Kept as plain SQL because the ORM has no INSERT ... SELECT; table and column names come
from the models' ``_meta`` and the only vendor differences are the date functions.
"""

from __future__ import annotations

from django.db import connection

from napmon.analysis.models import DailySummary, MonthlySummary
from napmon.events.models import Event

_DATE_SQL = {
    "sqlite": (
        "CAST(strftime('%%Y', {d}) AS INTEGER)",
        "CAST(strftime('%%m', {d}) AS INTEGER)",
        "date({d}, 'start of month')",
    ),
    "postgresql": (
        "CAST(EXTRACT(YEAR FROM {d}) AS INTEGER)",
        "CAST(EXTRACT(MONTH FROM {d}) AS INTEGER)",
        "CAST(date_trunc('month', {d}) AS date)",
    ),
}
MEASURES = ("events", "killed", "killed_unknown", "injured", "injured_unknown")


def _col(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def daily_insert_sql() -> str:
    """INSERT into DailySummary the active events of dataset ``%s``, grouped by its key."""
    year, month, month_start = (
        f.format(d=_col(Event, "date")) for f in _DATE_SQL[connection.vendor]
    )
    e = {
        name: _col(Event, name)
        for name in (
            "dataset",
            "date",
            "date_precision",
            "country",
            "province",
            "actor",
            "event_type",
            "violence",
            "killed",
            "injured",
            "status",
        )
    }
    keys = [
        e["dataset"],
        e["date"],
        e["date_precision"],
        e["country"],
        e["province"],
        e["actor"],
        e["event_type"],
        e["violence"],
    ]
    target = [
        "dataset",
        "day",
        "precision",
        "country",
        "province",
        "actor",
        "event_type",
        "violence",
        "year",
        "month",
        "month_start",
        *MEASURES,
    ]
    select = [
        *keys,
        year,
        month,
        month_start,
        "COUNT(*)",
        f"COALESCE(SUM({e['killed']}), 0)",
        f"SUM(CASE WHEN {e['killed']} IS NULL THEN 1 ELSE 0 END)",
        f"COALESCE(SUM({e['injured']}), 0)",
        f"SUM(CASE WHEN {e['injured']} IS NULL THEN 1 ELSE 0 END)",
    ]
    # Identifiers come from the models' _meta, the dataset id is a query parameter.
    columns = ", ".join(_col(DailySummary, c) for c in target)
    sql = (
        f"INSERT INTO {_table(DailySummary)} ({columns}) "  # noqa: S608
        f"SELECT {', '.join(select)} FROM {_table(Event)} "
        f"WHERE {e['dataset']} = %s AND {e['status']} = 'active' "
        f"GROUP BY {', '.join(keys)}"
    )
    return sql


def monthly_insert_sql() -> str:
    """INSERT into MonthlySummary the daily rows of dataset ``%s`` rolled up to months."""
    keys = ["dataset", "year", "month", "month_start", "precision", "country", "province"]
    d = {name: _col(DailySummary, name) for name in (*keys, *MEASURES)}
    m = [_col(MonthlySummary, name) for name in (*keys, *MEASURES)]
    select = [d[k] for k in keys] + [f"SUM({d[name]})" for name in MEASURES]
    # Identifiers come from the models' _meta, the dataset id is a query parameter.
    return "".join(
        [
            f"INSERT INTO {_table(MonthlySummary)} ({', '.join(m)}) ",
            f"SELECT {', '.join(select)} FROM {_table(DailySummary)} ",  # noqa: S608
            f"WHERE {d['dataset']} = %s GROUP BY {', '.join(d[k] for k in keys)}",
        ]
    )
