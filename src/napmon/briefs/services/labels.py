"""The fixed wording of the briefs, through the gettext catalogue like every other page.

The brief is rendered in the language asked for (``labels`` resolves the wording under
that language); the Urdu is in ``locale/ur/LC_MESSAGES/django.po``. Data stay as the
sources give them; their Urdu twins come from the records themselves.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGS = ("en", "ur")

TEXT = {
    "scorecard_title": _("Plan scorecard"),
    "review_title": _("Six-monthly review"),
    "subtitle": _("{plan} {version}: {title}"),
    "data_as_of": _("Data as of {date}"),
    "period": _("Period: {period}"),
    "public_note": _("Public edition: restricted indicators, values and ratings are left out."),
    "full_note": _("Internal edition: includes restricted material."),
    "bottom_line": _("Bottom line"),
    "scorecard": _("Scorecard"),
    "no": _("No."),
    "point": _("Point"),
    "category": _("Category"),
    "status": _("Status"),
    "rating": _("Rating"),
    "rater": _("Rater"),
    "decided": _("Decided"),
    "latest_figures": _("Latest figures"),
    "not_recorded": _("not recorded"),
    "not_rated": _("not rated"),
    "points_heading": _("Points"),
    "indicators": _("Indicators"),
    "no_indicator": _("No indicator with sourced values for this point."),
    "period_col": _("Period"),
    "geography": _("Geography"),
    "value": _("Value"),
    "source": _("Source"),
    "outcomes": _("Outcome trends"),
    "outcomes_events": _("Events recorded in the event database, by year."),
    "outcomes_pips": _(
        "No event records are loaded, so the trend uses the PIPS series quoted in the "
        "seed documents."
    ),
    "outcomes_dataset": _(
        "Dataset {name}: {measure}; Pakistan only. Licence {licence}. Cite: {citation}"
    ),
    "target": _("Target"),
    "funding": _("Funding"),
    "no_funding": _(
        "No funding figure: no source gives an amount allocated, released or spent for this point."
    ),
    "fy_not_given": _("fiscal year not given"),
    "allocated": _("allocated"),
    "released": _("released"),
    "spent": _("spent"),
    "actions": _("Actions and milestones"),
    "overdue": _("overdue"),
    "percent_unknown": _("unknown"),
    "baseline": _("Baseline"),
    "progress": _("Progress"),
    "target_by": _("by"),
    "progress_no_target": _("no target set"),
    "progress_unknown": _("unknown: no value since the baseline"),
    "progress_on_track": _("on track"),
    "progress_off_track": _("off track"),
    "progress_deteriorating": _("deteriorating"),
    "conclusion": _("What the data can say about the plan"),
    "caveats": _("Caveats"),
    "no_conclusion": _(
        "No monthly event dataset is loaded, so no conclusion about the plan's effect is drawn."
    ),
    "map_title": _("Events by province, {period} ({dataset})"),
    "map_note": _(
        "Boundaries © OpenStreetMap contributors (ODbL); administrative boundaries as "
        "OpenStreetMap records them. FATA is drawn separately; events after its merger "
        "on 31 May 2018 are recorded under Khyber Pakhtunkhwa."
    ),
    "map_unknown": _("{n} events with no province are not on the map."),
    "map_small": _("Provinces with fewer than {k} events are drawn without a figure."),
    "province": _("Province"),
    "in_period": _("Figures reported for the period"),
    "none_in_period": _("No figure in the database falls in this period."),
    "claims": _("Claims ledger"),
    "claims_intro": _(
        "Each claim has two verdicts: consistency (does it match the figures its own "
        "document cites?) and independent evidence (what do event datasets other than "
        "its source say?). Matching its own source is not confirmation."
    ),
    "consistency": _("Consistency with its source"),
    "independent": _("Independent evidence"),
    "consistency_names": {
        "matches": _("matches its source"),
        "approximate": _("roughly matches its source"),
        "does_not_match": _("does not match its source"),
        "unverifiable": _("cannot be checked against its source"),
    },
    "independent_names": {
        "corroborated": _("corroborated"),
        "mixed": _("partly corroborated"),
        "contradicted": _("contradicted"),
        "no_independent_data": _("no independent data"),
    },
    "claims_counts": _("Consistency: {consistency}. Independent evidence: {independent}"),
    "no_claims": _("The claims ledger is empty."),
    "claim": _("Claim"),
    "verdict": _("Verdict"),
    "stated": _("Stated"),
    "computed": _("Computed"),
    "verdict_names": {
        "verified": _("verified"),
        "approximate": _("approximate"),
        "contradicted": _("contradicted"),
        "unverifiable": _("unverifiable"),
    },
    "reviews": _("Reviews and monthly reports"),
    "review_heading": _("Six-monthly review"),
    "dissent_count": _("Points with dissenting notes"),
    "rationale": _("Rationale"),
    "dissent": _("Dissent"),
    "yes": _("yes"),
    "no_dissent": _("none"),
    "no_review": _("No six-monthly review of this period has been finalised."),
    "rates_heading": _("Monthly reporting rates"),
    "month": _("Month"),
    "expected": _("Expected"),
    "submitted": _("Submitted"),
    "on_time": _("On time"),
    "approved": _("Approved"),
    "no_rates": _("No monthly reporting period falls in this period."),
    "methods": _("Methods and sources"),
    "methods_text": _(
        "Every figure is taken from the NAP Monitor database, where no number is stored "
        "without its source. Figures quoted by a seed document from another publisher "
        "name both. Statuses and ratings are those the sources give; no rating is "
        "invented where a source gives none. Bracketed numbers refer to the list of "
        "sources below. Charts show the values exactly as stored, one bar per reported "
        "period."
    ),
    "sources": _("Sources"),
    "events": _("events"),
    "killed": _("killed"),
    "year": _("Year"),
    "bl_points": _(
        "NAP {version} has {points} points. Sources report a current status for "
        "{statused} of them and a rating for {rated}: {ratings}."
    ),
    "bl_change": _("{name}: from {first} ({first_period}) to {last} ({last_period}) {cite}."),
    "bl_single": _("{name}: {value} ({period}) {cite}."),
    "bl_period": _("{count} figures in the database fall in {period}."),
    "bl_review": _(
        "The {label} review rated {points} point(s): {ratings}; {dissents} with "
        "dissenting notes {cite}."
    ),
    "bl_rates": _(
        "Monthly reports over {months} month(s): {submitted} of {expected} submitted, "
        "{on_time} on time, {approved} approved."
    ),
    "bl_claims": _("Of {count} claims in the ledger: {verdicts}."),
    "rating_names": {
        "satisfactory": _("satisfactory"),
        "mixed": _("mixed"),
        "unsatisfactory": _("unsatisfactory"),
        "not_rated": _("not rated"),
    },
    "none": _("none"),
}


def labels(lang: str) -> dict:
    """The wording in ``lang`` (``en`` or ``ur``; English for anything else), as plain text."""
    with translation.override(lang if lang in LANGS else "en"):
        return {
            key: {k: str(v) for k, v in value.items()} if isinstance(value, dict) else str(value)
            for key, value in TEXT.items()
        }
