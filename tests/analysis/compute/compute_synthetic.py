"""Synthetic data for the pure computation tests (imported by module name: no __init__.py here)."""

import numpy as np
import pandas as pd

MONTHS = pd.date_range("2012-01-01", periods=72, freq="MS", name="period")
INTERVENTION = MONTHS[36]


def step_means(base_per_month: float = 40.0, ratio: float = 0.5, at: int = 36) -> np.ndarray:
    """Expected counts: ``base_per_month`` (scaled by month length) then ``ratio`` times it."""
    days = MONTHS.days_in_month.to_numpy()
    step = np.where(np.arange(len(MONTHS)) >= at, ratio, 1.0)
    return base_per_month * days / (365.25 / 12) * step


def poisson_counts(seed: int, **kwargs) -> pd.Series:
    rng = np.random.default_rng(seed)
    return pd.Series(rng.poisson(step_means(**kwargs)), index=MONTHS)


def nb_counts(seed: int, alpha: float = 0.1, **kwargs) -> pd.Series:
    """Gamma-Poisson mixture: mean mu, variance mu + alpha mu^2 (NB2)."""
    rng = np.random.default_rng(seed)
    mu = step_means(**kwargs)
    return pd.Series(rng.poisson(rng.gamma(1 / alpha, mu * alpha)), index=MONTHS)


def events_on(dates_and_counts: dict[str, int]) -> pd.DataFrame:
    """An event table with ``n`` events on each given day."""
    dates = [pd.Timestamp(d) for d, n in dates_and_counts.items() for _ in range(n)]
    return pd.DataFrame({"date": pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]"))})


def spread_over(start: str, end: str, n: int) -> list[pd.Timestamp]:
    """``n`` event dates cycling through every day from ``start`` to ``end``."""
    days = pd.date_range(start, end, freq="D")
    return [days[i % len(days)] for i in range(n)]


def ar1_nb_counts(
    rng: np.random.Generator,
    n: int = 96,
    *,
    at: int = 48,
    level: float = 1.0,
    rho: float = 0.4,
    sd: float = 0.2,
    alpha: float = 0.1,
    base: float = 30.0,
    trend: float = 0.003,
    start: str = "2010-01",
) -> pd.Series:
    """Monthly counts with AR(1) noise (``rho``) on the log rate plus NB2 overdispersion.

    ``log mu_t = log(base) + trend t + e_t (+ log(level) from month ``at``)``,
    ``e_t = rho e_{t-1} + N(0, sd)``; counts are gamma-Poisson with variance
    ``mu + alpha mu^2``. The true level ratio is ``level`` and the slope change 1.
    """
    e = np.zeros(n)
    e[0] = rng.normal(0, sd / np.sqrt(1 - rho**2))
    for i in range(1, n):
        e[i] = rho * e[i - 1] + rng.normal(0, sd)
    t = np.arange(n)
    mu = base * np.exp(trend * t + e) * np.where(t >= at, level, 1.0)
    counts = rng.poisson(rng.gamma(1 / alpha, mu * alpha))
    return pd.Series(counts, index=pd.period_range(start, periods=n, freq="M"))
