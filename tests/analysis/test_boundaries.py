"""The shipped province boundaries (pure: no database)."""

from napmon.analysis import boundaries


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def test_eight_provinces_with_english_and_urdu_names():
    features = boundaries.province_features()
    assert sorted(f["properties"]["code"] for f in features) == [
        "PK-BA",
        "PK-GB",
        "PK-IS",
        "PK-JK",
        "PK-KP",
        "PK-PB",
        "PK-SD",
        "PK-TA",
    ]
    assert boundaries.province_name("PK-TA") == "Federally Administered Tribal Areas"
    assert boundaries.province_name("PK-PB", "ur") == "پنجاب"
    assert boundaries.province_name("PK-KP", "ur") == "خیبر پختونخوا"
    assert all(f["properties"]["name_ur"] for f in features)
    assert boundaries.ATTRIBUTION == "© OpenStreetMap contributors"


def test_outer_rings_are_wound_clockwise_for_d3_geo():
    for feature in boundaries.province_features():
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            assert _signed_area(polygon[0]) < 0, feature["properties"]["code"]
            lons = [x for x, _ in polygon[0]]
            assert min(lons) > 60 and max(lons) < 78
