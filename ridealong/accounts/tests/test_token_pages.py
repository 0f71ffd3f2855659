"""The API tokens page at /account/tokens/: create (shown once), list, revoke."""

import pytest
from django.urls import reverse

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.accounts.services import token_create

ROLES = ["member", "manager", "other_manager", "program_lead", "admin"]


def test_anonymous_visitors_are_sent_to_sign_in(client, cast):
    token, _ = token_create(user=cast.member, name="x", by=None)
    for response in (
        client.get(reverse("tokens:list")),
        client.post(reverse("tokens:list"), {"name": "x"}),
        client.post(reverse("tokens:revoke", args=[token.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_sees_their_own_tokens_only(client, cast, role):
    token_create(user=cast.user(role), name="Mine", by=None)
    token_create(user=cast.other_member, name="Fay's", by=None)
    client.force_login(cast.user(role))
    response = client.get(reverse("tokens:list"))
    assert response.status_code == 200
    assert [t.name for t in response.context["tokens"]] == ["Mine"]
    assert "Fay&#x27;s" not in response.content.decode()


def test_creating_a_token_shows_it_once(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("tokens:list"), {"name": "CRM sync"})

    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    assert raw.startswith("rdl_")
    assert raw in response.content.decode()
    assert "shown only this once" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=cast.member)
    assert token.name == "CRM sync"
    assert token.digest == hash_token(raw)

    again = client.get(reverse("tokens:list"))
    assert raw not in again.content.decode()
    assert token.prefix in again.content.decode()


@pytest.mark.parametrize("name", ["", "x" * 101, "lap\x00top"])
def test_a_bad_name_is_refused_with_nothing_created(client, cast, name):
    client.force_login(cast.member)
    response = client.post(reverse("tokens:list"), {"name": name})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert response.context["created"] is None
    assert not ApiToken.objects.exists()


def test_revoking_a_token_of_ones_own(client, cast):
    token, _ = token_create(user=cast.member, name="laptop", by=None)
    client.force_login(cast.member)
    response = client.post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("tokens:list")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_needs_a_post(client, cast):
    token, _ = token_create(user=cast.member, name="laptop", by=None)
    client.force_login(cast.member)
    assert client.get(reverse("tokens:revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 404),
        ("manager", 404),
        ("other_manager", 404),
        ("program_lead", 404),
        ("admin", 302),
    ],
)
def test_someone_elses_token_is_not_found_except_for_admins(client, cast, role, status):
    token, _ = token_create(user=cast.other_member, name="Fay's", by=None)
    client.force_login(cast.user(role))
    response = client.post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == status
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (status == 302)


def test_an_id_beyond_any_database_is_not_found(client, cast):
    client.force_login(cast.member)
    assert client.post(f"/account/tokens/{2**70}/revoke/").status_code == 404
