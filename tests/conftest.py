"""Shared fixtures: the test database holds the built-in NAP dataset, as after `napmon init`."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from napmon.core.services import initialise

    with django_db_blocker.unblock():
        initialise()
