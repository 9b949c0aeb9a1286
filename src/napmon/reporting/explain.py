"""The rating rubric's factors in words, for reviewers and the public (one place).

The rubric (``reporting/rubric.py``) records each factor with a stable code and
its numbers; these functions say what each means in a sentence, so no page
shows an internal code such as ``reporting_rate_low (-0.15)``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

BANDS = {
    "achieved": lambda: _("the target has been reached"),
    "on_track": lambda: _("on track: growing fast enough to reach the target in time"),
    "moderate": lambda: _("moderate progress: at least half the growth needed for the target"),
    "limited": lambda: _("limited progress: less than half the growth needed for the target"),
    "deteriorating": lambda: _("deteriorating: moving away from the target"),
    # xgettext:no-python-format
    "improving": lambda: _("improving by 5% or more between the first and last value"),
    "stable": lambda: _("stable: changed by less than 5% between the first and last value"),
    # xgettext:no-python-format
    "worsening": lambda: _("worsening by 5% or more between the first and last value"),
}


def _points(delta) -> str:
    return f"{float(delta):+.2f}"


def _percent(value) -> str:
    return f"{float(value) * 100:.0f}%"


def adjustment(adj: dict) -> str:
    """One score adjustment of a proposal as a sentence."""
    reason, delta = adj.get("reason"), _points(adj.get("delta", 0))
    if reason == "reporting_rate_low":
        return _(
            "Only %(rate)s of the expected monthly reports were approved (below 50%%): "
            "%(delta)s to the score."
        ) % {"rate": _percent(adj["rate"]), "delta": delta}
    if reason == "reporting_rate_high":
        return _(
            "%(rate)s of the expected monthly reports were approved (90%% or more): "
            "%(delta)s to the score."
        ) % {"rate": _percent(adj["rate"]), "delta": delta}
    if reason == "outcome_better":
        return _(
            "The outcome improved by %(pct)s%% over the half-year (10%% or more): "
            "%(delta)s to the score."
        ) % {"pct": abs(float(adj["change_pct"])), "delta": delta}
    if reason == "outcome_worse":
        return _(
            "The outcome worsened by %(pct)s%% over the half-year (10%% or more): "
            "%(delta)s to the score."
        ) % {"pct": abs(float(adj["change_pct"])), "delta": delta}
    return _("Other adjustment: %(delta)s to the score.") % {"delta": delta}


def band(indicator: dict) -> str:
    """What an indicator's band means, with the numbers behind it in words."""
    name = indicator.get("band")
    if not name:
        return _("not enough values to judge progress")
    text = BANDS[name]() if name in BANDS else name
    numbers = indicator.get("numbers") or {}
    if "change_pct" in numbers:
        text += " — " + _("from %(first)s to %(last)s (%(pct)s%%)") % {
            "first": figure(numbers["first"]),
            "last": figure(numbers["last"]),
            "pct": f"{numbers['change_pct']:+}",
        }
    elif "ratio" in numbers:
        text += " — " + _("growth of %(actual)s a year against %(needed)s a year needed") % {
            "actual": f"{numbers['actual_cagr'] * 100:.1f}%",
            "needed": f"{numbers['needed_cagr'] * 100:.1f}%",
        }
    elif "target" in numbers:
        text += " — " + _("latest %(latest)s, target %(target)s") % {
            "latest": figure(numbers["latest"]),
            "target": figure(numbers["target"]),
        }
    return text


def note(code: str) -> str:
    return {
        "no_measurable_indicator": _(
            "No indicator could be measured, so the score starts from the mid-point 0.5."
        ),
        "no_outcome_data": _("No outcome data for this point: the outcome does not count."),
    }.get(code, code)


def figure(value) -> str:
    """A figure with thousands separators and without exponent: 5,120 and 250,000,000."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    number = number.normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return f"{number:,f}"
