"""Pakistan's province boundaries, shipped with the package (no network at run time).

``data/pakistan-provinces.geojson`` holds eight features from OpenStreetMap, FATA
(``PK-TA``) as its own shape, built by ``scripts/build-boundaries`` (coordinates rounded,
rings wound for d3-geo). Data © OpenStreetMap contributors, ODbL 1.0: every map shows
:data:`ATTRIBUTION`. Pure: no Django import.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "pakistan-provinces.geojson"
ATTRIBUTION = "© OpenStreetMap contributors"
LICENCE = "ODbL 1.0"
FATA = "PK-TA"
KP = "PK-KP"


@cache
def _collection() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def province_features() -> list[dict]:
    """The eight GeoJSON features, properties ``code``, ``name``, ``name_ur``, ``osm_id``.

    Returns a fresh copy each call, so callers may add properties.
    """
    return json.loads(json.dumps(_collection()["features"]))


def province_codes() -> list[str]:
    """The ISO 3166-2 codes of the shapes, in file order."""
    return [f["properties"]["code"] for f in _collection()["features"]]


def province_name(code: str, lang: str = "en") -> str:
    """The English name (the gazetteer's) or, for ``lang="ur"``, OSM's Urdu name."""
    for feature in _collection()["features"]:
        if feature["properties"]["code"] == code:
            key = "name_ur" if lang == "ur" else "name"
            return feature["properties"][key]
    return code
