"""Pure computation for NAP Monitor analysis: no Django import anywhere in this package.

Functions here take pandas DataFrames/Series or plain values and return DataFrames or
frozen dataclasses. The services in ``napmon.analysis`` read the database, call these
functions and store or render the results. Every function raises
:class:`napmon.analysis.compute.errors.ComputeError` (with a stable ``code``) when its
input cannot support the computation.

Modules: ``series`` (aggregation, percent change, CAGR, rates), ``before_after``
(windowed rate ratios), ``its`` (interrupted time series), ``volatility``,
``changepoints``, ``gti`` (GTI-style index), ``reconcile`` (dataset disagreement) and
``claims`` (claim verdicts).
"""
