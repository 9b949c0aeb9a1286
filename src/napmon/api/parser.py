"""The API's JSON body parser: objects only, finite numbers only.

Python's ``json`` module accepts ``NaN``, ``Infinity`` and numbers such as ``1e400``
(read as infinity), and any JSON value at the top. Every body the API takes is an
object, and no field can hold a non-finite number, so such bodies are refused here
with a 400 in the error shape instead of failing later as a 500.
"""

from __future__ import annotations

import json
import math

from ninja.parser import Parser

from napmon.api.errors import ApiError
from napmon.core.middleware import neutralise_bidi


def _constant(name: str):
    raise ApiError(
        f"{name} is not a number JSON allows; send a finite number.", code="invalid_number"
    )


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ApiError(f"{text} is out of range; send a finite number.", code="invalid_number")
    return value


class StrictJsonParser(Parser):
    """Parse a request body as a JSON object with finite numbers."""

    def parse_body(self, request):
        try:
            data = json.loads(request.body, parse_constant=_constant, parse_float=_float)
        except (ValueError, UnicodeDecodeError) as exc:
            if isinstance(exc, ApiError):
                raise
            raise ApiError("The request body is not valid JSON.", code="invalid_json") from None
        if not isinstance(data, dict):
            raise ApiError(
                f"The request body must be a JSON object, not {type(data).__name__}.",
                code="invalid_body",
            )
        return neutralise_bidi(data)  # free text can never reorder a page (core.middleware)
