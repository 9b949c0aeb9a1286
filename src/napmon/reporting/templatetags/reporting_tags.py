"""Template filters of the reporting pages: figures as typed, rubric factors in words."""

from django import template

from napmon.reporting import explain

register = template.Library()


@register.filter
def figure(value):
    """5120 → 5,120; 250000000 → 250,000,000; never 5.12E+3."""
    return explain.figure(value)


@register.filter
def adjustment_text(adj):
    return explain.adjustment(adj)


@register.filter
def band_text(indicator):
    return explain.band(indicator)


@register.filter
def note_text(code):
    return explain.note(code)
