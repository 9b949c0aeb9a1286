"""Who am I, and personal tokens: list, create (secret shown once), revoke."""

from ninja import Router, Status

from napmon.api.auth import READ_AUTH, WRITE_AUTH
from napmon.api.errors import ScopeError
from napmon.api.schemas import ErrorOut, MeOut, TokenCreatedOut, TokenIn, TokenOut
from napmon.api.services import tokens

router = Router(tags=["tokens"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _token_dict(token) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "scope": token.scope,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get("/me", auth=READ_AUTH, response={200: MeOut, **ERRORS}, summary="Who is calling")
def me(request):
    principal = request.auth
    return {
        "authenticated": principal.user is not None,
        "username": principal.user.get_username() if principal.user else None,
        "via": principal.via,
        "scope": principal.scope,
        "sees_restricted": not principal.public_only,
    }


@router.get(
    "/tokens",
    auth=WRITE_AUTH,
    response={200: list[TokenOut], **ERRORS},
    summary="Your API tokens (never their secrets)",
)
def list_tokens(request):
    return [_token_dict(t) for t in tokens.list_tokens(request.auth.user)]


@router.post(
    "/tokens",
    auth=WRITE_AUTH,
    response={201: TokenCreatedOut, **ERRORS},
    summary="Create a token; the secret is in this answer only",
)
def create_token(request, payload: TokenIn):
    request.auth.require_write()
    if request.auth.via != "session":
        # A stolen token must not be able to mint tokens that outlive its revocation.
        raise ScopeError(
            "Tokens are created from a signed-in browser session (or `napmon token create`), "
            "not with another token.",
            code="session_required",
        )
    token, secret = tokens.create_token(
        request.auth.user, payload.name, payload.scope, actor=request.auth.user
    )
    return Status(201, {**_token_dict(token), "secret": secret})


@router.delete(
    "/tokens/{token_id}",
    auth=WRITE_AUTH,
    response={200: TokenOut, **ERRORS},
    summary="Revoke one of your tokens",
)
def revoke_token(request, token_id: int):
    request.auth.require_write()
    token = tokens.find_token(token_id, user=request.auth.user)
    return _token_dict(tokens.revoke_token(token, actor=request.auth.user))
