"""Progress status towards a target (pure: no database)."""

from datetime import date

import pytest

from napmon.indicators.progress import progress_status


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "status"),
    [
        (None, None, (date(2025, 6, 30), 10.0), "no_target"),
        ((2020, 100.0), None, (date(2025, 6, 30), 10.0), "no_target"),
        (None, (2030, 200.0), (date(2025, 6, 30), 150.0), "unknown"),
        ((2020, 100.0), (2030, 200.0), None, "unknown"),
        # Needed 7.2% a year; observed 2020-12-31 → 2025-12-31 at 100 → 150: 8.4% a year.
        ((2020, 100.0), (2030, 200.0), (date(2025, 12, 31), 150.0), "on_track"),
        # 100 → 110 in five years: 1.9% a year against 7.2% needed.
        ((2020, 100.0), (2030, 200.0), (date(2025, 12, 31), 110.0), "off_track"),
        ((2020, 100.0), (2030, 200.0), (date(2025, 12, 31), 90.0), "deteriorating"),
        ((2020, 100.0), (2030, 200.0), (date(2025, 12, 31), 210.0), "on_track"),
        # Lower is better, towards zero: linear method (CAGR undefined at 0).
        ((2020, 100.0), (2030, 0.0), (date(2025, 12, 31), 50.0), "on_track"),
        ((2020, 100.0), (2030, 0.0), (date(2025, 12, 31), 80.0), "off_track"),
    ],
)
def test_progress_status(baseline, target, latest, status):
    assert progress_status(baseline, target, latest).status == status


def test_numbers_behind_the_status():
    result = progress_status((2020, 100.0), (2030, 200.0), (date(2025, 12, 31), 110.0))
    assert result.numbers["method"] == "cagr"
    assert result.numbers["needed"] == pytest.approx(0.0718, abs=1e-3)
    assert result.numbers["actual"] == pytest.approx(0.0193, abs=1e-3)
