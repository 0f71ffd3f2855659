"""Recurring opportunities: RFC 5545 rules in the organisation's time zone."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from ridealong.core.models import Organisation
from ridealong.seats import recurrence, services
from ridealong.seats.tests.factories import opportunity

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def test_it_keeps_nine_oclock_local_across_the_change_to_winter_time():
    slots = recurrence.expand(
        rule_text="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        first_start=at(2026, 10, 22, 9),
        first_end=at(2026, 10, 22, 11),
        time_zone="Europe/Berlin",
        window_start=at(2026, 10, 22, 0),
        window_end=at(2026, 10, 31, 0),
    )
    local = [(s.starts_at.astimezone(BERLIN).strftime("%a %d %H:%M")) for s in slots]
    assert local == [
        "Thu 22 09:00",
        "Fri 23 09:00",
        "Mon 26 09:00",
        "Tue 27 09:00",
        "Wed 28 09:00",
        "Thu 29 09:00",
        "Fri 30 09:00",
    ]
    # In UTC the time moves by an hour when summer time ends (25 October).
    assert slots[1].starts_at.astimezone(UTC).hour == 7
    assert slots[2].starts_at.astimezone(UTC).hour == 8
    assert all(s.ends_at - s.starts_at == datetime.timedelta(hours=2) for s in slots)


def test_it_moves_a_time_the_clock_skips_to_the_time_on_the_wall():
    slots = recurrence.expand(
        rule_text="FREQ=DAILY;COUNT=3",
        first_start=at(2027, 3, 27, 2, 30),
        first_end=at(2027, 3, 27, 3, 30),
        time_zone="Europe/Berlin",
        window_start=at(2027, 3, 27, 0),
        window_end=at(2027, 4, 1, 0),
    )
    # 28 March 2027 02:30 does not exist in Berlin; it happens at 03:30 summer time.
    assert [s.starts_at.astimezone(UTC).strftime("%d %H:%M") for s in slots] == [
        "27 01:30",
        "28 01:30",
        "29 00:30",
    ]


def test_it_leaves_out_exception_dates():
    slots = recurrence.expand(
        rule_text="RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        first_start=at(2026, 12, 21, 9),
        first_end=at(2026, 12, 21, 11),
        time_zone="Europe/Berlin",
        exception_dates=[datetime.date(2026, 12, 24), datetime.date(2026, 12, 25)],
        window_start=at(2026, 12, 21, 0),
        window_end=at(2026, 12, 26, 0),
    )
    assert [s.starts_at.astimezone(BERLIN).day for s in slots] == [21, 22, 23]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=HOURLY", "at most daily"),
        ("FREQ=SOMETIMES", "not a recurrence rule"),
        ("DTSTART:20260101T090000\nRRULE:FREQ=DAILY", "one RRULE line"),
        ("FREQ=WEEKLY;UNTIL=20200101", "never happens"),
    ],
)
def test_it_explains_a_rule_it_cannot_use(rule, message):
    with pytest.raises(recurrence.RecurrenceError, match=message):
        recurrence.validate(rule, first_local=datetime.datetime(2026, 10, 22, 9))


@pytest.mark.django_db
def test_it_generates_occurrences_idempotently_in_the_organisations_zone():
    org = Organisation.current()
    org.time_zone = "Europe/Berlin"
    org.save()
    now = at(2026, 10, 19, 8).astimezone(UTC)
    opp = opportunity(
        kind="support-listening",
        title="Support line listening",
        starts_at=at(2026, 10, 19, 9),
        ends_at=at(2026, 10, 19, 11),
        seats=2,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        exception_dates=[datetime.date(2026, 10, 30)],
        now=now,
    )
    first = list(opp.occurrences.values_list("starts_at", flat=True))
    again = services.occurrences_generate(opportunity=opp, now=now)
    assert list(opp.occurrences.values_list("starts_at", flat=True)) == first
    assert len(again) == len(first)
    local = [s.astimezone(BERLIN) for s in first]
    assert {(s.hour, s.minute) for s in local} == {(9, 0)}
    assert datetime.date(2026, 10, 30) not in {s.date() for s in local}
    assert all(s.weekday() < 5 for s in local)
    assert set(opp.occurrences.values_list("seats", flat=True)) == {2}


@pytest.mark.django_db
def test_it_refuses_a_bad_rule_on_the_form_field():
    with pytest.raises(ValidationError) as error:
        opportunity(kind="support-listening", recurrence_rule="FREQ=MINUTELY")
    assert "at most daily" in error.value.message_dict["recurrence"][0]
