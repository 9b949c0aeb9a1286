"""JSON for every face: finite numbers only, so no document ever carries ``NaN``.

``json.dumps`` writes ``NaN`` and ``Infinity`` by default, which is not JSON; an unknown
figure is ``null``. The API's renderer and the CLI's ``--json`` both go through here.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float (in dicts, lists, tuples) made None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def dumps(data: Any) -> str:
    """``data`` as indented JSON (dates as ISO text, NaN as null); never writes NaN."""
    return json.dumps(finite(data), indent=2, ensure_ascii=False, default=str, allow_nan=False)
