"""Folding names so that 'N.W.F.P.', 'nwfp' and 'NWFP ' compare equal."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """The lookup key of a place or group name: accents, case, punctuation and spaces removed.

    Used for the gazetteer and actor aliases, so an alias matches however a
    source capitalises, hyphenates or punctuates it.
    """
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", text.lower().replace("&", "and"))
