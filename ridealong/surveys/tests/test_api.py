"""The surveys API: tokens are shown once, at creation, and never listed."""

import pytest

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.surveys.models import Invitation, token_digest
from ridealong.surveys.tests.factories import make_follow_up, make_survey


def bearer(user):
    raw = ApiToken.generate()
    ApiToken.objects.create(user=user, name="t", prefix=raw[:10], digest=hash_token(raw))
    return {"authorization": f"Bearer {raw}"}


def test_it_builds_opens_and_invites_returning_links_once(client, cast):
    headers = bearer(cast.program_lead)
    created = client.post(
        "/api/v1/surveys",
        {
            "title": "API pulse",
            "questions": [
                {"kind": "nps", "text": "Recommend us?"},
                {"kind": "single", "text": "Plant?", "choices": ["A", "B"]},
            ],
            "open": True,
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    survey = created.json()
    assert survey["status"] == "open"
    assert [q["kind"] for q in survey["questions"]] == ["nps", "single"]
    sent = client.post(
        f"/api/v1/surveys/{survey['id']}/invitations",
        {"contacts": [cast.acme_contact.pk], "channel": "link"},
        content_type="application/json",
        headers=headers,
    )
    assert sent.status_code == 201
    link = sent.json()["items"][0]["link"]
    raw = link.rstrip("/").rsplit("/", 1)[1]
    assert Invitation.objects.get().token_digest == token_digest(raw)
    listed = client.get(f"/api/v1/surveys/{survey['id']}/invitations", headers=headers)
    assert raw not in listed.content.decode()
    assert "link" not in listed.json()["items"][0]
    assert "digest" not in listed.content.decode()


def test_bad_input_is_a_400_with_field_errors(client, cast):
    headers = bearer(cast.program_lead)
    response = client.post(
        "/api/v1/surveys",
        {"title": "x", "questions": [{"kind": "multiple", "text": "Pick", "choices": ["only"]}]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "choices" in response.json()["errors"]
    nul = client.post(
        "/api/v1/surveys", {"title": "a\x00"}, content_type="application/json", headers=headers
    )
    assert nul.status_code == 400


def test_members_see_only_their_follow_ups(client, cast):
    survey = make_survey()
    mine = make_follow_up(survey, cast.acme_contact, assignee=cast.member.person)
    make_follow_up(survey, cast.globex_contact, assignee=cast.other_member.person)
    items = client.get("/api/v1/survey-follow-ups", headers=bearer(cast.member)).json()["items"]
    assert [i["id"] for i in items] == [mine.pk]


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/x", "ftp://example.com/x", "https://user:pw@example.com/"]
)
def test_webhook_urls_are_checked(client, cast, url, settings):
    settings.RIDEALONG_WEBHOOK_ALLOW_PRIVATE = False
    response = client.post(
        "/api/v1/survey-webhooks",
        {"url": url},
        content_type="application/json",
        headers=bearer(cast.program_lead),
    )
    assert response.status_code == 400


def test_the_assignee_records_the_follow_up_through_the_api(client, cast):
    follow_up = make_follow_up(make_survey(), cast.acme_contact, assignee=cast.member.person)
    body = {
        "channel": "on_site",
        "started_at": "2026-01-15T09:30:00+01:00",
        "duration_minutes": 45,
        "summary": "Visited Carla's plant",
        "reflection": "Operators print our manual and annotate it",
        "do_differently": "Ship a one-page quick guide",
        "outcome": "resolved",
    }
    url = f"/api/v1/survey-follow-ups/{follow_up.pk}/record"
    response = client.post(url, body, content_type="application/json", headers=bearer(cast.member))
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "resolved"
    assert response.json()["engagement"]
    again = client.post(url, body, content_type="application/json", headers=bearer(cast.member))
    assert again.status_code == 400
