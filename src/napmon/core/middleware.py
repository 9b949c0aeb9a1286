"""Security headers Django 5.2 does not send, and the request size limit."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse

# Features no page of the platform uses: deny them to any injected content.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Add the content security policy and a permissions policy to every response.

    The policy (``settings.NAPMON_CSP``) allows scripts, styles and images from our
    own origin only, so pages carry no inline script; data for charts travels in
    ``<script type="application/json">`` blocks, which the policy does not execute.
    A view that needs a different policy sets its own ``Content-Security-Policy``
    header, which is left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.NAPMON_CSP

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than ``NAPMON_MAX_UPLOAD_MB`` with 413.

    Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not the files of a
    multipart upload, which it streams to disk whatever their size; this stops an
    oversized upload before any of it is read. Form fields and views apply their
    own, stricter limits on top (type and size of each file).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.NAPMON_MAX_UPLOAD_MB * 1024 * 1024

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            message = (
                f"The request is {length / 1048576:.1f} MB; uploads are limited to "
                f"{settings.NAPMON_MAX_UPLOAD_MB} MB."
            )
            return JsonResponse({"code": "upload_too_large", "message": message}, status=413)
        return self.get_response(request)


class NullCharacterMiddleware:
    """Refuse query parameters and JSON bodies holding a NUL character with 400.

    PostgreSQL cannot store or compare text containing NUL, so such a value would
    end as a server error deep in a query; no legitimate input holds one. Django's
    forms already refuse NUL in their fields; this covers the query string and the
    API's JSON bodies (where NUL is written ``\\u0000``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = next(
            (
                key
                for key, values in request.GET.lists()
                if "\x00" in key or any("\x00" in v for v in values)
            ),
            None,
        )
        is_json = request.content_type == "application/json"
        if field is None and is_json and b"\\u0000" in request.body:
            field = "body"
        if field is not None:
            return JsonResponse(
                {
                    "code": "null_character",
                    "message": f"Parameter '{field}' contains a NUL character (0x00).",
                    "field": field,
                },
                status=400,
            )
        return self.get_response(request)


# Embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069). A right-to-left
# override in a report reverses the text after it on a reviewer's page. The plain marks
# (LRM U+200E, RLM U+200F, ALM U+061C) that mixed Urdu and English text uses are kept.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def neutralise_bidi(value):
    """``value`` with bidi embedding/override/isolate controls removed (strings inside
    lists and dicts too); other values unchanged."""
    if isinstance(value, str):
        return value.translate(BIDI_CONTROLS)
    if isinstance(value, list):
        return [neutralise_bidi(v) for v in value]
    if isinstance(value, dict):
        return {neutralise_bidi(k): neutralise_bidi(v) for k, v in value.items()}
    return value


class BidiControlMiddleware:
    """Remove bidi control characters from submitted form fields before any view sees them.

    Free text (report progress, comments, ratings) is stored without them, so it can
    never reorder what follows it on a page. The API's JSON bodies get the same
    treatment in ``api.parser``. Files are left alone.
    """

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            post = request.POST
            if any(any(ord(ch) in BIDI_CONTROLS for ch in v) for vs in post.lists() for v in vs[1]):
                clean = post.copy()
                for key, values in post.lists():
                    clean.setlist(key, [v.translate(BIDI_CONTROLS) for v in values])
                clean._mutable = False
                request.POST = clean
        return self.get_response(request)
