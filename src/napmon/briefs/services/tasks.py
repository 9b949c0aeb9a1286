"""Briefs prepared by `napmon worker` for signed-in users (a PDF takes seconds)."""

from __future__ import annotations

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
