"""The invite builder against RFC 5545/5546 and what Outlook, Google and Apple need."""

import datetime
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from ridealong.notifications import ical

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
STAMP = datetime.datetime(2026, 3, 20, 8, 0, tzinfo=datetime.UTC)


def meeting(**overrides) -> ical.Meeting:
    values = {
        "uid": ical.meeting_uid(42, "https://ridealong.example.com"),
        "sequence": 0,
        "start": datetime.datetime(2026, 3, 31, 9, 0, tzinfo=BERLIN),
        "end": datetime.datetime(2026, 3, 31, 11, 0, tzinfo=BERLIN),
        "summary": "Ridealong: Service visit · Müller Süßwaren 🍫",
        "location": "Werk 2, Großenhainer Straße 5, Dresden",
        "description": "What to watch for:\nHow the night shift changes formats — ask Jürgen 👀",
        "url": "https://ridealong.example.com/seats/assignments/42/",
        "organizer": ical.Party("hanna.host@example.com", "Hanna Höst"),
        "attendee": ical.Party("max@example.com", "Max Mäßig"),
    }
    values.update(overrides)
    return ical.Meeting(**values)


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def event_of(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_it_builds_a_request_with_method_uid_sequence_and_parties():
    data = ical.invite(meeting(), time_zone="Europe/Berlin", stamp=STAMP)
    calendar = parse(data)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    event = event_of(calendar)
    assert event["UID"] == "ridealong-assignment-42@ridealong.example.com"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTAMP") == STAMP
    assert str(event["ORGANIZER"]) == "mailto:hanna.host@example.com"
    assert event["ORGANIZER"].params["CN"] == "Hanna Höst"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:max@example.com"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert event["STATUS"] == "CONFIRMED"


def test_it_keeps_utf8_text_intact():
    event = event_of(parse(ical.invite(meeting(), time_zone="Europe/Berlin", stamp=STAMP)))
    assert str(event["SUMMARY"]) == "Ridealong: Service visit · Müller Süßwaren 🍫"
    assert str(event["LOCATION"]) == "Werk 2, Großenhainer Straße 5, Dresden"
    assert "ask Jürgen 👀" in str(event["DESCRIPTION"])
    assert "\n" in str(event["DESCRIPTION"])


def test_it_ends_every_line_with_crlf_and_folds_at_75_octets():
    long_text = "Ein sehr langer Hinweis über Größe, Maße und Gewürze 🌶️ " * 12
    data = ical.invite(meeting(description=long_text), time_zone="Europe/Berlin", stamp=STAMP)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare LF
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    # Folded: continuation lines start with one space, and there are some.
    assert any(line.startswith(b" ") for line in lines)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400).filter(lambda s: s.strip() and "\r" not in s))
def test_it_never_splits_a_multibyte_character_across_a_fold(text):
    data = ical.invite(meeting(summary=text), time_zone="Europe/Berlin", stamp=STAMP)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is valid UTF-8 on its own
    assert str(event_of(parse(data))["SUMMARY"]) == text


def test_it_writes_local_times_with_tzid_and_includes_the_vtimezone():
    data = ical.invite(meeting(), time_zone="Europe/Berlin", stamp=STAMP)
    assert b"DTSTART;TZID=Europe/Berlin:20260331T090000\r\n" in data
    assert b"DTEND;TZID=Europe/Berlin:20260331T110000\r\n" in data
    calendar = parse(data)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Berlin"
    # The VTIMEZONE comes before the event that refers to it.
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")
    assert not calendar.get_missing_tzids()


def test_it_keeps_wall_clock_times_across_a_dst_change():
    # 09:00 in Berlin the day before and the day after the switch to summer time (29 March).
    before = ical.invite(
        meeting(
            start=datetime.datetime(2026, 3, 28, 8, 0, tzinfo=datetime.UTC),
            end=datetime.datetime(2026, 3, 28, 10, 0, tzinfo=datetime.UTC),
        ),
        time_zone="Europe/Berlin",
        stamp=STAMP,
    )
    after = ical.invite(
        meeting(
            start=datetime.datetime(2026, 3, 30, 7, 0, tzinfo=datetime.UTC),
            end=datetime.datetime(2026, 3, 30, 9, 0, tzinfo=datetime.UTC),
        ),
        time_zone="Europe/Berlin",
        stamp=STAMP,
    )
    assert b"DTSTART;TZID=Europe/Berlin:20260328T090000" in before
    assert b"DTSTART;TZID=Europe/Berlin:20260330T090000" in after
    # Parsed back, both are the same instants they were built from.
    start_after = event_of(parse(after)).decoded("DTSTART")
    assert start_after == datetime.datetime(2026, 3, 30, 7, 0, tzinfo=datetime.UTC)
    assert start_after.utcoffset() == datetime.timedelta(hours=2)
    start_before = event_of(parse(before)).decoded("DTSTART")
    assert start_before.utcoffset() == datetime.timedelta(hours=1)
    # The VTIMEZONE describes both offsets, so a client without the Olson database agrees.
    zone = parse(after).walk("VTIMEZONE")[0]
    offsets = {sub["TZOFFSETTO"].to_ical() for sub in zone.subcomponents}
    assert {"+0100", "+0200"} <= {o if isinstance(o, str) else o.decode() for o in offsets}


def test_it_writes_utc_without_a_vtimezone_when_the_organisation_is_on_utc():
    data = ical.invite(meeting(), time_zone="UTC", stamp=STAMP)
    assert b"DTSTART:20260331T070000Z" in data
    assert b"BEGIN:VTIMEZONE" not in data


def test_it_keeps_the_uid_and_raises_the_sequence_for_an_update_and_a_cancel():
    first = event_of(parse(ical.invite(meeting(), time_zone="Europe/Berlin", stamp=STAMP)))
    moved = meeting(
        sequence=1,
        start=datetime.datetime(2026, 4, 1, 14, 0, tzinfo=BERLIN),
        end=datetime.datetime(2026, 4, 1, 15, 0, tzinfo=BERLIN),
    )
    update = event_of(parse(ical.invite(moved, time_zone="Europe/Berlin", stamp=STAMP)))
    cancel_data = ical.invite(
        meeting(sequence=2), time_zone="Europe/Berlin", stamp=STAMP, cancelled=True
    )
    cancel_calendar = parse(cancel_data)
    cancel = event_of(cancel_calendar)
    assert first["UID"] == update["UID"] == cancel["UID"]
    assert first["SEQUENCE"] < update["SEQUENCE"] < cancel["SEQUENCE"]
    assert cancel_calendar["METHOD"] == "CANCEL"
    assert cancel["STATUS"] == "CANCELLED"
    assert cancel["ORGANIZER"]  # iTIP: a CANCEL names the organizer and the attendee
    assert str(cancel["ATTENDEE"]) == "mailto:max@example.com"


def test_it_derives_a_stable_uid_from_the_assignment_and_the_site():
    assert ical.meeting_uid(7, "https://a.example:8443/x") == "ridealong-assignment-7@a.example"
    assert ical.meeting_uid(7, "https://a.example") == ical.meeting_uid(7, "https://a.example/")
    assert ical.meeting_uid(7, "https://a.example") != ical.meeting_uid(7, "https://b.example")
    assert ical.meeting_uid(7, "https://a.example") != ical.meeting_uid(8, "https://a.example")


def test_it_refuses_naive_times():
    with pytest.raises(ValueError, match="aware"):
        ical.invite(
            meeting(
                start=datetime.datetime(2026, 3, 31, 9), end=datetime.datetime(2026, 3, 31, 10)
            ),
            time_zone="Europe/Berlin",
            stamp=STAMP,
        )


def test_it_publishes_a_feed_without_attendees():
    data = ical.feed(
        [meeting(), meeting(uid="other@x", summary="Zweiter Termin")],
        time_zone="Europe/Berlin",
        stamp=STAMP,
        name="Max's seats",
    )
    calendar = parse(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Max's seats"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events][1] == "Zweiter Termin"
    assert all("ATTENDEE" not in e for e in events)
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_an_empty_feed_is_still_a_valid_calendar():
    data = ical.feed([], time_zone="Europe/Berlin", stamp=STAMP, name="Nothing yet")
    calendar = parse(data)
    assert calendar.walk("VEVENT") == []
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
