import ast
from pathlib import Path

import pytest

import napmon.analysis.compute as compute
from napmon.analysis.compute.errors import ComputeError


def test_compute_error_carries_message_code_and_field():
    err = ComputeError("Too few months.", code="too_few_points", field="intervention")
    assert (err.message, err.code, err.field, str(err)) == (
        "Too few months.",
        "too_few_points",
        "intervention",
        "Too few months.",
    )
    assert err.as_dict() == {
        "code": "too_few_points",
        "message": "Too few months.",
        "field": "intervention",
    }
    assert ComputeError("x").code == "compute_error"


@pytest.mark.parametrize(
    "path", sorted(Path(compute.__file__).parent.glob("*.py")), ids=lambda p: p.name
)
def test_no_django_import_in_the_compute_layer(path):
    tree = ast.parse(path.read_text())
    imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [
        m
        for m in imported
        if m.split(".")[0] in ("django", "napmon") and not m.startswith("napmon.analysis.compute")
    ]
