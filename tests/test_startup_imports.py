"""Heavy libraries are imported where they are used: not by the CLI, once by the server."""

import os
import subprocess
import sys

CHECK = "import sys; {code}; print(','.join(m for m in {mods} if m in sys.modules))"
HEAVY = ("pandas", "scipy.stats", "statsmodels", "statsmodels.api", "ruptures", "ninja")


def _imported(code: str, tmp_path) -> set[str]:
    env = {
        **os.environ,
        "NAPMON_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "napmon.settings",
    }
    script = CHECK.format(code=code, mods=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    ).stdout
    return set(filter(None, out.strip().splitlines()[-1].split(",")))


def test_the_command_line_does_not_import_pandas(tmp_path):
    # What every command does: set Django up, with the admin importing the interventions.
    code = "import django; django.setup(); import napmon.analysis.services.interventions"
    assert "pandas" not in _imported(code, tmp_path)


def test_the_server_imports_the_analysis_libraries_before_forking(tmp_path):
    # statsmodels.api is imported inside the analyses' functions (to keep the command line
    # light): the server imports it before forking so a worker's first ITS does not.
    expected = {"pandas", "scipy.stats", "ninja", "statsmodels.api", "ruptures"}
    assert _imported("import napmon.wsgi", tmp_path) >= expected
