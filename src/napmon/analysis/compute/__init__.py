"""Pure computation for NAP Monitor analysis: no Django import anywhere in this package.

Functions here take pandas DataFrames/Series or plain values and return DataFrames or
frozen dataclasses. The services in ``napmon.analysis`` read the database, call these
functions and store or render the results. Every function raises
:class:`napmon.analysis.compute.errors.ComputeError` (with a stable ``code``) when its
input cannot support the computation.

Modules: ``before_after`` (windowed rate ratios), ``its`` (interrupted time series), ``volatility``,
``changepoints``, ``gti`` (GTI-style index), ``reconcile`` (dataset disagreement) and
``claims`` (claim verdicts, with the change and rate arithmetic they need).

Counts per period are not computed here: the summary tables (``analysis.services.summaries``)
aggregate in SQL, and every face reads them through ``summary_document``. A former
``series`` module aggregated event DataFrames in pandas for no face and was removed.
"""
