"""Start-up time of the command line, against a bare Python start measured in the same run.

    .venv/bin/python benchmarks/startup.py [--repeat 5]

Runs, REPEAT times each and interleaved: ``python -c pass`` (the baseline),
``napmon --help`` and ``napmon events summary`` on a fresh, migrated SQLite
database in a temporary data directory. Prints for each the median and best wall
time, the median CPU time (user + system: less sensitive to a busy machine), the
ratios of the medians to the baseline's, and whether pandas, WeasyPrint, the API,
statsmodels or openpyxl were imported (they should not be: only the commands that
use them import them). Target: under 1.5 s for both commands on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
HEAVY = ("pandas", "weasyprint", "ninja", "statsmodels", "openpyxl")


def _time(command: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run; CPU depends less on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _heavy_imports(command: list[str], env: dict) -> list[str]:
    result = subprocess.run(
        command,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    return [name for name in HEAVY if name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="napmon-startup-") as tmp:
        env = {**os.environ, "NAPMON_DATA_DIR": tmp}
        env.pop("NAPMON_DATABASE_URL", None)
        napmon = str(BIN / "napmon")
        subprocess.run([napmon, "migrate", "-v0"], env=env, check=True)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "napmon --help": [napmon, "--help"],
            "napmon events summary": [napmon, "events", "summary"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                wall, used = _time(command, env)
                times[name].append(wall)
                cpu[name].append(used)
        base = statistics.median(times["python -c pass"])
        cpu_base = statistics.median(cpu["python -c pass"])
        print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(
            f"{'command':<24} {'median s':>9} {'best s':>7} {'x baseline':>11} "
            f"{'CPU s':>6} {'x baseline':>11}  heavy imports"
        )
        for name, command in commands.items():
            median = statistics.median(times[name])
            heavy = "" if name.startswith("python") else ", ".join(_heavy_imports(command, env))
            used = statistics.median(cpu[name])
            print(
                f"{name:<24} {median:9.3f} {min(times[name]):7.3f} {median / base:11.1f} "
                f"{used:6.3f} {used / cpu_base:11.1f}  {heavy or '-'}"
            )


if __name__ == "__main__":
    main()
