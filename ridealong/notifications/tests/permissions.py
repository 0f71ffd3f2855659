"""Permission rows for the calendar and e-mail pages and API (walked by the matrix)."""

from tests.permissions import Expect, admins, api_admins, api_statuses, everyone, statuses


def member_feed(cast):
    from ridealong.notifications.services import feed_token_create

    return {"token": feed_token_create(user=cast.member).token}


def failed_email(cast):
    from ridealong.notifications.models import EmailStatus, OutgoingEmail

    email = OutgoingEmail.objects.create(
        key="matrix:failed",
        to="max@example.com",
        subject="Your seat",
        text="Hello",
        status=EmailStatus.FAILED,
        attempts=6,
        person=cast.member.person,
    )
    return {"pk": email.pk, "email_id": email.pk}


POST_REDIRECT = statuses(member=302)

PAGES = {
    # One's own feed URL and preferences: everyone signed in.
    "notifications:feed": [Expect(everyone())],
    "notifications:feed_create": [
        Expect(everyone(405), note="POST only"),
        Expect(POST_REDIRECT, method="post"),
    ],
    "notifications:feed_revoke": [Expect(POST_REDIRECT, method="post")],
    "notifications:preferences": [
        Expect(POST_REDIRECT, method="post", data=lambda cast: {"reminders": "on"})
    ],
    # The feed itself: no sign-in (calendar apps cannot); the secret is the key.
    "notifications:feed_ics": [
        Expect(statuses(anonymous=200, member=200), kwargs=member_feed, note="a live token"),
        Expect(
            statuses(anonymous=404, member=404),
            kwargs=lambda cast: {"token": "not-a-token"},
            note="a wrong or revoked token",
        ),
    ],
    # The outbox: admins.
    "notifications:outbox": [Expect(admins())],
    "notifications:outbox_retry": [
        Expect(admins(302), method="post", kwargs=lambda cast: {"pk": failed_email(cast)["pk"]})
    ],
}

API = {
    ("GET", "/api/v1/calendar/feed"): Expect(api_statuses(200)),
    ("POST", "/api/v1/calendar/feed"): Expect(api_statuses(201)),
    ("DELETE", "/api/v1/calendar/feed"): Expect(api_statuses(204)),
    ("GET", "/api/v1/calendar/preferences"): Expect(api_statuses(200)),
    ("PATCH", "/api/v1/calendar/preferences"): Expect(
        api_statuses(200), data=lambda cast: {"weekly_nudge": False}
    ),
    ("GET", "/api/v1/notifications/emails"): Expect(api_statuses(200)),
    ("POST", "/api/v1/notifications/emails/{email_id}/retry"): Expect(
        api_admins(200), kwargs=lambda cast: {"email_id": failed_email(cast)["email_id"]}
    ),
}
