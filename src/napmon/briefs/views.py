"""Brief downloads: /briefs/scorecard.pdf?lang=en, /briefs/review.html?period=2025-H1&lang=ur."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from napmon.briefs.errors import BriefError
from napmon.briefs.services.render import FORMATS, render_brief
from napmon.core.errors import NotFoundError


def _public_only(request) -> bool:
    """Only users with ``indicators.view_restricted`` get the internal edition."""
    return not request.user.has_perm("indicators.view_restricted")


@require_GET
def brief(request, kind: str, fmt: str):
    lang = request.GET.get("lang", "en")
    period = request.GET.get("period") or None
    try:
        content = render_brief(
            kind,
            period,
            lang,
            fmt,
            public_only=_public_only(request),
            version=request.GET.get("version") or None,
        )
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except BriefError as exc:
        return HttpResponseBadRequest(f"{exc.message} [{exc.code}]", content_type="text/plain")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    # The brief is one standalone page: inline styles, charts as data: images, no scripts.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    )
    if fmt == "pdf":
        suffix = f"-{period}" if period else ""
        response["Content-Disposition"] = f'attachment; filename="napmon-{kind}{suffix}-{lang}.pdf"'
    return response
