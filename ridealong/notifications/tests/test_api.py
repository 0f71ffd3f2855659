"""The calendar and e-mail API: one's feed URL, preferences and e-mails; the outbox for admins."""

import pytest
from django.core import mail
from django.utils import timezone

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.notifications.models import CalendarFeedToken, EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    raw = ApiToken.generate()
    ApiToken.objects.create(user=user, name="test", prefix=raw[:10], digest=hash_token(raw))
    return {"authorization": f"Bearer {raw}"}


def email(person, key, status=EmailStatus.SENT, **extra):
    return OutgoingEmail.objects.create(
        key=key,
        to=person.email,
        subject=f"About {key}",
        text=".",
        person=person,
        status=status,
        sent_at=timezone.now() if status == EmailStatus.SENT else None,
        **extra,
    )


def test_it_creates_reads_replaces_and_revokes_ones_feed(client, cast):
    headers = bearer(cast.member)
    assert client.get("/api/v1/calendar/feed", headers=headers).json() == {
        "active": False,
        "url": None,
        "created_at": None,
        "last_used_at": None,
    }
    created = client.post("/api/v1/calendar/feed", headers=headers).json()
    assert created["active"]
    assert created["url"].endswith(".ics")
    assert client.get(created["url"].split("8000", 1)[-1]).status_code == 200
    replaced = client.post("/api/v1/calendar/feed", headers=headers).json()
    assert replaced["url"] != created["url"]
    assert client.get(created["url"].split("8000", 1)[-1]).status_code == 404
    assert client.delete("/api/v1/calendar/feed", headers=headers).status_code == 204
    assert not CalendarFeedToken.objects.filter(revoked_at__isnull=True).exists()


def test_it_changes_only_the_preferences_sent(client, cast):
    headers = bearer(cast.member)
    response = client.patch(
        "/api/v1/calendar/preferences",
        {"weekly_nudge": False},
        content_type="application/json",
        headers=headers,
    )
    assert response.json() == {"reminders": True, "weekly_nudge": False}
    response = client.patch(
        "/api/v1/calendar/preferences",
        {"reminders": False},
        content_type="application/json",
        headers=headers,
    )
    assert response.json() == {"reminders": False, "weekly_nudge": False}
    bad = client.patch(
        "/api/v1/calendar/preferences",
        {"sms": True},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 400


def test_members_see_their_own_emails_and_admins_everyones(
    client, cast, django_assert_max_num_queries
):
    for n in range(5):
        email(cast.member.person, f"max-{n}")
    email(cast.other_member.person, "fay-1", status=EmailStatus.FAILED, last_error="550 no")
    mine = client.get("/api/v1/notifications/emails", headers=bearer(cast.member)).json()
    assert mine["count"] == 5
    assert {item["to"] for item in mine["items"]} == {"max@example.com"}
    refused = client.get("/api/v1/notifications/emails?all=true", headers=bearer(cast.member))
    assert refused.status_code == 403
    admin = bearer(cast.admin)
    with django_assert_max_num_queries(6):
        failed = client.get("/api/v1/notifications/emails?all=true&status=failed", headers=admin)
    assert [item["key"] for item in failed.json()["items"]] == ["fay-1"]
    assert failed.json()["items"][0]["last_error"] == "550 no"


def test_admins_retry_a_failed_email(client, cast, django_capture_on_commit_callbacks):
    failed = email(cast.member.person, "retry-me", status=EmailStatus.FAILED, attempts=6)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/notifications/emails/{failed.pk}/retry", headers=bearer(cast.admin)
        )
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    missing = client.post("/api/v1/notifications/emails/999999/retry", headers=bearer(cast.admin))
    assert missing.status_code == 404
