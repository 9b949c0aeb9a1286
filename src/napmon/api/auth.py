"""Who is calling the API: a personal token, a browser session, or nobody.

Every authenticator returns a ``Principal``. Reads accept all three; writes need a
token with scope ``write`` or a session (whose unsafe requests must carry the CSRF
token). What a principal may see is decided by ``public_only``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from napmon.api.errors import ScopeError
from napmon.api.services.tokens import authenticate_token
from napmon.core import visibility
from napmon.core.throttle import client_ip, count_hit

RESTRICTED_PERMISSION = visibility.RESTRICTED_PERMISSION


@dataclass(frozen=True)
class Principal:
    """The caller of one request."""

    user: Any | None
    scope: str  # "read" or "write"
    via: str  # "token", "session" or "anonymous"
    token_id: int | None = None

    @property
    def public_only(self) -> bool:
        """The public edition unless the user may see restricted material (core.visibility)."""
        return visibility.public_only(self.user)

    @property
    def ident(self) -> str | None:
        if self.token_id is not None:
            return f"token:{self.token_id}"
        if self.user is not None:
            return f"user:{self.user.pk}"
        return None

    def require_write(self) -> None:
        """Raise ``ScopeError`` (403) unless this principal may write."""
        if self.scope != "write":
            raise ScopeError(
                "This token has the read scope; use a token with the write scope to change data.",
                code="insufficient_scope",
            )


class TokenAuth(HttpBearer):
    """``Authorization: Bearer napmon_...``; an unknown or revoked token is a 401."""

    def authenticate(self, request, token: str) -> Principal:
        found = authenticate_token(token)
        return Principal(user=found.user, scope=found.scope, via="token", token_id=found.pk)


class SessionPrincipalAuth(SessionAuth):
    """The logged-in browser session (CSRF checked on unsafe methods)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return Principal(user=user, scope="write", via="session") if user else None


def anonymous(request) -> Principal:
    """Anyone, for public reads."""
    return Principal(user=None, scope="read", via="anonymous")


token_auth = TokenAuth()
session_auth = SessionPrincipalAuth(csrf=True)
READ_AUTH = [token_auth, session_auth, anonymous]
WRITE_AUTH = [token_auth, session_auth]
# Reads that need to know who is calling (reports of one's own body, reporting rates).
SIGNED_IN_AUTH = WRITE_AUTH

_PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"600/min"`` → (600, 60). Raises ``ValueError`` for anything else."""
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip()]


class ClientRateThrottle(BaseThrottle):
    """A fixed-window limit per token, else per session user, else per IP address.

    The rate is ``settings.NAPMON_API_RATE``, read on each request. The counting is the
    one shared mechanism of every rate limit (``core.throttle.count_hit``: a row of
    ``core.ClientCounter`` per client and window, incremented with one UPDATE), under
    keys starting ``api:`` so they never meet the page limit's ``page:`` keys.
    """

    def allow_request(self, request) -> bool:
        limit, window = parse_rate(getattr(settings, "NAPMON_API_RATE", "600/min"))
        principal = getattr(request, "auth", None)
        ident = (principal.ident if isinstance(principal, Principal) else None) or (
            f"ip:{self.get_ident(request)}"
        )
        bucket = int(time.time() // window)
        key = f"api:{ident}:{window}:{bucket}"
        return count_hit(key, (bucket + 1) * window) <= limit

    def get_ident(self, request) -> str | None:
        """The real client address (``core.throttle.client_ip``): ninja's default would
        believe any ``X-Forwarded-For``, letting a rotating header dodge the limit."""
        return client_ip(request)

    def wait(self) -> float | None:
        """Seconds until the current window ends."""
        _limit, window = parse_rate(getattr(settings, "NAPMON_API_RATE", "600/min"))
        return max(1, math.ceil(window - time.time() % window))
