"""The fixed wording of the briefs in English and Urdu (data stay as the sources give them)."""

from __future__ import annotations

LANGS = ("en", "ur")

TEXT = {
    "en": {
        "scorecard_title": "Plan scorecard",
        "review_title": "Six-monthly review",
        "subtitle": "{plan} {version}: {title}",
        "data_as_of": "Data as of {date}",
        "period": "Period: {period}",
        "public_note": "Public edition: restricted indicators, values and ratings are left out.",
        "full_note": "Internal edition: includes restricted material.",
        "bottom_line": "Bottom line",
        "scorecard": "Scorecard",
        "no": "No.",
        "point": "Point",
        "category": "Category",
        "status": "Status",
        "rating": "Rating",
        "latest_figures": "Latest figures",
        "not_recorded": "not recorded",
        "not_rated": "not rated",
        "points_heading": "Points",
        "indicators": "Indicators",
        "no_indicator": "No indicator with sourced values for this point.",
        "period_col": "Period",
        "geography": "Geography",
        "value": "Value",
        "source": "Source",
        "outcomes": "Outcome trends",
        "conclusion": "What the data can say about the plan",
        "caveats": "Caveats",
        "no_conclusion": (
            "No monthly event dataset is loaded, so no conclusion about the plan's effect is drawn."
        ),
        "outcomes_events": "Events recorded in the event database, by year.",
        "outcomes_pips": (
            "No event records are loaded, so the trend uses the PIPS series quoted in the seed "
            "documents."
        ),
        "in_period": "Figures reported for the period",
        "none_in_period": "No figure in the database falls in this period.",
        "claims": "Claims ledger",
        "claims_intro": (
            "Each claim in the ledger is recomputed from the figures in the database. Verdicts:"
        ),
        "no_claims": "The claims ledger is empty.",
        "claim": "Claim",
        "verdict": "Verdict",
        "stated": "Stated",
        "computed": "Computed",
        "verdict_names": {
            "verified": "verified",
            "approximate": "approximate",
            "contradicted": "contradicted",
            "unverifiable": "unverifiable",
        },
        "reviews": "Reviews and monthly reports",
        "review_heading": "Six-monthly review",
        "dissent_count": "Points with dissenting notes",
        "rationale": "Rationale",
        "dissent": "Dissent",
        "yes": "yes",
        "no_dissent": "none",
        "no_review": "No six-monthly review of this period has been finalised.",
        "rates_heading": "Monthly reporting rates",
        "month": "Month",
        "expected": "Expected",
        "submitted": "Submitted",
        "on_time": "On time",
        "approved": "Approved",
        "no_rates": "No monthly reporting period falls in this period.",
        "methods": "Methods and sources",
        "methods_text": (
            "Every figure is taken from the NAP Monitor database, where no number is stored "
            "without its source. Figures quoted by a seed document from another publisher name "
            "both. Statuses and ratings are those the sources give; no rating is invented where "
            "a source gives none. Bracketed numbers refer to the list of sources below. Charts "
            "show the values exactly as stored, one bar per reported period."
        ),
        "sources": "Sources",
        "events": "events",
        "killed": "killed",
        "year": "Year",
        "bl_points": (
            "NAP {version} has {points} points. Sources report a current status for {statused} "
            "of them and a rating for {rated}: {ratings}."
        ),
        "bl_change": "{name}: from {first} ({first_period}) to {last} ({last_period}) {cite}.",
        "bl_single": "{name}: {value} ({period}) {cite}.",
        "bl_period": "{count} figures in the database fall in {period}.",
        "bl_review": (
            "The {label} review rated {points} point(s): {ratings}; {dissents} with dissenting "
            "notes {cite}."
        ),
        "bl_rates": (
            "Monthly reports over {months} month(s): {submitted} of {expected} submitted, "
            "{on_time} on time, {approved} approved."
        ),
        "bl_claims": "Of {count} claims checked against the data: {verdicts}.",
        "rating_names": {
            "satisfactory": "satisfactory",
            "mixed": "mixed",
            "unsatisfactory": "unsatisfactory",
            "not_rated": "not rated",
        },
        "none": "none",
    },
    "ur": {
        "scorecard_title": "منصوبے کا اسکور کارڈ",
        "review_title": "ششماہی جائزہ",
        "subtitle": "{plan} {version}: {title}",
        "data_as_of": "اعداد و شمار بتاریخ {date}",
        "period": "مدت: {period}",
        "public_note": "عوامی اشاعت: محدود اشاریے، اقدار اور درجہ بندیاں شامل نہیں۔",
        "full_note": "اندرونی اشاعت: محدود مواد شامل ہے۔",
        "bottom_line": "خلاصہ",
        "scorecard": "اسکور کارڈ",
        "no": "نمبر",
        "point": "نکتہ",
        "category": "زمرہ",
        "status": "صورتِ حال",
        "rating": "درجہ بندی",
        "latest_figures": "تازہ ترین اعداد",
        "not_recorded": "درج نہیں",
        "not_rated": "درجہ بندی نہیں",
        "points_heading": "نکات",
        "indicators": "اشاریے",
        "no_indicator": "اس نکتے کے لیے کوئی مستند اشاریہ موجود نہیں۔",
        "period_col": "مدت",
        "geography": "علاقہ",
        "value": "قدر",
        "source": "ماخذ",
        "outcomes": "نتائج کے رجحانات",
        "conclusion": "منصوبے کے بارے میں اعداد و شمار کیا کہہ سکتے ہیں",
        "caveats": "احتیاطی نکات",
        "no_conclusion": (
            "واقعات کا کوئی ماہانہ ڈیٹا سیٹ موجود نہیں، اس لیے منصوبے کے اثر کے بارے میں کوئی "
            "نتیجہ اخذ نہیں کیا گیا۔"
        ),
        "outcomes_events": "واقعات کے ڈیٹا بیس میں درج واقعات، سال بہ سال۔",
        "outcomes_pips": (
            "واقعات کا کوئی ریکارڈ موجود نہیں، اس لیے رجحان بنیادی دستاویزات میں نقل شدہ "
            "پی آئی پی ایس کے اعداد پر مبنی ہے۔"
        ),
        "in_period": "اس مدت کے اعداد",
        "none_in_period": "اس مدت میں ڈیٹا بیس کا کوئی عدد نہیں آتا۔",
        "claims": "دعووں کا رجسٹر",
        "claims_intro": "رجسٹر کا ہر دعویٰ ڈیٹا بیس کے اعداد سے دوبارہ جانچا گیا ہے۔ فیصلے:",
        "no_claims": "دعووں کا رجسٹر خالی ہے۔",
        "claim": "دعویٰ",
        "verdict": "فیصلہ",
        "stated": "بیان کردہ",
        "computed": "حساب شدہ",
        "verdict_names": {
            "verified": "تصدیق شدہ",
            "approximate": "تقریباً درست",
            "contradicted": "غلط ثابت",
            "unverifiable": "ناقابلِ تصدیق",
        },
        "reviews": "جائزے اور ماہانہ رپورٹیں",
        "review_heading": "ششماہی جائزہ",
        "dissent_count": "اختلافی نوٹ والے نکات",
        "rationale": "وجہ",
        "dissent": "اختلاف",
        "yes": "ہاں",
        "no_dissent": "کوئی نہیں",
        "no_review": "اس مدت کا کوئی ششماہی جائزہ حتمی نہیں ہوا۔",
        "rates_heading": "ماہانہ رپورٹنگ کی شرح",
        "month": "مہینہ",
        "expected": "متوقع",
        "submitted": "جمع شدہ",
        "on_time": "بروقت",
        "approved": "منظور شدہ",
        "no_rates": "اس مدت میں رپورٹنگ کا کوئی مہینہ نہیں آتا۔",
        "methods": "طریقۂ کار اور ماخذ",
        "methods_text": (
            "ہر عدد این اے پی مانیٹر کے ڈیٹا بیس سے لیا گیا ہے، جس میں کوئی عدد ماخذ کے بغیر "
            "درج نہیں ہوتا۔ قوسین میں دیے گئے نمبر نیچے ماخذوں کی فہرست کی طرف اشارہ کرتے ہیں۔"
        ),
        "sources": "ماخذ",
        "events": "واقعات",
        "killed": "ہلاکتیں",
        "year": "سال",
        "bl_points": (
            "قومی لائحہ عمل {version} کے {points} نکات ہیں۔ ماخذ {statused} نکات کی موجودہ "
            "صورتِ حال اور {rated} کی درجہ بندی بتاتے ہیں: {ratings}۔"
        ),
        "bl_change": "{name}: {first} ({first_period}) سے {last} ({last_period}) تک {cite}۔",
        "bl_single": "{name}: {value} ({period}) {cite}۔",
        "bl_period": "{period} میں ڈیٹا بیس کے {count} اعداد آتے ہیں۔",
        "bl_review": (
            "{label} کے جائزے میں {points} نکات کی درجہ بندی ہوئی: {ratings}؛ {dissents} پر "
            "اختلافی نوٹ {cite}۔"
        ),
        "bl_rates": (
            "{months} مہینوں کی ماہانہ رپورٹیں: {expected} میں سے {submitted} جمع، {on_time} "
            "بروقت، {approved} منظور۔"
        ),
        "bl_claims": "ڈیٹا سے جانچے گئے {count} دعووں میں سے: {verdicts}۔",
        "rating_names": {
            "satisfactory": "تسلی بخش",
            "mixed": "ملا جلا",
            "unsatisfactory": "غیر تسلی بخش",
            "not_rated": "درجہ بندی نہیں",
        },
        "none": "کوئی نہیں",
    },
}


def labels(lang: str) -> dict:
    """The wording for ``lang`` (``en`` or ``ur``); English for anything else."""
    return TEXT.get(lang, TEXT["en"])
