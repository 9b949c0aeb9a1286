"""Fixtures of the briefs tests."""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections


@pytest.fixture
def close_response():
    """Close a streamed (file) response without closing the test's database connection.

    Closing a response sends ``request_finished``, whose ``close_old_connections`` drops a
    PostgreSQL connection that is inside the test's transaction (it looks unusable there).
    """

    def close(response):
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)

    return close
