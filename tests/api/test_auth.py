import hashlib

import pytest
from django.test import Client

from napmon.api.models import ApiToken
from napmon.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_read_token_can_read_but_not_write(client, reader, token_for):
    headers = token_for(reader, "read")
    me = client.get("/api/v1/me", **headers).json()
    assert me == {
        "authenticated": True,
        "username": "reader",
        "via": "token",
        "scope": "read",
        "sees_restricted": False,
    }
    response = client.post(
        "/api/v1/tokens", {"name": "another"}, content_type="application/json", **headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert ApiToken.objects.filter(user=reader).count() == 1


def test_only_a_signed_in_session_mints_tokens(client, reader, token_for):
    headers = token_for(reader, "write")
    response = client.post(
        "/api/v1/tokens", {"name": "child"}, content_type="application/json", **headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "session_required"
    assert not ApiToken.objects.filter(name="child").exists()


def test_revoking_a_token_revokes_the_tokens_created_with_it(client, reader, token_for):
    from napmon.api.services.tokens import create_token

    parent, parent_secret = create_token(reader, "parent", "write")
    child, child_secret = create_token(reader, "child", "write", parent=parent)
    grandchild, grand_secret = create_token(reader, "grandchild", "read", parent=child)
    other, other_secret = create_token(reader, "unrelated", "read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {parent_secret}"}
    assert client.delete(f"/api/v1/tokens/{parent.pk}", **auth).status_code == 200
    for secret in (parent_secret, child_secret, grand_secret):
        response = client.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 401 and response.json()["code"] == "token_revoked"
    assert (
        client.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {other_secret}").status_code == 200
    )
    revoked = AuditEntry.objects.filter(action="api.token.revoked")
    assert {e.object_id: e.changes["revoked_with"] for e in revoked} == {
        str(parent.pk): None,
        str(child.pk): parent.pk,
        str(grandchild.pk): parent.pk,
    }


def test_session_creates_a_token_shown_once_and_stored_hashed(client, reader, token_for):
    headers = token_for(reader, "write")
    client.force_login(reader)  # the test client does not enforce CSRF
    response = client.post(
        "/api/v1/tokens", {"name": "script", "scope": "read"}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    secret = body["secret"]
    token = ApiToken.objects.get(pk=body["id"])
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert token.scope == "read" and secret.startswith(token.prefix)
    listed = client.get("/api/v1/tokens", **headers).json()
    assert {t["name"] for t in listed} == {"write token", "script"}
    assert all("secret" not in t for t in listed)
    assert AuditEntry.objects.filter(action="api.token.created", object_id=str(token.pk)).exists()


def test_revoked_token_is_401_and_revocation_is_audited(client, reader, token_for):
    headers = token_for(reader, "write")
    token = ApiToken.objects.get(user=reader)
    response = client.delete(f"/api/v1/tokens/{token.pk}", **headers)
    assert response.status_code == 200 and response.json()["revoked_at"]
    assert AuditEntry.objects.filter(action="api.token.revoked", object_id=str(token.pk)).exists()
    response = client.get("/api/v1/plans", **headers)
    assert response.status_code == 401
    assert response.json() == {
        "code": "token_revoked",
        "message": "The API token has been revoked.",
    }


def test_unknown_token_is_401_not_anonymous(client):
    response = client.get("/api/v1/plans", HTTP_AUTHORIZATION="Bearer napmon_made-up")
    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_last_used_time_is_recorded(client, reader, token_for):
    headers = token_for(reader)
    assert ApiToken.objects.get(user=reader).last_used_at is None
    client.get("/api/v1/plans", **headers)
    assert ApiToken.objects.get(user=reader).last_used_at is not None


def test_writes_need_credentials(client):
    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_session_writes_need_the_csrf_token(reader):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    response = browser.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    browser.get("/login/")  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(
        "/api/v1/tokens",
        {"name": "from the browser"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 201
    assert response.json()["name"] == "from the browser"


def test_cannot_revoke_someone_elses_token(client, reader, analyst, token_for):
    token_for(analyst)
    other = ApiToken.objects.get(user=analyst)
    response = client.delete(f"/api/v1/tokens/{other.pk}", **token_for(reader, "write"))
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=other.pk).revoked_at is None


def test_token_commands_create_list_and_revoke(reader, capsys):
    from django.core.management import call_command

    call_command("tokens", "create", "reader", "cli", "--scope", "write")
    out = capsys.readouterr().out
    secret = next(line for line in out.splitlines() if line.startswith("napmon_"))
    token = ApiToken.objects.get(key_hash=hashlib.sha256(secret.encode()).hexdigest())
    call_command("tokens", "list", "--user", "reader")
    listing = capsys.readouterr().out
    assert token.prefix in listing and secret not in listing
    call_command("tokens", "revoke", str(token.pk))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
