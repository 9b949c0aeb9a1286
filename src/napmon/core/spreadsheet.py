"""Keeping text safe for spreadsheets (pure, no Django).

A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by spreadsheet programs as a formula. Text cells that begin so get a leading
single quote (``'=1+1``) and are shown as text. Numbers are never passed through
this: callers write numeric columns as plain numbers, so ``-48`` stays ``-48``.
"""

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(text: str) -> str:
    """Prefix a quote to text a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(DANGEROUS_START) else text
