"""Personal API tokens as authentication: Bearer rdl_…, looked up by digest."""

import datetime

from django.utils import timezone

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.accounts.services import token_create, token_revoke


def bearer(raw: str) -> dict[str, str]:
    return {"authorization": f"Bearer {raw}"}


def test_it_refuses_a_request_without_a_token(client, cast):
    response = client.get("/api/v1/people")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_token_it_does_not_know(client, cast):
    response = client.get("/api/v1/people", headers=bearer("rdl_not-a-real-token"))
    assert response.status_code == 401


def test_it_refuses_another_scheme(client, cast, tokens):
    response = client.get("/api/v1/people", headers={"authorization": f"Basic {tokens('member')}"})
    assert response.status_code == 401


def test_it_acts_as_the_owner_of_the_token(client, cast, tokens):
    response = client.get("/api/v1/tokens", headers=bearer(tokens("member")))
    assert response.status_code == 200
    assert {t["user"]["email"] for t in response.json()["items"]} == {cast.member.email}


def test_it_refuses_a_revoked_token(client, cast):
    token, raw = token_create(user=cast.member, name="laptop", by=cast.member)
    assert client.get("/api/v1/people", headers=bearer(raw)).status_code == 200
    token_revoke(token=token, by=cast.member)
    assert client.get("/api/v1/people", headers=bearer(raw)).status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(client, cast, tokens):
    raw = tokens("member")
    cast.member.is_active = False
    cast.member.save()
    assert client.get("/api/v1/people", headers=bearer(raw)).status_code == 401


def test_it_ignores_a_browser_session(client, cast):
    # The API takes tokens only, so a page cannot be tricked into calling it (no CSRF surface).
    client.force_login(cast.admin)
    assert client.get("/api/v1/people").status_code == 401


def test_it_records_when_a_token_was_last_used(client, cast, tokens, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # the clock stands still: no race with it
    raw = tokens("member")
    assert client.get("/api/v1/kinds", headers=bearer(raw)).status_code == 200
    token = ApiToken.objects.get(digest=hash_token(raw))
    assert token.last_used_at == timezone.now()


def test_it_writes_last_use_at_most_once_a_minute(client, cast, tokens, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # "30 s ago" stays 30 s on a slow machine
    raw = tokens("member")
    recently = timezone.now() - datetime.timedelta(seconds=30)
    ApiToken.objects.filter(digest=hash_token(raw)).update(last_used_at=recently)
    client.get("/api/v1/kinds", headers=bearer(raw))
    assert ApiToken.objects.get(digest=hash_token(raw)).last_used_at == recently

    a_while_ago = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(digest=hash_token(raw)).update(last_used_at=a_while_ago)
    client.get("/api/v1/kinds", headers=bearer(raw))
    assert ApiToken.objects.get(digest=hash_token(raw)).last_used_at > a_while_ago
