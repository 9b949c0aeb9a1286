"""The Urdu scorecard PDF: tables read right to left, and the charts' Urdu is shaped.

Coordinates come from ``pdftotext -bbox-layout`` (poppler-utils): each word with its box
on the page. poppler gives the letters of a right-to-left word in visual order, so a word
is compared with its letters reversed.
"""

import re
import shutil
import subprocess
import unicodedata
from html import unescape

import pytest
from django.utils import translation

from napmon.briefs.services.render import render_brief
from napmon.indicators.models import Indicator

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (shutil.which("pdftotext") and shutil.which("pdfimages")), reason="needs poppler"
    ),
]
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def urdu_pdf(tmp_path_factory, django_db_setup, django_db_blocker):
    """The Urdu scorecard, rendered once for the tests of this module."""
    with django_db_blocker.unblock():
        pdf = render_brief("scorecard", lang="ur", fmt="pdf")
    path = tmp_path_factory.mktemp("brief") / "scorecard-ur.pdf"
    path.write_bytes(pdf)
    return path


def _logical(word: str) -> str:
    word = unicodedata.normalize("NFKC", unescape(word))
    word = "".join(c for c in word if unicodedata.category(c) not in ("Mn", "Cf"))
    return word[::-1] if ARABIC.search(word) else word


def _words(path) -> list[tuple[int, float, float, str]]:
    """(page, x, y, word in logical order) for every word of the PDF."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [
        (n, float(x), float(y), _logical(word))
        for n, page in enumerate(out.split("<page ")[1:])
        for x, y, _xmax, word in WORD.findall(page)
    ]


def _x_on_line(words, wanted: list[str], tolerance: float = 4.0) -> list[float]:
    """The x of each of ``wanted`` on the first printed line (same page, tops within
    ``tolerance`` points: table cells are separate blocks for poppler) holding them all."""
    for page, _x, top, word in words:
        if word != wanted[0]:
            continue
        near = {}
        for p, x, y, w in words:
            if p == page and abs(y - top) <= tolerance and w in wanted:
                near.setdefault(w, x)
        if all(w in near for w in wanted):
            return [near[w] for w in wanted]
    raise AssertionError(f"no line holds {wanted}")


def test_the_scorecard_table_is_mirrored_first_column_on_the_right(urdu_pdf):
    with translation.override("ur"):
        headers = [translation.gettext(h) for h in ("No.", "Status", "Rating")]
    first_words = [h.split()[0] for h in headers]  # "نمبر", "حالت", "درجہ"
    number, status, rating = _x_on_line(_words(urdu_pdf), first_words)
    # Right to left: number, point, status, rating, latest figures.
    assert number > status > rating


def test_point_numbers_sit_right_of_their_titles(urdu_pdf):
    words = _words(urdu_pdf)
    title = "عسکریت"  # "zero tolerance for militancy": point 1's title
    number, zero = _x_on_line(words, ["1", title])
    assert number > zero


def test_the_charts_urdu_is_shaped_not_reversed_letter_by_letter(urdu_pdf):
    text = subprocess.run(
        ["pdftotext", "-layout", str(urdu_pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    with translation.override("ur"):
        title = translation.gettext("Outcome trends")  # the outcome chart's title
    # WeasyPrint draws SVG text letter by letter: an Urdu chart title in an SVG would come
    # back as its letters reversed. The charts of an Urdu brief are images drawn by
    # vl-convert (shaped, right to left), so no reversed title is left in the text.
    assert title[::-1] not in text
    images = subprocess.run(
        ["pdfimages", "-list", str(urdu_pdf)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert len(images) >= 10  # the outcome chart and a chart per indicator with values
    # The chart's series and the outcome table name the PIPS indicator in Urdu.
    pips = Indicator.objects.get(slug="pips-terrorist-attacks")
    assert pips.name.split(" (")[0] not in text  # "Terrorist attacks in Pakistan"
    plain = unicodedata.normalize("NFKC", re.sub("[\u200e\u200f\u202a-\u202e]", "", text))
    assert pips.name_ur.split(" (")[0] in plain
