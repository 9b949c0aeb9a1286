"""Bounds on compressed uploads (XLSX, DOCX: zip files) checked before any parsing.

A zip file states the uncompressed size of each member in its central directory,
which can be read without inflating anything. ``check_zip`` refuses a file whose
members add up to more than ``NAPMON_MAX_UNZIPPED_MB`` or whose largest member
expands more than ``NAPMON_MAX_ZIP_RATIO`` times, so a zip bomb (a few hundred KB that
inflate to gigabytes of shared strings) never reaches openpyxl. The stated sizes are a
claim, so readers still stream; this check is what keeps worker memory bounded for
honest and dishonest files alike (tests/events/test_zip_bomb.py measures the peak).
"""

from __future__ import annotations

import zipfile

from django.conf import settings

from napmon.core.errors import NapmonError

# Members this small are never refused for their ratio (a few KB of XML compresses well).
RATIO_FLOOR_BYTES = 1024 * 1024


class UploadError(NapmonError):
    """An upload refused before parsing; codes ``zip_too_large``, ``zip_ratio``,
    ``zip_too_many_members``."""

    default_code = "upload_refused"


def check_zip(path_or_file, name: str = "The file") -> None:
    """Raise ``UploadError`` when the zip would inflate beyond the configured bounds.

    Does nothing for a file that is not a zip (the format's own reader reports that).
    """
    limit = int(getattr(settings, "NAPMON_MAX_UNZIPPED_MB", 1000)) * 1024 * 1024
    max_ratio = float(getattr(settings, "NAPMON_MAX_ZIP_RATIO", 100))
    try:
        with zipfile.ZipFile(path_or_file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    if len(members) > 10000:
        raise UploadError(
            f"{name} holds {len(members)} files; a workbook holds far fewer.",
            code="zip_too_many_members",
            field="file",
        )
    total = sum(m.file_size for m in members)
    if total > limit:
        raise UploadError(
            f"{name} would expand to {total / 1048576:.0f} MB; the limit is "
            f"{limit // 1048576} MB (NAPMON_MAX_UNZIPPED_MB).",
            code="zip_too_large",
            field="file",
        )
    for member in members:
        if member.file_size < RATIO_FLOOR_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > max_ratio:
            raise UploadError(
                f"{name}: {member.filename} expands {ratio:.0f} times; files that compress "
                f"more than {max_ratio:.0f} times are refused as a possible zip bomb "
                "(NAPMON_MAX_ZIP_RATIO).",
                code="zip_ratio",
                field="file",
            )
