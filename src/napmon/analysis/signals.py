"""Keeping the summary tables fresh when the events app changes events.

The events app sends no signal yet; when it defines ``events_imported`` and
``batch_rolled_back`` in ``napmon.events.signals`` (sent after commit with ``batch``), the
receivers below rebuild the summaries of the batch's dataset right away. Until then, and
as a safety net, ``summaries.ensure_fresh`` rebuilds stale datasets before each read.
"""

from __future__ import annotations

import logging
from importlib import import_module

logger = logging.getLogger(__name__)
SIGNAL_NAMES = ("events_imported", "batch_rolled_back")


def refresh_after_batch(sender=None, batch=None, **kwargs) -> None:
    """Rebuild the summaries of the dataset a batch changed (all stale ones without batch)."""
    from napmon.analysis.services.summaries import refresh_summaries

    dataset_id = getattr(batch, "dataset_id", None)
    refresh_summaries([dataset_id] if dataset_id else None)


def connect_event_signals() -> list[str]:
    """Connect ``refresh_after_batch`` to the events app's signals that exist; return them."""
    try:
        module = import_module("napmon.events.signals")
    except ModuleNotFoundError as exc:
        if exc.name != "napmon.events.signals":
            raise
        return []
    connected = []
    for name in SIGNAL_NAMES:
        signal = getattr(module, name, None)
        if signal is not None:
            signal.connect(refresh_after_batch, dispatch_uid=f"analysis.refresh.{name}")
            connected.append(name)
    return connected
