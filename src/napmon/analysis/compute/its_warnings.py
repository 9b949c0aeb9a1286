"""The warnings of an interrupted time series fit: which apply, and their English words.

``warning_codes`` decides from the figures alone (of the fit or of its JSON document), so
the English sentences here and the reader's-language ones of the pages
(``napmon.analysis.result_texts``) always name the same warnings. Pure (no Django).
"""

from __future__ import annotations

import math

from ._text import fmt_p

OVERDISPERSION_P = 0.05  # dispersion test p below this: the counts are overdispersed
AUTOCORRELATION_P = 0.05  # Ljung-Box p below this: the residuals are still autocorrelated


def warning_codes(family: str, dispersion_p, ljung_box_p) -> list[str]:
    """The warnings a fit calls for, by code, in the order of ``ITSResult.warnings``:
    ``overdispersed_poisson`` (Poisson chosen though the dispersion test rejects it) and
    ``residual_autocorrelation`` (Ljung-Box p < 0.05). Takes the figures of the result or
    of its JSON document (None for a missing figure), so a page can word the same warnings
    in its reader's language (``napmon.analysis.result_texts``)."""
    found = []
    if family == "poisson" and _below(dispersion_p, OVERDISPERSION_P):
        found.append("overdispersed_poisson")
    if _below(ljung_box_p, AUTOCORRELATION_P):
        found.append("residual_autocorrelation")
    return found


def _below(p, threshold: float) -> bool:
    return p is not None and not math.isnan(p) and p < threshold


def its_warnings(r: dict) -> list[str]:
    """The English warnings of a fit (``r``: the fields of ``ITSResult``), as the CLI and
    the API give them."""
    texts = {
        "overdispersed_poisson": (
            f"Poisson was chosen although the counts are overdispersed (Pearson chi2/df "
            f"{r['dispersion']:.2f}, {fmt_p(r['dispersion_p'])}): its p-values are too small. "
            "Use the negative binomial or quasi-Poisson family."
        ),
        "residual_autocorrelation": (
            f"The residuals are still autocorrelated (Ljung-Box {fmt_p(r['ljung_box_p'])} at "
            f"{r['ljung_box_lags']} lags); the robust intervals allow for this only in part, so "
            "treat borderline p-values with caution."
        ),
    }
    return [texts[code] for code in warning_codes(r["family"], r["dispersion_p"], r["ljung_box_p"])]
