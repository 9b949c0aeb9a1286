"""Bidi override characters in free text are removed before any view stores them."""

import pytest
from django.test import RequestFactory

from napmon.core.middleware import BidiControlMiddleware, neutralise_bidi

RLO_TEXT = "Accounts frozen: \u202egnp.exe\u202c done"


def test_a_form_field_loses_its_override_characters_and_keeps_urdu_marks():
    seen = {}

    def view(request):
        seen.update(request.POST.lists())
        return None

    urdu = "پیش رفت \u200f(2025)"  # an RLM mark, as mixed Urdu text uses, stays
    request = RequestFactory().post("/x/", {"progress": RLO_TEXT, "note": [urdu, "a\u2067b"]})
    BidiControlMiddleware(view)(request)
    assert seen == {"progress": ["Accounts frozen: gnp.exe done"], "note": [urdu, "ab"]}


@pytest.mark.parametrize(
    ("value", "clean"),
    [
        (RLO_TEXT, "Accounts frozen: gnp.exe done"),
        ({"entries": [{"progress": "x\u202ay\u2069"}]}, {"entries": [{"progress": "xy"}]}),
        (12.5, 12.5),
    ],
)
def test_json_values_are_neutralised_at_any_depth(value, clean):
    assert neutralise_bidi(value) == clean
