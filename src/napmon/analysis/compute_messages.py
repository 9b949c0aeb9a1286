"""The reader's-language wording of the refusals of :mod:`napmon.analysis.compute`.

The pure computation layer imports no Django, so it raises ``ComputeError`` with an
English ``message``, a stable ``code`` and the message's figures in ``params`` (with
``params["test"]`` naming the computation when one code has several wordings). The
services turn it into an ``AnalysisError`` here, at the boundary: this table words the
code through gettext with those figures. English keeps the computation's own sentence
(the CLI and the existing English texts do not change); a code missing from the table
keeps its English detail, isolated as English text (``<bdi lang="en">`` on pages,
Unicode isolates in plain text).
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FSI, PDI = "\u2068", "\u2069"

# Keyed by "code:test" for a wording with figures, or by the code alone for its meaning.
COMPUTE_MESSAGES = {
    "too_few_points:its": _(
        "An interrupted time series needs at least %(needed)s months on each side of "
        "%(month)s (after the transition); the window has %(before)s before and "
        "%(after)s after."
    ),
    "too_few_points:comparative": _(
        "A comparative ITS needs at least %(needed)s months on each side; the window has "
        "%(before)s before and %(after)s after."
    ),
    "too_few_points:change_points": _(
        "Change-point detection needs at least %(needed)s months; there are %(found)s."
    ),
    "too_few_points:model_terms": _("%(found)s months are too few for %(terms)s model terms."),
    "too_few_points:synthetic": _(
        "A synthetic control needs at least %(pre)s periods before the break and %(post)s "
        "after; there are %(before)s and %(after)s."
    ),
    "too_few_points": _("There are too few months for this analysis."),
    "too_few_donors": _(
        "A synthetic control needs at least %(needed)s donor units; there are %(found)s."
    ),
    "empty": _("There are no figures to analyse."),
    "gaps_in_series": _("The monthly series has gaps or repeated months."),
    "bad_counts": _("Counts must be whole, non-negative numbers for every period."),
    "negative_value": _("Counts cannot be negative."),
    "window_beyond_data": _("The windows reach outside the months the data cover."),
    "no_events_on_one_side": _("There are no events on one side of the break."),
    "no_events_before": _("A unit had no events before the break; leave it out of the donors."),
    "different_months": _("The two series must cover the same months."),
    "model_not_converged": _("The model could not be fitted."),
    "model_not_identifiable": _(
        "The seasonal terms cannot be told apart from the trend with this few months; use "
        "Fourier terms, no seasonality or a longer window."
    ),
    "not_converged": _("The donor weights could not be found."),
    "bad_window": _("The window is outside the range this analysis allows."),
    "bad_transition": _("The transition period must be between 0 and 24 months."),
    "bad_hac_lag": _("The autocorrelation lag cannot be used."),
    "bad_step": _("The placebo step must be 1 to 24 months."),
    "bad_seasonality": _("Seasonality must be none, 'fourier' (1 to 6 harmonics) or 'dummies'."),
    "bad_family": _("The model family is not known."),
    "bad_stated": _("The stated value cannot be read."),
    "duplicate_rows": _("A value appears more than once for the same place and period."),
}


# The verdict on the plan's effect (``compute.robustness.verdict_figures``), by reason.
VERDICT_MESSAGES = {
    "not_significant": _(
        "Not supported: the change at the break is within what chance and the pre-existing "
        "trend would produce (p = %(p)s); %(agree)s of %(total)s alternative specifications "
        "find a significant change in the same direction."
    ),
    "placebo": _(
        "Not supported: placebo breaks before the plan give level changes as large (placebo "
        "p-value %(placebo_p)s), so this change is not unusual."
    ),
    "robust": _(
        "Robust: all %(total)s combinations of break date, window and model agree, and "
        "placebo breaks rarely give a change as large; still an association, not proof of "
        "cause."
    ),
    "few_agree": _(
        "Not supported: only %(agree)s of %(total)s combinations of break date, window and "
        "model find a change."
    ),
    "depends_on_window": _(
        "Depends on the window: %(agree)s of %(total)s combinations find a change, and "
        "whether they do depends on how many months around the break are used."
    ),
    "depends_on_break": _(
        "Depends on the break date and model: %(agree)s of %(total)s combinations find a "
        "change, so it cannot be tied to one date."
    ),
}


def verdict_text(figures: dict) -> str:
    """The verdict sentence in the active language (English: the computation's own)."""
    from napmon.analysis.compute.robustness import verdict_sentence

    if _is_english():
        return verdict_sentence(figures)
    values = {
        **figures,
        "p": f"{FSI}{figures['p']:.2f}{PDI}",
        "placebo_p": f"{FSI}{(figures['placebo_p'] or 0):.2f}{PDI}",
    }
    return str(VERDICT_MESSAGES[figures["reason"]]) % values


def _is_english() -> bool:
    return (get_language() or "en").startswith("en")


def _lookup(exc) -> tuple[str | None, bool]:
    """The translated wording and whether it carries the figures (False: meaning only)."""
    params = getattr(exc, "params", None) or {}
    test = params.get("test")
    if test and f"{exc.code}:{test}" in COMPUTE_MESSAGES:
        try:
            return str(COMPUTE_MESSAGES[f"{exc.code}:{test}"]) % params, True
        except (KeyError, TypeError, ValueError):
            pass
    meaning = COMPUTE_MESSAGES.get(exc.code)
    return (str(meaning), False) if meaning is not None else (None, False)


def compute_text(exc) -> tuple[str, str | None]:
    """The text of a ``ComputeError`` in the active language, and the English detail a
    page should still show beside it (None when the text says it all).

    English: the computation's own sentence. Otherwise the table's wording with the
    figures (no detail); its meaning only (detail: the English sentence); or, for a code
    not in the table, the English sentence inside Unicode isolates (detail: the same)."""
    if _is_english():
        return exc.message, None
    text, full = _lookup(exc)
    if text is None:
        return f"{FSI}{exc.message}{PDI}", exc.message
    return text, None if full else exc.message


def compute_html(message: str, detail: str | None):
    """What a page shows for an analysis refusal: ``message`` as it is when there is no
    English ``detail``; else the detail marked as English (``<bdi lang="en">``), after the
    translated meaning, or alone when the code had no entry in the table."""
    if detail is None:
        return message
    isolated = f"{FSI}{detail}{PDI}"
    if isolated in message:
        head, _iso, tail = message.partition(isolated)
        return format_html('{}<bdi lang="en" dir="ltr">{}</bdi>{}', head, detail, tail)
    return format_html('{} <bdi lang="en" dir="ltr">({})</bdi>', message, detail)
