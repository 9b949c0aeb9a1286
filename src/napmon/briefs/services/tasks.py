"""Briefs prepared by `napmon worker` (a PDF takes seconds): for signed-in users on
request, and the public edition once per data version, language and format, kept as
files that anonymous requests are served from (they never render anything)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from napmon.briefs.services.render import render_brief


def brief_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "briefs"


def render_brief_task(
    progress,
    *,
    brief: str,
    lang: str = "en",
    fmt: str = "pdf",
    period: str | None = None,
    version: str | None = None,
    public_only: bool = True,
) -> dict:
    """Render a brief into the data dir and return the link that serves it.

    The file is named after the task, so only the task's owner (or staff) can
    fetch it through ``briefs:file``. Raises ``BriefError``/``NotFoundError`` like
    ``render_brief``; the progress page shows the message.
    """
    progress.update(message="Rendering", force=True)
    content = render_brief(brief, period, lang, fmt, public_only=public_only, version=version)
    task_id = progress.record.pk
    folder = brief_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{task_id}.{fmt}"
    (folder / name).write_bytes(content)
    suffix = f"-{period}" if period else ""
    return {
        "url": reverse("briefs:file", args=[task_id]),
        "file": name,
        "download_name": f"napmon-{brief}{suffix}-{lang}.{fmt}",
        "summary": {"bytes": len(content)},
    }


PUBLIC_KIND = "briefs.public"
_PERIOD = re.compile(r"^\d{4}-H[12]$")
_VERSION = re.compile(r"^[\w.-]{1,20}$")


def public_brief_path(
    brief: str, fmt: str, lang: str, period: str | None, version: str | None, data_version: int
) -> Path | None:
    """Where the public edition of this brief for ``data_version`` is kept, or None when
    a parameter has a shape no brief has (so arbitrary values never name files)."""
    if period and not _PERIOD.match(period) or version and not _VERSION.match(version):
        return None
    parts = [brief, lang, period or "latest", version or "current", f"d{data_version}"]
    return brief_folder() / "public" / ("-".join(parts) + f".{fmt}")


def render_public_brief_task(
    progress,
    *,
    brief: str,
    lang: str,
    fmt: str,
    period: str | None,
    version: str | None,
    data_version: int,
) -> dict:
    """Render the public edition into its cache file (written whole, then renamed)."""
    progress.update(message="Rendering", force=True)
    target = public_brief_path(brief, fmt, lang, period, version, data_version)
    content = render_brief(brief, period, lang, fmt, public_only=True, version=version)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_bytes(content)
    os.replace(partial, target)
    return {"file": target.name, "summary": {"bytes": len(content)}}


def previous_public_brief(target: Path) -> Path | None:
    """The newest kept file of the same brief for an older data version, if any."""
    stem = target.name.rsplit("-d", 1)[0]
    older = [p for p in target.parent.glob(f"{stem}-d*{target.suffix}") if p != target]
    return max(older, key=lambda p: p.stat().st_mtime) if older else None
