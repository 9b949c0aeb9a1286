"""The Urdu scorecard PDF: its text, as pdftotext extracts it, holds the Urdu point titles."""

import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest
from django.utils import translation
from django.utils.dates import MONTHS

from napmon.briefs.services.render import render_brief
from napmon.core.audit import data_changed_at
from napmon.plans.models import Point

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "scorecard-ur.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    # pdftotext marks right-to-left runs with embedding controls, and shaped glyphs may come
    # back as presentation forms: drop the controls, and NFKC gives the letters as typed.
    out = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", out)
    return _letters(unicodedata.normalize("NFKC", out))


def _letters(text: str) -> str:
    """Words with single spaces and without combining vowel marks (the izafat's zer).

    poppler lifts combining marks out of their line, so the comparison is of the letters.
    """
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.split())


def test_urdu_scorecard_pdf_holds_the_urdu_point_titles_in_logical_order(tmp_path):
    text = _text(render_brief("scorecard", lang="ur", fmt="pdf"), tmp_path)
    titles = [p.title_ur for p in Point.objects.filter(version__label="2021")]
    assert len(titles) == 14
    missing = [t for t in titles if _letters(t) not in text]
    assert missing == []
    assert _letters("صوبائی محکمہ ہائے انسداد دہشت گردی کی مضبوطی") in text
    # The same words in another order are not found: the check reads the order.
    assert _letters("مضبوطی کی دہشت گردی انسداد ہائے محکمہ صوبائی") not in text
    assert "منصوبے کا اسکور کارڈ" in text  # the title, through gettext
    assert "نظرثانی شدہ قومی لائحہ عمل" in text
    as_of = date.fromisoformat(data_changed_at()[:10])
    with translation.override("ur"):
        month = str(MONTHS[as_of.month])
    # In reading order, not an ISO date turned around (pdftotext may drop the space at the
    # boundary of a left-to-right run).
    assert re.search(rf"بتاریخ ?{as_of.day} ?{month} ?{as_of.year}", text)
    assert "Choking terror finance" not in text
    # The bottom line names indicators in Urdu, with Urdu months.
    assert "فرقہ وارانہ دہشت گردی کے واقعات" in text
    assert "Sectarian terrorism incidents" not in text
    assert re.search("اکتوبر ?2024 ?تک", text)  # "by October 2024"
