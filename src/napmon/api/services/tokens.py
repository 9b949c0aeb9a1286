"""Creating, checking, listing and revoking personal API tokens.

A token's secret is ``napmon_`` followed by 43 random URL-safe characters. Only its
SHA-256 digest is stored, so a lost secret cannot be recovered, only revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from napmon.api.errors import ApiError, AuthenticationFailed
from napmon.api.models import ApiToken
from napmon.core.audit import log_action
from napmon.core.errors import NotFoundError, PermissionDeniedError

SECRET_PREFIX = "napmon_"  # noqa: S105 - a public marker, not a secret
# Writing last_used_at on every request would turn reads into writes; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    """The hex SHA-256 digest under which a secret is stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    user, name: str, scope: str = ApiToken.Scope.READ, *, actor=None, parent: ApiToken | None = None
):
    """Create a token for ``user``; returns ``(token, secret)`` — the secret is shown once.

    ``parent`` is the token the request that asked for it was made with (none for a
    browser session or the CLI); revoking the parent revokes this token too.

    Raises ``ApiError`` (invalid_scope, invalid_name) for a bad scope or an empty name.
    """
    if scope not in ApiToken.Scope.values:
        raise ApiError(
            f"Scope must be one of {', '.join(ApiToken.Scope.values)}, not {scope!r}.",
            code="invalid_scope",
            field="scope",
        )
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ApiError(
            "Give the token a name of 1 to 100 characters.", code="invalid_name", field="name"
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            scope=scope,
            prefix=secret[:12],
            key_hash=hash_secret(secret),
            created_by_token=parent,
        )
        log_action(
            "api.token.created",
            obj=token,
            actor=actor or user,
            changes={
                "user": user.get_username(),
                "name": name,
                "scope": scope,
                "created_by_token": parent.pk if parent else None,
            },
        )
    return token, secret


def authenticate_token(secret: str) -> ApiToken:
    """The active token with this secret, its last-used time refreshed.

    Raises ``AuthenticationFailed`` (token_invalid, token_revoked, user_inactive).
    """
    token = (
        ApiToken.objects.select_related("user").filter(key_hash=hash_secret(secret or "")).first()
    )
    if token is None:
        raise AuthenticationFailed("The API token is not valid.", code="token_invalid")
    if token.revoked_at is not None:
        raise AuthenticationFailed("The API token has been revoked.", code="token_revoked")
    if not token.user.is_active:
        raise AuthenticationFailed("The token's user account is inactive.", code="user_inactive")
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def list_tokens(user=None):
    """Tokens of ``user`` (all users' when ``None``), newest first."""
    tokens = ApiToken.objects.select_related("user")
    return tokens.filter(user=user) if user is not None else tokens


def find_token(ident: str | int, user=None) -> ApiToken:
    """A token by id or prefix (of ``user`` when given); raises ``NotFoundError``."""
    tokens = list_tokens(user)
    text = str(ident)
    token = tokens.filter(pk=int(text)).first() if text.isdigit() else None
    token = token or tokens.filter(prefix=text).first()
    if token is None:
        raise NotFoundError(f"No API token {text!r}.", code="token_not_found", field="token")
    return token


def _descendants(token: ApiToken) -> list[ApiToken]:
    found, frontier, seen = [], [token.pk], {token.pk}
    while frontier:
        children = [
            c for c in ApiToken.objects.filter(created_by_token_id__in=frontier) if c.pk not in seen
        ]
        seen.update(c.pk for c in children)
        found += children
        frontier = [c.pk for c in children]
    return found


def revoke_token(token: ApiToken, *, actor=None) -> ApiToken:
    """Revoke ``token`` and every token created with it, or with those, and so on
    (idempotent: revoking twice keeps the first time). Each revocation is audited.

    Raises ``PermissionDeniedError`` when ``actor`` is neither the owner nor a superuser.
    """
    if actor is not None and actor.pk != token.user_id and not actor.is_superuser:
        raise PermissionDeniedError("You can only revoke your own tokens.", code="not_owner")
    with transaction.atomic():
        now = timezone.now()
        for target in [token, *_descendants(token)]:
            if target.revoked_at is not None:
                continue
            target.revoked_at = now
            target.save(update_fields=["revoked_at"])
            log_action(
                "api.token.revoked",
                obj=target,
                actor=actor,
                changes={
                    "revoked_at": now,
                    "user": target.user.get_username(),
                    "revoked_with": token.pk if target.pk != token.pk else None,
                },
            )
    return token


def get_user(username: str):
    """The user with this username; raises ``NotFoundError``."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFoundError(f"No user {username!r}.", code="user_not_found", field="user")
    return user
