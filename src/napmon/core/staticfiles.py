"""Collect static files only when they changed, so `napmon serve` starts in seconds.

Compressing the static files (whitenoise writes gzip and brotli copies of each)
takes long enough (tens of seconds for the API docs' assets) that doing it on
every start would delay restarts; a fingerprint of the sources decides instead.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

STAMP = ".napmon-collected"


def fingerprint() -> str:
    """A hash of every source static file's path, size and modification time."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(ignore_patterns=[]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_if_needed() -> bool:
    """Run collectstatic unless the collected files match the sources; True if it ran."""
    stamp = Path(settings.STATIC_ROOT) / STAMP
    current = fingerprint()
    if stamp.is_file() and stamp.read_text() == current:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(current)
    return True
