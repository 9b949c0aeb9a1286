from pathlib import Path

import pytest
import yaml

from napmon.plans.dataset import DEFAULT_DATASET


@pytest.fixture
def dataset_copy(tmp_path):
    """A writable copy of the built-in dataset, returned as (path, data); save() rewrites it."""
    data = yaml.safe_load(DEFAULT_DATASET.read_text(encoding="utf-8"))
    path = tmp_path / "nap.yaml"

    class Copy:
        def __init__(self):
            self.path: Path = path
            self.data = data

        def save(self):
            self.path.write_text(yaml.safe_dump(self.data, allow_unicode=True), encoding="utf-8")
            return self.path

    copy = Copy()
    copy.save()
    return copy
