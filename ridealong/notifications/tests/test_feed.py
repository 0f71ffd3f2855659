"""The personal calendar feed: a secret URL, revocable, readable by calendar apps."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ridealong.notifications.models import CalendarFeedToken, NotificationPreference
from ridealong.notifications.services import feed_token_create
from ridealong.notifications.tests.factories import seat
from ridealong.seats.models import AssignmentStatus

pytestmark = pytest.mark.django_db


def soon(days: int) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)


def test_it_shows_no_url_until_one_is_made_then_shows_it(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("notifications:feed"))
    assert b"Create my feed address" in page.content
    response = client.post(reverse("notifications:feed_create"), follow=True)
    token = CalendarFeedToken.objects.get(user=cast.member)
    assert token.token in response.content.decode()
    assert b"webcal://" in response.content
    assert response["Cache-Control"].startswith("max-age=0")  # never_cache: a secret is shown


def test_a_new_address_revokes_the_old_one(client, cast):
    old = feed_token_create(user=cast.member)
    client.force_login(cast.member)
    client.post(reverse("notifications:feed_create"))
    new = CalendarFeedToken.objects.get(user=cast.member, revoked_at__isnull=True)
    assert new.token != old.token
    assert client.get(reverse("notifications:feed_ics", args=[old.token])).status_code == 404
    assert client.get(reverse("notifications:feed_ics", args=[new.token])).status_code == 200


def test_a_revoked_feed_answers_404(client, cast):
    token = feed_token_create(user=cast.member)
    client.force_login(cast.member)
    client.post(reverse("notifications:feed_revoke"))
    client.logout()
    assert client.get(reverse("notifications:feed_ics", args=[token.token])).status_code == 404


def test_a_deactivated_login_has_no_feed(client, cast):
    token = feed_token_create(user=cast.member)
    cast.member.is_active = False
    cast.member.save()
    assert client.get(reverse("notifications:feed_ics", args=[token.token])).status_code == 404


def test_the_feed_lists_ones_confirmed_seats_without_signing_in(client, cast):
    person = cast.member.person
    mine = seat(person=person, starts_at=soon(3), title="Listening on the support line")
    seat(person=person, starts_at=soon(4), title="Waiting", status=AssignmentStatus.WAITLISTED)
    seat(person=person, starts_at=soon(5), title="Proposal", is_published=False)
    seat(person=person, starts_at=soon(-90), title="Long ago")
    seat(person=cast.other_member.person, starts_at=soon(3), title="Someone else's")
    token = feed_token_create(user=cast.member)
    response = client.get(reverse("notifications:feed_ics", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Ridealong: Listening on the support line"]
    assert str(events[0]["UID"]).startswith(f"ridealong-assignment-{mine.pk}@")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_feed_can_be_cached_privately_and_answers_304_when_unchanged(client, cast):
    seat(person=cast.member.person, starts_at=soon(3))
    token = feed_token_create(user=cast.member)
    url = reverse("notifications:feed_ics", args=[token.token])
    first = client.get(url)
    assert "private" in first["Cache-Control"]
    assert "max-age=900" in first["Cache-Control"]
    assert first["Referrer-Policy"] == "no-referrer"
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_a_calendar_that_only_sends_if_modified_since_gets_304_when_unchanged(client, cast):
    seat(person=cast.member.person, starts_at=soon(3))
    token = feed_token_create(user=cast.member)
    url = reverse("notifications:feed_ics", args=[token.token])
    first = client.get(url)
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_feed_is_fetched_in_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for day in range(1, 21):
        seat(person=cast.member.person, starts_at=soon(day))
    token = feed_token_create(user=cast.member)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:feed_ics", args=[token.token]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 20


def test_preferences_are_saved_and_shown(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("notifications:preferences"), {"reminders": "on"}, follow=True)
    preference = NotificationPreference.objects.get(person=cast.member.person)
    assert (preference.reminders, preference.weekly_nudge) == (True, False)
    assert b"preferences are saved" in response.content


def test_the_outbox_lists_emails_for_admins_in_constant_queries(
    client, cast, django_assert_max_num_queries
):
    from ridealong.notifications.models import EmailStatus, OutgoingEmail

    for n in range(30):
        OutgoingEmail.objects.create(
            key=f"k{n}",
            to="max@example.com",
            subject=f"Seat {n}",
            text=".",
            person=cast.member.person,
            status=EmailStatus.FAILED if n % 3 == 0 else EmailStatus.QUEUED,
            last_error="SMTPServerDisconnected: gone" if n % 3 == 0 else "",
        )
    client.force_login(cast.admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:outbox"), {"status": "failed"})
    body = response.content.decode()
    assert body.count("outbox-retry") == 10
    assert "SMTPServerDisconnected" in body


def test_admins_find_the_outbox_from_the_calendar_page(client, cast):
    client.force_login(cast.admin)
    assert (
        reverse("notifications:outbox")
        in client.get(reverse("notifications:feed")).content.decode()
    )
    client.force_login(cast.member)
    assert (
        reverse("notifications:outbox")
        not in client.get(reverse("notifications:feed")).content.decode()
    )
