"""Fixtures of the operations tests."""

import pytest
from django.db import connection

from .helpers import fresh_postgres_database


@pytest.fixture
def fresh_database_url():
    """A fresh database of the same kind as the test database (None: a new SQLite file)."""
    if connection.vendor != "postgresql":
        yield None
        return
    with fresh_postgres_database() as url:
        yield url
