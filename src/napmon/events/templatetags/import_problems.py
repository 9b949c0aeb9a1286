"""``{{ problem|problem_text }}``: an import problem (or error) in the reader's language."""

from django import template

from napmon.events.problem_texts import problem_message

register = template.Library()


@register.filter
def problem_text(problem):
    """The problem's message as :func:`problem_message` gives it (``code`` and ``message``)."""
    return problem_message(getattr(problem, "code", ""), getattr(problem, "message", ""))
