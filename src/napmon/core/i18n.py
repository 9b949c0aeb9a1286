"""Text in the active language that several faces need (pages, briefs)."""

from __future__ import annotations

import re

from django.utils.dates import MONTHS
from django.utils.translation import gettext

# English month names as stored labels spell them ("October 2024"), index 1 to 12. Not
# ``calendar.month_name``: that follows the process locale. indicators.periods writes
# labels with these names; localise_date reads them back.
ENGLISH_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = re.compile(r"\b(" + "|".join(ENGLISH_MONTHS[1:]) + r")\b")
_BY = re.compile(r"^by (.+)$")
_HALF = re.compile(r"^H([12]) (\d{4})$")
_AS_OF = re.compile(r"^as of (.+)$")
_REPORTED = re.compile(r"^reported by (.+) \(period not stated\)$")
_SINCE = re.compile(r"^since (\d{4}) \(as reported in (\d{4})\)$")
_TWO_YEARS = re.compile(r"^the two years to (.+)$")


def localise_date(text: str) -> str:
    """A stored date or period label ("by October 2024", "H1 2025") in the active language."""
    text = str(text)
    if match := _BY.match(text):
        return gettext("by %(date)s") % {"date": localise_date(match[1])}
    if match := _AS_OF.match(text):
        return gettext("as of %(date)s") % {"date": localise_date(match[1])}
    if match := _REPORTED.match(text):
        return gettext("reported by %(date)s (period not stated)") % {
            "date": localise_date(match[1])
        }
    if match := _SINCE.match(text):
        return gettext("since %(start)s (as reported in %(year)s)") % {
            "start": match[1],
            "year": match[2],
        }
    if match := _TWO_YEARS.match(text):
        return gettext("the two years to %(date)s") % {"date": localise_date(match[1])}
    if match := _HALF.match(text):
        if match[1] == "1":
            return gettext("first half of %(year)s") % {"year": match[2]}
        return gettext("second half of %(year)s") % {"year": match[2]}
    return _MONTH.sub(lambda m: str(MONTHS[ENGLISH_MONTHS.index(m[1])]), text)


def isolate(text) -> str:
    """``text`` between Unicode isolates (FSI … PDI), for plain text such as PDF sentences."""
    return f"\u2068{text}\u2069"
