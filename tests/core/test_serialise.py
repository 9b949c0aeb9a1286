"""JSON of every face: an unknown figure is null, never NaN (which is not JSON)."""

import json
import math
from datetime import UTC, date, datetime
from decimal import Decimal

from napmon.core.serialise import dumps, finite


def test_nan_and_infinity_become_null_at_any_depth():
    data = {"a": math.nan, "b": [1.5, math.inf, {"c": -math.inf}], "d": (2, math.nan)}
    assert finite(data) == {"a": None, "b": [1.5, None, {"c": None}], "d": [2, None]}
    assert json.loads(dumps(data)) == {"a": None, "b": [1.5, None, {"c": None}], "d": [2, None]}
    assert "NaN" not in dumps(data) and "Infinity" not in dumps(data)


def test_dates_and_decimals_are_written_as_the_api_writes_them():
    text = dumps(
        {
            "day": date(2025, 4, 10),
            "at": datetime(2025, 4, 1, 9, 30, tzinfo=UTC),
            "n": Decimal("1.5"),
        }
    )
    assert json.loads(text) == {"day": "2025-04-10", "at": "2025-04-01T09:30:00Z", "n": "1.5"}
