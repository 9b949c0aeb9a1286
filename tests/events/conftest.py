"""Fixtures of the events tests: sample-file paths and the seeded reference data."""

from pathlib import Path

import pytest

from napmon.events.services import seed_reference_data

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def reference(db):
    """The gazetteer and actor registry, as `napmon init` seeds them."""
    return seed_reference_data()


@pytest.fixture
def mapping_file() -> Path:
    return DATA / "mapped" / "valid" / "monitor_mapping.yaml"
