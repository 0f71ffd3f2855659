"""The tokens API: create (shown once, stored hashed), list, read, revoke."""

import pytest
from django.apps import apps
from django.db import models

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.accounts.services import token_create
from ridealong.core.models import AuditEvent

ROLES = ["member", "manager", "other_manager", "program_lead", "admin"]


def stored_anywhere(text: str) -> list[str]:
    """Every model field (text or JSON) of the database that holds `text`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                lookup = "icontains" if isinstance(field, models.JSONField) else "contains"
                if model._default_manager.filter(**{f"{field.name}__{lookup}": text}).exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_role_creates_a_token_for_themselves(api, cast, role):
    response = api(role, "post", "/tokens", {"name": "CRM sync"})
    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("rdl_")
    assert body["token"].startswith(body["prefix"])
    assert body["user"]["email"] == cast.user(role).email
    assert body["is_active"] is True


def test_anonymous_gets_401_on_every_token_operation(api, cast):
    token, _ = token_create(user=cast.member, name="x", by=None)
    assert api("anonymous", "get", "/tokens").status_code == 401
    assert api("anonymous", "post", "/tokens", {"name": "x"}).status_code == 401
    assert api("anonymous", "get", f"/tokens/{token.pk}").status_code == 401
    assert api("anonymous", "post", f"/tokens/{token.pk}/revoke").status_code == 401


def test_the_token_is_shown_once_and_stored_only_as_a_digest(api, cast):
    created = api("member", "post", "/tokens", {"name": "CRM sync"}).json()
    raw = created["token"]

    token = ApiToken.objects.get(pk=created["id"])
    assert token.digest == hash_token(raw)
    assert stored_anywhere(token.digest) == ["accounts.ApiToken.digest"]  # the search works
    assert stored_anywhere(raw) == []
    assert stored_anywhere(raw[len(created["prefix"]) :]) == []

    again = api("member", "get", f"/tokens/{created['id']}").json()
    assert "token" not in again
    assert "digest" not in again
    listed = api("member", "get", "/tokens").json()["items"]
    assert all("token" not in t and "digest" not in t for t in listed)
    assert raw not in str(listed)


def test_the_audit_trail_records_the_token_but_never_holds_it(api, cast):
    created = api("member", "post", "/tokens", {"name": "CRM sync"}).json()
    api("member", "post", f"/tokens/{created['id']}/revoke")

    events = AuditEvent.objects.filter(
        target_type="accounts.apitoken", target_id=str(created["id"])
    )
    assert sorted(e.action for e in events) == ["api.token.created", "api.token.revoked"]
    assert all(e.actor == cast.member for e in events)
    assert created["token"] not in str(list(events.values()))


def test_a_revoked_token_is_refused_from_then_on(api, client, cast):
    created = api("member", "post", "/tokens", {"name": "short-lived"}).json()
    headers = {"authorization": f"Bearer {created['token']}"}
    assert client.get("/api/v1/people", headers=headers).status_code == 200

    revoked = api("member", "post", f"/tokens/{created['id']}/revoke")

    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert revoked.json()["is_active"] is False
    assert client.get("/api/v1/people", headers=headers).status_code == 401


def test_a_token_may_revoke_itself(client, cast):
    token, raw = token_create(user=cast.member, name="self", by=None)
    headers = {"authorization": f"Bearer {raw}"}
    assert client.post(f"/api/v1/tokens/{token.pk}/revoke", headers=headers).status_code == 200
    assert client.get("/api/v1/people", headers=headers).status_code == 401


def test_a_member_lists_only_their_own_tokens(api, cast):
    token_create(user=cast.manager, name="Mia's", by=None)
    token_create(user=cast.member, name="Max's", by=None)
    names = {t["name"] for t in api("member", "get", "/tokens").json()["items"]}
    assert names == {"Max's", "member's tests"}


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("manager", 403), ("program_lead", 403), ("admin", 200)],
)
def test_only_admins_list_other_peoples_tokens(api, cast, role, status):
    token_create(user=cast.other_member, name="Fay's", by=None)
    assert api(role, "get", "/tokens", all="true").status_code == status
    response = api(role, "get", "/tokens", user=cast.other_member.pk)
    assert response.status_code == status
    if status == 200:
        assert [t["name"] for t in response.json()["items"]] == ["Fay's"]


def test_asking_for_ones_own_tokens_by_user_is_allowed(api, cast):
    assert api("member", "get", "/tokens", user=cast.member.pk).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 404),
        ("manager", 404),
        ("other_manager", 404),
        ("program_lead", 404),
        ("admin", 200),
    ],
)
def test_someone_elses_token_is_not_found_except_for_admins(api, cast, role, status):
    token, _ = token_create(user=cast.other_member, name="Fay's", by=None)
    assert api(role, "get", f"/tokens/{token.pk}").status_code == status
    assert api(role, "post", f"/tokens/{token.pk}/revoke").status_code == status
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (status == 200)


def test_revoking_twice_keeps_the_first_revocation(api, cast):
    token, _ = token_create(user=cast.member, name="x", by=None)
    first = api("member", "post", f"/tokens/{token.pk}/revoke").json()["revoked_at"]
    second = api("member", "post", f"/tokens/{token.pk}/revoke").json()["revoked_at"]
    assert first == second
    assert AuditEvent.objects.filter(action="api.token.revoked").count() == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "at least 1 character"),
        ("   ", "at least 1 character"),
        ("x" * 101, "at most 100 characters"),
        ("lap\x00top", "contains a NUL character"),
    ],
)
def test_a_token_needs_a_sensible_name(api, cast, name, message):
    response = api("member", "post", "/tokens", {"name": name})
    assert response.status_code == 400
    assert message in response.json()["errors"]["name"][0]
    assert not ApiToken.objects.filter(user=cast.member).exclude(name="member's tests").exists()


def test_listing_tokens_takes_the_same_queries_however_many(
    api, cast, django_assert_max_num_queries
):
    for n in range(30):
        token_create(user=cast.user(ROLES[n % len(ROLES)]), name=f"token {n}", by=None)
    api("admin", "get", "/kinds")
    with django_assert_max_num_queries(4):
        response = api("admin", "get", "/tokens", all="true", limit=200)
    assert response.json()["count"] == 31
