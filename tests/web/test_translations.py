"""The Urdu catalogue covers every string of the source, and the interface uses it.

The check extracts the strings of the source as ``make messages`` does (``makemessages
--no-location``, into a copy, so the working tree is not touched) and merges them into a
copy of the committed catalogue. Any string the merge leaves empty or fuzzy is untranslated.
So the test fails when a new template or Python string has no Urdu, when the committed
catalogue is out of date, and on an empty catalogue. After merging branches, ``make
messages`` and filling in the new entries (``locale/fragments/``) makes it pass.
"""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import napmon

PACKAGE = Path(napmon.__file__).parent
PO = PACKAGE / "locale" / "ur" / "LC_MESSAGES" / "django.po"
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def untranslated_strings(source: Path, po: Path, workdir: Path) -> tuple[list[str], int]:
    """Strings of ``source`` without an Urdu translation in ``po``, and how many strings.

    Copies the source files and ``po`` into ``workdir`` and runs makemessages there.
    """
    tree = workdir / "src"
    for path in source.rglob("*"):
        if path.suffix in SOURCE_SUFFIXES and "locale" not in path.relative_to(source).parts:
            target = tree / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    merged = tree / "locale" / "ur" / "LC_MESSAGES" / "django.po"
    merged.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(po, merged)
    with override_settings(LOCALE_PATHS=[tree / "locale"]):
        cwd = Path.cwd()
        try:
            import os

            os.chdir(tree)
            call_command("makemessages", locale=["ur"], no_location=True, verbosity=0)
        finally:
            os.chdir(cwd)
    # polib reads the catalogue as gettext does (escapes, plurals, obsolete "#~" entries),
    # which a hand-written parser of the .po format only approximated.
    entries = [e for e in polib.pofile(str(merged)) if not e.obsolete]
    missing = [e.msgid for e in entries if not e.translated()]
    return missing, len(entries)


def test_every_source_string_has_an_urdu_translation(tmp_path):
    missing, total = untranslated_strings(PACKAGE, PO, tmp_path)
    assert total > 400  # the extraction found the interface, not nothing
    assert missing == []


# The test of the test: a tiny source tree, so it runs in a moment.
TEMPLATE = (
    '{% load i18n %}<p>{% translate "Plan" %}</p><p>{% translate "Nobody translated me" %}</p>'
)
PYTHON = 'from django.utils.translation import gettext as _\nA = _("Nor me, in Python")\n'
CATALOGUE = HEADER + '\nmsgid "Plan"\nmsgstr "منصوبہ"\n'


def _tiny_tree(tmp_path, catalogue: str) -> tuple[Path, Path]:
    source = tmp_path / "pkg"
    (source / "templates").mkdir(parents=True)
    (source / "templates" / "page.html").write_text(TEMPLATE, encoding="utf-8")
    (source / "module.py").write_text(PYTHON, encoding="utf-8")
    po = tmp_path / "django.po"
    po.write_text(catalogue, encoding="utf-8")
    return source, po


def test_the_check_reports_strings_left_untranslated(tmp_path):
    source, po = _tiny_tree(tmp_path, CATALOGUE)
    missing, total = untranslated_strings(source, po, tmp_path / "work")
    assert total == 3
    assert sorted(missing) == ["Nobody translated me", "Nor me, in Python"]


def test_the_check_fails_on_an_empty_catalogue(tmp_path):
    source, po = _tiny_tree(tmp_path, HEADER)
    missing, _total = untranslated_strings(source, po, tmp_path / "work")
    assert sorted(missing) == ["Nobody translated me", "Nor me, in Python", "Plan"]


def test_the_check_treats_a_fuzzy_translation_as_missing(tmp_path):
    source, po = _tiny_tree(tmp_path, CATALOGUE.replace('msgid "Plan"', '#, fuzzy\nmsgid "Plan"'))
    missing, _total = untranslated_strings(source, po, tmp_path / "work")
    assert "Plan" in missing


@pytest.mark.parametrize(
    ("english", "urdu"),
    [("Log in", "لاگ اِن"), ("Sources", "ذرائع"), ("Page not found", "صفحہ نہیں ملا")],
)
def test_compiled_catalogue_translates_the_interface(english, urdu):
    with translation.override("ur"):
        assert translation.gettext(english) == urdu
