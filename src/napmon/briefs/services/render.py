"""Rendering a brief to HTML and to PDF (WeasyPrint) without touching the network."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from napmon.briefs.services.content import build_brief

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


class LocalOnlyFetcher(URLFetcher):
    """Fetches ``data:`` URLs only; any http(s), ftp or file URL is refused.

    Charts are embedded as ``data:`` URIs and fonts come from the system, so a brief
    never needs anything else; a stray external URL is skipped, never fetched.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_html(
    kind: str,
    period: str | None = None,
    lang: str = "en",
    *,
    public_only: bool = True,
    version: str | None = None,
) -> str:
    """The brief as a standalone HTML document (styles inline, charts as data URIs).

    Raises what ``build_brief`` raises.
    """
    brief = build_brief(kind, period, lang, public_only=public_only, version=version)
    with translation.override(lang):
        return render_to_string("briefs/brief.html", {"brief": brief, "t": brief.text})


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML brief, fetching nothing but ``data:`` URLs."""
    return HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()


def render_brief(
    kind: str,
    period: str | None = None,
    lang: str = "en",
    fmt: str = "pdf",
    *,
    public_only: bool = True,
    version: str | None = None,
) -> bytes:
    """The brief as PDF or HTML bytes. Raises ``BriefError`` for an unknown format."""
    from napmon.briefs.errors import BriefError

    if fmt not in FORMATS:
        raise BriefError(
            f"No format {fmt!r}; use pdf or html.", code="unknown_format", field="format"
        )
    html = render_html(kind, period, lang, public_only=public_only, version=version)
    return html_to_pdf(html) if fmt == "pdf" else html.encode("utf-8")
