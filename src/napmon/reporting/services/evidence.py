"""Evidence files: type checked by content, size limited, stored under MEDIA_ROOT."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from napmon.core import roles
from napmon.reporting.errors import ReportingError
from napmon.reporting.models import Evidence
from napmon.reporting.services._common import audit, require, require_body

KINDS = ("pdf", "png", "jpg", "docx", "xlsx", "csv")
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpg": "jpg", "jpeg": "jpg", "docx": "docx"}
EXTENSIONS.update({"xlsx": "xlsx", "csv": "csv"})
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def max_bytes() -> int:
    return int(getattr(settings, "NAPMON_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def _zip_kind(uploaded) -> str | None:
    uploaded.seek(0)
    try:
        names = zipfile.ZipFile(uploaded).namelist()
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def _text_kind(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            return None
    return "csv"


def sniff(uploaded) -> str | None:
    """The file's type read from its first bytes (not its name), or ``None``."""
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded)
    return _text_kind(head) if head else None


def check_file(uploaded) -> str:
    """The kind of an acceptable evidence file; raises ``ReportingError('evidence_invalid')``."""
    if uploaded.size > max_bytes():
        raise ReportingError(
            _("The file is larger than the limit of %(mb)s MB.") % {"mb": max_bytes() // 1048576},
            code="evidence_invalid",
            field="file",
        )
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    claimed = EXTENSIONS.get(extension)
    actual = sniff(uploaded)
    if claimed is None or actual != claimed:
        raise ReportingError(
            _(
                "Only PDF, PNG, JPG, DOCX, XLSX and CSV files are accepted, and the content "
                "must match the file name."
            ),
            code="evidence_invalid",
            field="file",
        )
    return actual


def add_evidence(entry, uploaded, *, actor=None) -> Evidence:
    """Attach a file to an entry of an editable report.

    Raises ``ReportingError``: ``permission_denied``, ``invalid_state``, ``evidence_invalid``.
    """
    report = entry.report
    require(actor, roles.SUBMIT)
    require_body(actor, report.body, edit=True)
    if not report.editable:
        raise ReportingError(
            _("Evidence can only be added while the report is a draft or returned."),
            code="invalid_state",
        )
    kind = check_file(uploaded)
    with transaction.atomic():
        evidence = Evidence(
            entry=entry,
            original_name=uploaded.name[:255],
            kind=kind,
            size=uploaded.size,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        evidence.file.save(f"{kind}-upload.{kind}", uploaded, save=False)
        evidence.save()
        audit(
            "reporting.evidence.added",
            evidence,
            actor,
            {
                "report": report.pk,
                "name": evidence.original_name,
                "kind": kind,
                "size": evidence.size,
            },
        )
    return evidence


def remove_evidence(evidence: Evidence, *, actor=None) -> None:
    """Delete an evidence file from an editable report; raises like ``add_evidence``."""
    report = evidence.entry.report
    require(actor, roles.SUBMIT)
    require_body(actor, report.body, edit=True)
    if not report.editable:
        raise ReportingError(
            _("Evidence of a submitted or approved report cannot be removed."),
            code="invalid_state",
        )
    with transaction.atomic():
        audit(
            "reporting.evidence.deleted",
            evidence,
            actor,
            {"report": report.pk, "name": evidence.original_name},
        )
        name = evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda: evidence.file.storage.delete(name))


def may_download(user, evidence: Evidence) -> bool:
    """Whether ``user`` may read the evidence file (it follows its report's scope)."""
    return roles.can_view_body(user, evidence.entry.report.body)
