"""Keeping the summary tables fresh when the events app changes events.

The events app sends ``events_imported`` and ``batch_rolled_back``
(``napmon.events.signals``, after the commit, with ``batch``); the receiver below rebuilds
the summaries of the batch's dataset right away. As a safety net for edits outside an
import batch, ``summaries.ensure_fresh`` rebuilds stale datasets before each read.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)
SIGNAL_NAMES = ("events_imported", "batch_rolled_back")


def refresh_after_batch(sender=None, batch=None, **kwargs) -> None:
    """Rebuild the summaries of the dataset a batch changed (all stale ones without batch)."""
    from napmon.analysis.services.summaries import refresh_summaries

    dataset_id = getattr(batch, "dataset_id", None)
    refresh_summaries([dataset_id] if dataset_id else None)


def connect_event_signals() -> list[str]:
    """Connect ``refresh_after_batch`` to the events app's signals; return their names."""
    from napmon.events import signals

    for name in SIGNAL_NAMES:
        getattr(signals, name).connect(refresh_after_batch, dispatch_uid=f"analysis.refresh.{name}")
    return list(SIGNAL_NAMES)
