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
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedStaticFilesStorage

STAMP = ".napmon-collected"
# Brotli's default quality (11) spent about two minutes of `napmon init` on the API
# docs' assets on a busy machine; quality 5 compresses them in seconds, the files
# a few per cent larger (still well below the gzip copies).
BROTLI_QUALITY = 5


class QuickCompressor(Compressor):
    """whitenoise's compressor with brotli at ``BROTLI_QUALITY`` instead of 11."""

    def compress_brotli(self, data: bytes) -> bytes:
        import brotli

        return brotli.compress(data, quality=BROTLI_QUALITY)


class QuickCompressedStorage(CompressedStaticFilesStorage):
    """Collected static files with gzip and brotli copies, compressed quickly."""

    def create_compressor(self, **kwargs) -> Compressor:
        return QuickCompressor(**kwargs)


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
