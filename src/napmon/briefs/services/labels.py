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
        "outcomes_events": "Events recorded in the event database, by year.",
        "outcomes_pips": (
            "No event records are loaded, so the trend uses the PIPS series quoted in the seed "
            "documents."
        ),
        "map_title": "Events by province, {period} ({dataset})",
        "map_note": (
            "Boundaries © OpenStreetMap contributors (ODbL); administrative boundaries as "
            "OpenStreetMap records them. FATA is drawn separately; events after its merger "
            "on 31 May 2018 are recorded under Khyber Pakhtunkhwa."
        ),
        "map_unknown": "{n} events with no province are not on the map.",
        "map_small": "Provinces with fewer than {k} events are drawn without a figure.",
        "province": "Province",
        "in_period": "Figures reported for the period",
        "none_in_period": "No figure in the database falls in this period.",
        "claims": "Claims ledger",
        "claims_intro": (
            "Each claim has two verdicts: consistency (does it match the figures its own "
            "document cites?) and independent evidence (what do event datasets other than its "
            "source say?). Matching its own source is not confirmation."
        ),
        "consistency": "Consistency with its source",
        "independent": "Independent evidence",
        "consistency_names": {
            "matches": "matches its source",
            "approximate": "roughly matches its source",
            "does_not_match": "does not match its source",
            "unverifiable": "cannot be checked against its source",
        },
        "independent_names": {
            "corroborated": "corroborated",
            "mixed": "partly corroborated",
            "contradicted": "contradicted",
            "no_independent_data": "no independent data",
        },
        "claims_counts": "Consistency: {consistency}. Independent evidence: {independent}",
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
        "bl_claims": "Of {count} claims in the ledger: {verdicts}.",
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
        "outcomes_events": "واقعات کے ڈیٹا بیس میں درج واقعات، سال بہ سال۔",
        "outcomes_pips": (
            "واقعات کا کوئی ریکارڈ موجود نہیں، اس لیے رجحان بنیادی دستاویزات میں نقل شدہ "
            "پی آئی پی ایس کے اعداد پر مبنی ہے۔"
        ),
        "map_title": "صوبہ وار واقعات، {period} ({dataset})",
        "map_note": (
            "حدود: © OpenStreetMap کے معاونین (ODbL)؛ انتظامی حدود جیسے OpenStreetMap میں "
            "درج ہیں۔ فاٹا الگ دکھایا گیا ہے؛ 31 مئی 2018 کے انضمام کے بعد کے واقعات خیبر "
            "پختونخوا میں درج ہیں۔"
        ),
        "map_unknown": "{n} واقعات جن کا صوبہ معلوم نہیں، نقشے پر نہیں ہیں۔",
        "map_small": "{k} سے کم واقعات والے صوبے بغیر عدد کے دکھائے گئے ہیں۔",
        "province": "صوبہ",
        "in_period": "اس مدت کے اعداد",
        "none_in_period": "اس مدت میں ڈیٹا بیس کا کوئی عدد نہیں آتا۔",
        "claims": "دعووں کا رجسٹر",
        "claims_intro": (
            "ہر دعوے کے دو فیصلے ہیں: مطابقت (کیا یہ اپنی ہی دستاویز کے اعداد سے میل کھاتا ہے؟) "
            "اور آزاد شواہد (اس کے ماخذ کے علاوہ واقعات کے ڈیٹا سیٹ کیا کہتے ہیں؟)۔ "
            "اپنے ماخذ سے مطابقت تصدیق نہیں ہے۔"
        ),
        "consistency": "اپنے ماخذ سے مطابقت",
        "independent": "آزاد شواہد",
        "consistency_names": {
            "matches": "اپنے ماخذ سے مطابقت رکھتا ہے",
            "approximate": "اپنے ماخذ سے تقریباً مطابقت رکھتا ہے",
            "does_not_match": "اپنے ماخذ سے مطابقت نہیں رکھتا",
            "unverifiable": "اپنے ماخذ سے جانچا نہیں جا سکتا",
        },
        "independent_names": {
            "corroborated": "آزادانہ تائید شدہ",
            "mixed": "جزوی طور پر تائید شدہ",
            "contradicted": "آزاد ڈیٹا سے متصادم",
            "no_independent_data": "کوئی آزاد ڈیٹا نہیں",
        },
        "claims_counts": "مطابقت: {consistency}۔ آزاد شواہد: {independent}",
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
        "bl_claims": "رجسٹر کے {count} دعووں میں سے: {verdicts}۔",
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
