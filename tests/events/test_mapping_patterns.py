"""Mapping patterns run in linear time: a catastrophic pattern cannot hang the worker."""

import pytest

from napmon.events.errors import EventImportError
from napmon.events.importers.mapping import parse_mapping


def _rules(pattern: str):
    return parse_mapping(
        {"columns": {"date": "Date"}, "skip_rows": [{"column": "Date", "matches": pattern}]}
    ).skip_rows


def test_a_pattern_with_exponential_backtracking_in_python_matches_at_once():
    (rule,) = _rules(r"^(a+)+$")
    # Python's re takes exponential time on this (27 characters took 11 s in the issue);
    # RE2 answers in linear time, so the loop finishes, and gives the right answers.
    assert [rule.applies("a" * n + "b") for n in (27, 40, 5000)] == [False, False, False]
    assert rule.applies("a" * 5000) is True


def test_a_pattern_re2_cannot_run_is_refused_with_the_reason():
    with pytest.raises(EventImportError) as caught:
        _rules(r"(total)\1")
    assert caught.value.code == "invalid_mapping" and caught.value.field == "skip_rows"
    assert "invalid escape sequence" in caught.value.message and "RE2" in caught.value.message
    with pytest.raises(EventImportError, match="longer than 500 characters"):
        _rules("a" * 501)
