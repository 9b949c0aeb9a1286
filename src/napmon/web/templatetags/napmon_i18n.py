"""Template helpers for text in two directions.

``{% local obj "title" %}`` picks the Urdu twin of a field when the page is in Urdu and
marks a translation nobody has reviewed; ``|ltr`` isolates figures, codes and dates so
that "2026-10" keeps its order inside right-to-left text; ``|bdi`` isolates a name in
another script; ``|local_date`` names months in the page's language; ``|vocab`` gives the
translated label of a status, rating, category or unit code.
"""

from __future__ import annotations

import re

from django import template
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, gettext_lazy

from napmon.indicators.models import Indicator, Rating
from napmon.plans.models import CrosswalkLink, Point, PointStatus

register = template.Library()

VOCABULARIES = {
    "status": PointStatus.Status,
    "rating": Rating.Value,
    "category": Point.Category,
    "level": Point.Level,
    "unit": Indicator.Unit,
    "relation": CrosswalkLink.Relation,
    "made_by": CrosswalkLink.MadeBy,
}
UNREVIEWED = gettext_lazy("translation not yet reviewed")
_ENGLISH_MONTHS = [
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
]
_MONTH = re.compile(r"\b(" + "|".join(_ENGLISH_MONTHS) + r")\b")
_BY = re.compile(r"^by (.+)$")
_HALF = re.compile(r"^H([12]) (\d{4})$")


def _is_urdu() -> bool:
    return (get_language() or "").startswith("ur")


def _field(obj, name: str):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


@register.simple_tag
def local(obj, name: str):
    """The field ``name`` of ``obj`` (a record or a query dict) in the page's language.

    In Urdu, ``<name>_ur`` when it is filled, followed by a mark when ``ur_reviewed`` is
    off; otherwise the English text.
    """
    english = _field(obj, name) or ""
    urdu = _field(obj, f"{name}_ur") if _is_urdu() else ""
    if not urdu:
        return english
    if _field(obj, "ur_reviewed"):
        return urdu
    return format_html(
        '{}<sup class="unreviewed" title="{}"><span aria-hidden="true">*</span>'
        '<span class="visually-hidden"> ({})</span></sup>',
        urdu,
        UNREVIEWED,
        UNREVIEWED,
    )


@register.filter
def ltr(value):
    """Isolate a figure, code or date left-to-right: "2026-10" stays "2026-10" in Urdu."""
    if value is None or value == "":
        return ""
    return format_html('<bdi class="ltr" dir="ltr">{}</bdi>', value)


@register.filter
def bdi(value):
    """Isolate a name whose script may differ from the page's (direction from its text)."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


def localise_date(text: str) -> str:
    """A stored date or period label ("by October 2024", "H1 2025") in the active language."""
    text = str(text)
    if match := _BY.match(text):
        return gettext("by %(date)s") % {"date": localise_date(match[1])}
    if match := _HALF.match(text):
        if match[1] == "1":
            return gettext("first half of %(year)s") % {"year": match[2]}
        return gettext("second half of %(year)s") % {"year": match[2]}
    return _MONTH.sub(lambda m: str(MONTHS[_ENGLISH_MONTHS.index(m[1]) + 1]), text)


@register.filter
def local_date(value):
    """``localise_date`` isolated, so its figures keep their order in either direction."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", localise_date(value))


@register.filter
def vocab(code, kind: str):
    """The translated label of a status, rating, category, level or unit code."""
    choices = VOCABULARIES[kind]
    try:
        return choices(code).label
    except ValueError:
        return code
