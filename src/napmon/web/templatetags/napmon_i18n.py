"""Template helpers for text in two directions.

``{% local obj "title" %}`` picks the Urdu twin of a field when the page is in Urdu and
marks a translation nobody has reviewed; ``|ltr`` isolates figures, codes and dates so
that "2026-10" keeps its order inside right-to-left text; ``|bdi`` isolates a name in
another script; ``|local_date`` names months in the page's language; ``|vocab`` gives the
translated label of a status, rating, category or unit code.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy

from napmon.core.i18n import localise_date
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
