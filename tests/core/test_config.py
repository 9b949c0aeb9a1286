"""Settings are declared once (napmon.core.config) and the README's table says the same."""

import re
from pathlib import Path

import pytest

from napmon.core import config

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| `(NAPMON_[A-Z0-9_]+)` \| (.*?) \| (.*?) \|$")


def readme_table(text: str) -> dict[str, tuple[str, str]]:
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return {m[1]: (m[2], m[3]) for line in section.splitlines() if (m := ROW.match(line))}


def mismatches(text: str, declared=config.DECLARED) -> list[str]:
    table = readme_table(text)
    problems = []
    for setting in declared:
        if setting.name not in table:
            problems.append(f"{setting.name}: declared but not in the README")
        elif table[setting.name] != (setting.doc_default, setting.help):
            problems.append(f"{setting.name}: README says {table[setting.name]}")
    names = {setting.name for setting in declared}
    problems += [f"{name}: in the README but not declared" for name in table if name not in names]
    return problems


def test_the_readme_table_matches_the_declaration():
    assert mismatches((ROOT / "README.md").read_text(encoding="utf-8")) == []


def test_the_check_fails_when_the_readme_and_the_declaration_differ():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    dropped = text.replace("| `NAPMON_API_RATE` |", "| `NAPMON_API_RATES` |")
    assert mismatches(dropped) == [
        "NAPMON_API_RATE: declared but not in the README",
        "NAPMON_API_RATES: in the README but not declared",
    ]
    changed = text.replace("| `600/min` |", "| `60/min` |")
    assert mismatches(changed) == [
        "NAPMON_API_RATE: README says ('`60/min`', "
        + repr(config.BY_NAME["NAPMON_API_RATE"].help)
        + ")"
    ]


def test_no_module_reads_a_napmon_variable_behind_the_declaration():
    readers = []
    for path in (ROOT / "src" / "napmon").rglob("*.py"):
        if path.name == "config.py" and path.parent.name == "core":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"(os\.environ(\.get)?[\[(]|getenv\()\s*[\"']NAPMON_", text):
            readers.append(str(path.relative_to(ROOT)))
    assert readers == []


def test_values_are_typed_and_a_wrong_type_names_the_variable(monkeypatch):
    monkeypatch.setenv("NAPMON_WORKERS", "5")
    monkeypatch.setenv("NAPMON_HTTPS", "yes")
    monkeypatch.setenv("NAPMON_ALLOWED_HOSTS", "a.org, b.org,")
    assert config.env("NAPMON_WORKERS") == 5
    assert config.env("NAPMON_HTTPS") is True
    assert config.env("NAPMON_ALLOWED_HOSTS") == ["a.org", "b.org"]
    monkeypatch.setenv("NAPMON_WORKERS", "")
    assert config.env("NAPMON_WORKERS") == 3
    monkeypatch.setenv("NAPMON_WORKERS", "many")
    with pytest.raises(config.ConfigError, match="NAPMON_WORKERS='many' is not a number"):
        config.env("NAPMON_WORKERS")


def test_an_unknown_cache_kind_stops_start_up_with_the_accepted_values(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NAPMON_CACHE": "disk", "NAPMON_DATA_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "napmon.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "NAPMON_CACHE must be 'file' or 'memory'." in result.stderr
