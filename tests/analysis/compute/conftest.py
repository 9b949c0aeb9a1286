"""Fixtures for the pure computation tests (no database)."""

import pandas as pd
import pytest
from compute_synthetic import spread_over


@pytest.fixture
def pips_attacks() -> pd.DataFrame:
    """PIPS totals as events: 1,206 attacks spread over 2014 and 625 over 2015."""
    dates = spread_over("2014-01-01", "2014-12-31", 1206) + spread_over(
        "2015-01-01", "2015-12-31", 625
    )
    return pd.DataFrame({"date": pd.to_datetime(pd.Series(dates))})
