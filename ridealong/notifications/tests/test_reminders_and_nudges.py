"""Reminders the day before, and the weekly nudge with three open seats that fit."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from ridealong.core.models import Organisation
from ridealong.notifications.models import NotificationPreference, OutgoingEmail
from ridealong.notifications.services import nudges_send, reminders_send
from ridealong.notifications.tests.factories import BERLIN, seat
from ridealong.seats import services as seats
from ridealong.seats.models import AssignmentStatus, Eligibility
from ridealong.seats.tests.factories import occurrence
from tests import factories as f

NOW = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _at_now():
    # Seat sign-ups check the real clock; the dates below are only upcoming when it reads NOW.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def berlin(db):
    organisation = Organisation.current()
    organisation.time_zone = "Europe/Berlin"
    organisation.save()
    return organisation


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, 0, tzinfo=BERLIN)


def test_it_reminds_confirmed_seats_of_tomorrow_once(
    cast, berlin, django_capture_on_commit_callbacks
):
    tomorrow = seat(person=cast.member.person, starts_at=at(2, 9), title="Line trial at Acme")
    seat(person=cast.member.person, starts_at=at(4, 9), title="Later this week")
    seat(person=cast.manager.person, starts_at=at(2, 23), status=AssignmentStatus.WAITLISTED)
    seat(person=cast.other_member.person, starts_at=at(2, 10), is_published=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=NOW) == 1
        assert reminders_send(now=NOW + datetime.timedelta(hours=5)) == 0
    (reminder,) = mail.outbox
    assert reminder.to == ["max@example.com"]
    assert reminder.subject == "Tomorrow: Line trial at Acme"
    assert "Wednesday 2 December 2026, 09:00–11:00 (Europe/Berlin)" in reminder.body
    assert "Watch how the night shift" in reminder.body
    assert OutgoingEmail.objects.get().key == f"assignment:{tomorrow.pk}:reminder:2026-12-02"


def test_tomorrow_is_the_organisations_day(cast, berlin, django_capture_on_commit_callbacks):
    # 23:30 on 1 December in Berlin is already 2 December in Tokyo but not here.
    late = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=BERLIN)
    seat(person=cast.member.person, starts_at=at(3, 0) + datetime.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=late) == 0
        assert reminders_send(now=late + datetime.timedelta(hours=1)) == 1


def test_people_who_turned_reminders_off_get_none(cast, berlin, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(person=cast.member.person, reminders=False)
    seat(person=cast.member.person, starts_at=at(2, 9))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=NOW) == 0
    assert mail.outbox == []


def test_send_reminders_command(cast, berlin, capsys, django_capture_on_commit_callbacks):
    call_command("send_reminders")
    assert "0 reminder(s) queued" in capsys.readouterr().out


# --- the weekly nudge ------------------------------------------------------------------------


@pytest.fixture
def open_dates(cast, berlin):
    """Five upcoming dates: three open to all, one for Finance only, one full."""
    soon = NOW + datetime.timedelta(days=2)
    dates = [
        occurrence(title=f"Open {n}", starts_at=soon + datetime.timedelta(days=n), seats=2)
        for n in range(3)
    ]
    finance_only = occurrence(
        title="Finance only",
        starts_at=soon - datetime.timedelta(hours=3),
        eligibility=Eligibility.DEPARTMENTS,
        departments=[cast.finance],
    )
    full = occurrence(title="Full", starts_at=soon - datetime.timedelta(hours=5), seats=1)
    seats.signup(occurrence=full, person=f.PersonFactory(), by=None)
    return {"open": dates, "finance_only": finance_only, "full": full}


def nudge_for(email: str):
    return next(m for m in mail.outbox if m.to == [email])


def test_people_behind_get_three_open_seats_that_fit_them_once_a_week(
    cast, open_dates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = nudges_send(now=NOW)
        again = nudges_send(now=NOW + datetime.timedelta(days=2))
    assert first >= 1
    assert again == 0
    max_nudge = nudge_for("max@example.com")
    assert "3 seats for you" in max_nudge.subject
    assert "30 min of customer time still missing" in max_nudge.body  # 1 h 30 of 2 h done
    assert [t for t in ("Open 0", "Open 1", "Open 2") if t in max_nudge.body] == [
        "Open 0",
        "Open 1",
        "Open 2",
    ]
    assert "Finance only" not in max_nudge.body
    assert "Full" not in max_nudge.body
    # Fay is in Finance: the Finance-only date is open to her, and it is the soonest.
    assert "Finance only" in nudge_for("fay@example.com").body


def test_a_new_week_brings_a_new_nudge(cast, open_dates, django_capture_on_commit_callbacks):
    occurrence(title="Next week", starts_at=at(9, 10), seats=2)
    with django_capture_on_commit_callbacks(execute=True):
        nudges_send(now=NOW)
        nudges_send(now=at(7, 8))  # Monday: a new ISO week
    assert len([m for m in mail.outbox if m.to == ["max@example.com"]]) == 2


def test_seats_one_already_has_are_not_offered(
    cast, open_dates, django_capture_on_commit_callbacks
):
    seats.signup(occurrence=open_dates["open"][0], person=cast.member.person, by=cast.member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nudges_send(now=NOW)
    body = nudge_for("max@example.com").body
    assert "Open 0" not in body
    assert "2 seats for you" in nudge_for("max@example.com").subject


def test_people_who_opted_out_or_meet_their_standard_get_no_nudge(
    cast, open_dates, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(person=cast.member.person, weekly_nudge=False)
    f.ParticipationFactory(
        engagement=f.EngagementFactory(duration_minutes=180), person=cast.other_member.person
    )
    with django_capture_on_commit_callbacks(execute=True):
        nudges_send(now=NOW)
    recipients = {m.to[0] for m in mail.outbox}
    assert "max@example.com" not in recipients
    assert "fay@example.com" not in recipients
    assert "mia@example.com" in recipients


def test_nobody_is_nudged_when_nothing_is_open(cast, berlin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=NOW) == 0
    assert mail.outbox == []


def test_a_recurring_shift_is_offered_once_not_three_times(
    cast, berlin, django_capture_on_commit_callbacks
):
    from ridealong.seats.models import Occurrence

    shift = occurrence(title="Support line listening", starts_at=at(3, 9), seats=2)
    for day in (4, 7):
        Occurrence.objects.create(
            opportunity=shift.opportunity,
            starts_at=at(day, 9),
            ends_at=at(day, 11),
            seats=2,
        )
    with django_capture_on_commit_callbacks(execute=True):
        nudges_send(now=NOW)
    nudge = nudge_for("max@example.com")
    assert nudge.subject == "1 seat for you this month"
    assert nudge.body.count("Support line listening") == 1
    assert "One seat that would fit you:" in nudge.body
