"""The Urdu catalogue is complete, and the interface uses it."""

import re
from pathlib import Path

import pytest
from django.utils import translation

import napmon

PO = Path(napmon.__file__).parent / "locale" / "ur" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    for block in text.split("\n\n"):
        if "msgid" not in block or block.lstrip().startswith('msgid ""\nmsgstr ""\n"Project'):
            continue
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        msgstrs = re.findall(r'msgstr(?:\[\d\])? ((?:".*"\n?)+)', block)
        yield msgid, ["".join(re.findall(r'"(.*)"', m)) for m in msgstrs], block


def test_every_interface_string_has_an_urdu_translation():
    untranslated = [
        msgid
        for msgid, strs, block in _entries(PO.read_text(encoding="utf-8"))
        if msgid and (not strs or not all(strs) or "#, fuzzy" in block)
    ]
    assert untranslated == []


@pytest.mark.parametrize(
    ("english", "needle"),
    [("Log in", "لاگ"), ("Sources", "ذرائع")],
)
def test_compiled_catalogue_translates_the_navigation(english, needle):
    with translation.override("ur"):
        assert needle in translation.gettext(english)
