"""The Urdu briefs carry no leftover English in their fixed wording: the dates of the
indicator values ("as of November 2024", "reported by 2025 ...") and the verdict on
the plan's effect are written through gettext."""

import re

import pytest

from napmon.briefs.services.render import render_html

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    html = re.sub(r"<(style|svg)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_urdu_scorecard_dates_of_values_are_in_urdu(urdu_fragments):
    text = _text(render_html("scorecard", lang="ur"))
    # (Quoted claims keep their source's English; the fixed phrases of the values do not.)
    assert not re.search(r"as of (نومبر|November)|reported by 2025|period not stated", text)
    assert "\u2068نومبر 2024\u2069 تک کی صورتِ حال" in text
    assert "\u20682025\u2069 تک رپورٹ شدہ (مدت درج نہیں)" in text
    english = _text(render_html("scorecard", lang="en"))
    assert "as of November 2024" in english


def test_urdu_scorecard_verdict_on_the_plan_is_in_urdu(ucdp_events, urdu_fragments):
    html = render_html("scorecard", lang="ur")
    verdict = re.search(r'<p class="conclusion"><strong>(.*?)</strong>', html, re.S)[1]
    assert not re.search(r"Not supported|Robust|Depends on", verdict)
    assert re.match(
        r"(تائید نہیں ہوتی|مستحکم|مدت پر منحصر|وقفے کی تاریخ اور ماڈل پر منحصر):", verdict
    )
    # The model's sentence is in Urdu too (the /outcomes/ page's wording), its figures
    # isolated so they read left to right.
    sentence = re.search(r'<p class="conclusion-sentence">(.*?)</p>', html, re.S)[1]
    assert "شرح کا تناسب" in sentence and "یہ ایک تعلق ہے" in sentence
    assert not re.search(r"fell by|rose by|rate ratio", sentence)
    assert re.search(r"\u2068\d\.\d\d\u2069", sentence)


def test_urdu_review_lists_the_period_figures_with_urdu_names_and_dates(urdu_fragments):
    html = render_html("review", None, "ur")
    rows = re.findall(r"<tr><td><bdi>([^<]*)</bdi></td><td><bdi>([^<]*)</bdi></td>", html)
    assert (
        "دہشت گردوں کے استعمال کردہ افغان خودکش حملہ آور",
        "\u2068اکتوبر 2025\u2069 تک کے دو سال",
    ) in rows
    assert not any(name.startswith("Afghan suicide") for name, _period in rows)
    text = _text(html)  # (quoted claims keep their source's English)
    for english in (
        "the two years to",
        "as reported in",
        "period not stated",
    ):
        assert english not in text, english
