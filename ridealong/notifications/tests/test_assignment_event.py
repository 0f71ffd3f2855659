"""What a participant receives when their seat changes: e-mails with REQUEST/CANCEL invites."""

import email as email_lib

import pytest
from django.core import mail
from icalendar import Calendar

from ridealong.core.models import Organisation
from ridealong.notifications.models import OutgoingEmail
from ridealong.notifications.services import assignment_event
from ridealong.notifications.tests.factories import seat
from ridealong.seats.models import AssignmentStatus


@pytest.fixture
def berlin(db):
    organisation = Organisation.current()
    organisation.time_zone = "Europe/Berlin"
    organisation.save()
    return organisation


def announce(capture, assignment, event):
    with capture(execute=True):
        return assignment_event(assignment_id=assignment.pk, event=event)


def invite_of(message) -> Calendar:
    parsed = email_lib.message_from_bytes(message.message().as_bytes())
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True)), part.get_param("method")


def test_a_confirmed_seat_sends_a_request_in_the_organisations_time_zone(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person, customer=cast.acme)
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    (message,) = mail.outbox
    assert message.to == ["max@example.com"]
    assert message.subject == "Your seat: Service visit at Müller Süßwaren"
    assert "Tuesday 1 December 2026, 09:00–11:00 (Europe/Berlin)" in message.body
    assert "Acme Foods" in message.body
    assert "Watch how the night shift changes formats 🍫" in message.body
    assert "Hanna Höst" in message.body
    html = message.alternatives[0].content
    assert "Tuesday 1 December 2026" in html
    assert "http://" in message.body  # the link to the seat
    calendar, method = invite_of(message)
    assert method == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(f"ridealong-assignment-{assignment.pk}@")
    assert event["SEQUENCE"] == 0
    assert str(event["ATTENDEE"]) == "mailto:max@example.com"
    assert "Hanna" in event["ORGANIZER"].params["CN"]
    assert event.decoded("DTSTART").hour == 9
    assert [a.filename for a in message.attachments] == ["invite.ics"]


def test_announcing_the_same_state_twice_sends_one_email(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person)
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    assert len(mail.outbox) == 1


def test_a_change_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person)
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    assignment.sequence = 1
    assignment.save()
    announce(django_capture_on_commit_callbacks, assignment, "changed")
    first, second = (invite_of(m)[0].walk("VEVENT")[0] for m in mail.outbox)
    assert mail.outbox[1].subject.startswith("Changed:")
    assert first["UID"] == second["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]


def test_a_cancellation_sends_cancel_with_the_same_uid_and_a_higher_sequence(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person)
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    # Even if the seats app forgot to bump the sequence, the CANCEL outranks the REQUEST.
    assignment.status = AssignmentStatus.CANCELLED
    assignment.seat_number = None
    assignment.save()
    announce(django_capture_on_commit_callbacks, assignment, "cancelled")
    request, cancel = (invite_of(m) for m in mail.outbox)
    assert cancel[1] == "CANCEL"
    request_event, cancel_event = request[0].walk("VEVENT")[0], cancel[0].walk("VEVENT")[0]
    assert cancel[0]["METHOD"] == "CANCEL"
    assert cancel_event["STATUS"] == "CANCELLED"
    assert cancel_event["UID"] == request_event["UID"]
    assert cancel_event["SEQUENCE"] > request_event["SEQUENCE"]
    assert mail.outbox[1].subject.startswith("Cancelled:")


def test_a_cancelled_occurrence_cancels_the_invite(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person)
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    assignment.occurrence.is_cancelled = True
    assignment.occurrence.save()
    announce(django_capture_on_commit_callbacks, assignment, "cancelled")
    assert invite_of(mail.outbox[1])[1] == "CANCEL"
    assert "This has been cancelled" in mail.outbox[1].body


def test_a_cancellation_without_an_invite_sent_carries_no_calendar(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person, status=AssignmentStatus.CANCELLED)
    announce(django_capture_on_commit_callbacks, assignment, "cancelled")
    (message,) = mail.outbox
    assert message.attachments == []
    assert OutgoingEmail.objects.get().ics == ""


@pytest.mark.parametrize(
    ("status", "event", "subject", "words"),
    [
        (AssignmentStatus.WAITLISTED, "waitlisted", "On the waitlist:", "number 1 on the waitlist"),
        (AssignmentStatus.PENDING, "pending", "Waiting for the host:", "approves sign-ups"),
        (AssignmentStatus.DECLINED, "declined", "Not this time:", "could not take you"),
    ],
)
def test_states_without_a_seat_send_an_email_without_an_invite(
    cast, berlin, django_capture_on_commit_callbacks, status, event, subject, words
):
    assignment = seat(person=cast.member.person, status=status)
    announce(django_capture_on_commit_callbacks, assignment, event)
    (message,) = mail.outbox
    assert message.subject.startswith(subject)
    assert words in message.body
    assert message.attachments == []


def test_a_promotion_from_the_waitlist_sends_the_invite(
    cast, berlin, django_capture_on_commit_callbacks
):
    assignment = seat(person=cast.member.person, status=AssignmentStatus.WAITLISTED)
    announce(django_capture_on_commit_callbacks, assignment, "waitlisted")
    assignment.status = AssignmentStatus.CONFIRMED
    assignment.waitlist_position = None
    assignment.seat_number = 1
    assignment.save()
    announce(django_capture_on_commit_callbacks, assignment, "confirmed")
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["On the waitlist", "Your seat"]
    assert invite_of(mail.outbox[1])[1] == "REQUEST"


def test_unpublished_proposals_and_missing_assignments_stay_quiet(
    cast, berlin, django_capture_on_commit_callbacks
):
    proposal = seat(person=cast.member.person, is_published=False)
    assert announce(django_capture_on_commit_callbacks, proposal, "confirmed") is None
    with django_capture_on_commit_callbacks(execute=True):
        assert assignment_event(assignment_id=999_999, event="confirmed") is None
    assert mail.outbox == []
