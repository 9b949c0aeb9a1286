"""JSON for every face: finite numbers only, so no document ever carries ``NaN``.

``json.dumps`` writes ``NaN`` and ``Infinity`` by default, which is not JSON; an unknown
figure is ``null``. The API's renderer and the CLI's ``--json`` both go through here.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float (in dicts, lists, tuples) made None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


class _Encoder(DjangoJSONEncoder):
    """Dates, times and decimals as the API writes them (Django's encoder, which
    django-ninja uses too); anything else as its text."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def dumps(data: Any) -> str:
    """``data`` as indented JSON (dates as the API writes them, NaN as null)."""
    return json.dumps(finite(data), indent=2, ensure_ascii=False, cls=_Encoder, allow_nan=False)
