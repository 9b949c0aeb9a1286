"""Signals the events app sends after an import or a rollback has been committed.

Receivers get ``batch`` (the ImportBatch). The analysis app rebuilds its summary
tables on them.
"""

from django.dispatch import Signal

#: Sent after an import batch has been committed.
events_imported = Signal()
#: Sent after a batch's rollback has been committed.
batch_rolled_back = Signal()
