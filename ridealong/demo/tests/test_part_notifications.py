"""The demo company has a calendar feed to subscribe to and an outbox to look at."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from ridealong.accounts.models import User
from ridealong.demo.loader import load_demo
from ridealong.notifications.models import CalendarFeedToken, NotificationPreference


@pytest.mark.django_db
def test_the_demo_member_has_a_feed_and_lena_no_nudges(client):
    summary = load_demo(today=datetime.date(2026, 11, 20))
    assert summary.extras["calendar feeds"] == 1
    token = CalendarFeedToken.objects.get(user__email="jonas.weber@falkenrath.example")
    response = client.get(reverse("notifications:feed_ics", args=[token.token]))
    assert response.status_code == 200
    assert Calendar.from_ical(response.content)["METHOD"] == "PUBLISH"
    lena = User.objects.get(email="lena.hoffmann@falkenrath.example")
    assert not NotificationPreference.objects.get(person=lena.person).weekly_nudge
    client.force_login(User.objects.get(email="jonas.weber@falkenrath.example"))
    page = client.get(reverse("notifications:feed"))
    assert token.token in page.content.decode()


@pytest.mark.django_db
def test_the_demo_queues_invites_reminders_and_nudges_people_can_read(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    from ridealong.notifications.models import EmailStatus, OutgoingEmail

    with django_capture_on_commit_callbacks(execute=True):
        summary = load_demo(today=datetime.date(2026, 11, 20))
    emails = OutgoingEmail.objects.all()
    assert not emails.filter(status=EmailStatus.FAILED).exists()
    if OutgoingEmail.objects.filter(key__contains=":request").exists():
        invite = OutgoingEmail.objects.filter(key__contains=":request").first()
        Calendar.from_ical(invite.ics)  # valid
    assert summary.extras["nudges queued"] == emails.filter(key__startswith="nudge:").count()
    lena = User.objects.get(email="lena.hoffmann@falkenrath.example")
    assert not emails.filter(key__startswith="nudge:", person=lena.person).exists()
    assert len(mail.outbox) == emails.filter(status=EmailStatus.SENT).count()
