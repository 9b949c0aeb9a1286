"""The limits a synthetic control must state: which apply, and their English words.

``limit_codes`` decides from the figures alone (of the fit or of its JSON document), so
the English sentences here and the reader's-language ones of the pages
(``napmon.analysis.result_texts``) always name the same limits. Pure (no Django, no
pandas).
"""

from __future__ import annotations

POOR_FIT = 0.25  # pre-period RMSPE above this share of the scale: a poor fit


def limit_codes(pre_rmspe: float, pre_mean: float, normalise: bool) -> list[str]:
    """The limits a fit must state, by code, in the order of ``SyntheticControl.limits``:
    ``min_p_value`` and ``no_untreated_donor`` always, ``outside_hull`` when raw counts
    are matched, ``poor_fit`` when the pre-period RMSPE exceeds a quarter of
    ``fit_scale``. Takes the figures of the fit or of its JSON document, so a page can
    word the same limits in its reader's language (``napmon.analysis.result_texts``)."""
    found = ["min_p_value", "no_untreated_donor"]
    if not normalise:
        found.append("outside_hull")
    scale = fit_scale(pre_mean, normalise)
    if scale > 0 and pre_rmspe > POOR_FIT * scale:
        found.append("poor_fit")
    return found


def fit_scale(pre_mean: float, normalise: bool) -> float:
    """What the pre-period RMSPE is judged against: the treated unit's pre-period mean
    (100 when each unit is scaled to its own pre-period mean)."""
    return 100.0 if normalise else pre_mean


def synthetic_limits(r: dict, n_donors: int, normalise: bool) -> tuple[str, ...]:
    """The English limits of a fit (``r``: the fields of ``SyntheticControl``, ``n_donors``
    the donors refitted as placebos), as the CLI and the API give them."""
    texts = {
        "min_p_value": (
            f"With {n_donors} donor units the placebo p-value cannot be below "
            f"{1 / (1 + n_donors):.2f}: no result can be 'significant' at 5%."
        ),
        "no_untreated_donor": (
            "A national plan acts on every province, so no donor is untreated: the synthetic "
            "control shows whether the treated area changed differently from a weighted mix "
            "of the others, not what would have happened without the plan."
        ),
        "outside_hull": (
            "Raw counts are matched: a unit with more events than any donor lies outside "
            "their convex hull and cannot be matched."
        ),
        "poor_fit": (
            f"The pre-period fit is poor (RMSPE {r['pre_rmspe']:.1f} against a pre-period "
            f"mean of {fit_scale(r['pre_mean'], normalise):.1f}): the treated area lies "
            "outside what the donors can reproduce (the convex hull), so the post-period gap "
            "is not reliable."
        ),
    }
    return tuple(texts[c] for c in limit_codes(r["pre_rmspe"], r["pre_mean"], normalise))
