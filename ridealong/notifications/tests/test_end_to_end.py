"""Through the seats app's own services: sign up, swap, cancel — and what lands in the inbox."""

import email as email_lib

import pytest
from django.core import mail
from icalendar import Calendar

from ridealong.core.models import Organisation
from ridealong.notifications.models import EmailStatus, OutgoingEmail
from ridealong.seats import services as seats
from ridealong.seats.tests.factories import occurrence


@pytest.fixture
def berlin(db):
    organisation = Organisation.current()
    organisation.time_zone = "Europe/Berlin"
    organisation.save()
    return organisation


def invite(message) -> tuple[str, object]:
    parsed = email_lib.message_from_bytes(message.message().as_bytes())
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == part.get_param("method")
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def test_sign_up_then_cancel_sends_a_request_then_a_cancel_for_the_same_event(
    cast, berlin, django_capture_on_commit_callbacks
):
    date = occurrence(seats=2, briefing="Listen for the word “Stillstand” 🛑")
    with django_capture_on_commit_callbacks(execute=True):
        assignment = seats.signup(occurrence=date, person=cast.member.person, by=cast.member)
        assert mail.outbox == []  # nothing before the commit
    (signed_up,) = mail.outbox
    assert signed_up.to == ["max@example.com"]
    assert "Stillstand” 🛑" in signed_up.body
    method, request = invite(signed_up)
    assert method == "REQUEST"
    assert str(request["ATTENDEE"]) == "mailto:max@example.com"
    assert request.decoded("DTSTART") == date.starts_at

    with django_capture_on_commit_callbacks(execute=True):
        seats.assignment_cancel(assignment=assignment, by=cast.member)
    assert len(mail.outbox) == 2
    method, cancel = invite(mail.outbox[1])
    assert method == "CANCEL"
    assert cancel["UID"] == request["UID"]
    assert cancel["SEQUENCE"] > request["SEQUENCE"]
    assert cancel["STATUS"] == "CANCELLED"
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


def test_a_freed_seat_invites_the_first_on_the_waitlist(
    cast, berlin, django_capture_on_commit_callbacks
):
    date = occurrence(seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = seats.signup(occurrence=date, person=cast.member.person, by=cast.member)
        seats.signup(
            occurrence=date, person=cast.other_member.person, by=cast.other_member, waitlist=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        seats.assignment_cancel(assignment=first, by=cast.member)
    fay = [m for m in mail.outbox if m.to == ["fay@example.com"]]
    assert [m.subject.split(":")[0] for m in fay] == ["On the waitlist", "Your seat"]
    assert invite(fay[1])[0] == "REQUEST"


def test_a_swap_cancels_for_one_and_invites_the_other(
    cast, berlin, django_capture_on_commit_callbacks
):
    date = occurrence(seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        mine = seats.signup(occurrence=date, person=cast.member.person, by=cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        swap = seats.swap_request(
            assignment=mine, to_person=cast.other_member.person, by=cast.member
        )
    with django_capture_on_commit_callbacks(execute=True):
        seats.swap_accept(swap=swap, by=cast.other_member)
    max_mail = [m for m in mail.outbox if m.to == ["max@example.com"]]
    fay_mail = [m for m in mail.outbox if m.to == ["fay@example.com"]]
    assert [invite(m)[0] for m in max_mail] == ["REQUEST", "CANCEL"]
    assert invite(fay_mail[-1])[0] == "REQUEST"
    assert invite(fay_mail[-1])[1]["UID"] != invite(max_mail[0])[1]["UID"]


def test_a_rolled_back_sign_up_sends_nothing(cast, berlin, django_capture_on_commit_callbacks):
    from django.db import transaction

    date = occurrence(seats=1)

    def sign_up_then_fail() -> None:
        with transaction.atomic():
            seats.signup(occurrence=date, person=cast.member.person, by=cast.member)
            raise RuntimeError("something later in the request failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        sign_up_then_fail()
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_a_swap_request_asks_the_colleague_once(cast, berlin, django_capture_on_commit_callbacks):
    from ridealong.notifications.services import assignment_event

    date = occurrence(seats=1)
    mine = seats.signup(occurrence=date, person=cast.member.person, by=cast.member)
    seats.swap_request(
        assignment=mine, to_person=cast.other_member.person, by=cast.member, message="Kannst du?"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assignment_event(assignment_id=mine.pk, event="swap_requested")
        assignment_event(assignment_id=mine.pk, event="swap_requested")
    (asked,) = [m for m in mail.outbox if m.to == ["fay@example.com"]]
    assert asked.subject.startswith("Max Member offers you a seat")
    assert "“Kannst du?”" in asked.body
    assert asked.attachments == []
