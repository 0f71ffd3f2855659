"""iCalendar (RFC 5545 / iTIP RFC 5546) for seat invites and the personal calendar feed.

Pure: plain dataclasses in, bytes out, no Django. The icalendar library does the encoding
(CRLF, folding at 75 octets without splitting UTF-8 characters, escaping); this module decides
what goes in so that Outlook, Google Calendar and Apple Calendar accept it:

- an invite is METHOD:REQUEST with a stable UID, a SEQUENCE that grows with every change,
  an ORGANIZER and one ATTENDEE (RSVP); a cancellation is METHOD:CANCEL with the same UID,
  a higher SEQUENCE and STATUS:CANCELLED;
- times are local to the organisation's zone (DTSTART;TZID=Europe/Berlin:…) with the
  VTIMEZONE that defines it, so a meeting stays at 09:00 across a DST change; in UTC they
  are written as UTC (…Z) and need no VTIMEZONE;
- the feed is METHOD:PUBLISH (subscribed calendars), no attendees' replies expected.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Ridealong//Seat invites//EN"
UTC = datetime.UTC
UTC_NAMES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"}

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


@dataclass(frozen=True)
class Party:
    """Someone on an invite: the organiser (host) or the attendee (participant)."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class Meeting:
    """One seat as a calendar event, as the participant should see it."""

    uid: str
    sequence: int
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    summary: str
    organizer: Party
    attendee: Party | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    # TENTATIVE while waiting for the host's approval or on the waitlist.
    status: str = "CONFIRMED"
    categories: Sequence[str] = field(default_factory=tuple)


def meeting_uid(assignment_id: int, site: str) -> str:
    """A globally unique, stable UID for a seat: the same for every update and the cancel.

    `site` is the installation's host name (from SITE_URL), so two installations never clash.
    """
    host = site.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "ridealong.invalid"
    return f"ridealong-assignment-{assignment_id}@{host}"


def _zone(time_zone: str) -> datetime.tzinfo:
    if time_zone in UTC_NAMES:
        return UTC
    return zoneinfo.ZoneInfo(time_zone)


def _local(moment: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    if moment.tzinfo is None:
        raise ValueError("Meeting times must be aware (carry a time zone).")
    # Whole seconds: sub-second parts are not representable in iCalendar.
    return moment.astimezone(zone).replace(microsecond=0)


def _address(party: Party, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{party.email}")
    if party.name:
        address.params["CN"] = vText(party.name)
    for key, value in params.items():
        address.params[key] = value
    return address


def _event(
    meeting: Meeting,
    *,
    zone: datetime.tzinfo,
    stamp: datetime.datetime,
    method: str,
) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp.astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", _local(meeting.start, zone))
    event.add("dtend", _local(meeting.end, zone))
    event.add("summary", meeting.summary)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.description:
        event.add("description", meeting.description)
    if meeting.url:
        event.add("url", meeting.url)
    if meeting.categories:
        event.add("categories", list(meeting.categories))
    event.add("organizer", _address(meeting.organizer))
    if meeting.attendee and method != PUBLISH:
        event.add(
            "attendee",
            _address(
                meeting.attendee,
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="NEEDS-ACTION" if method == REQUEST else "DECLINED",
                RSVP="TRUE" if method == REQUEST else "FALSE",
                CUTYPE="INDIVIDUAL",
            ),
        )
    if method == CANCEL:
        event.add("status", "CANCELLED")
    else:
        event.add("status", meeting.status)
        event.add("transp", "OPAQUE")
    return event


def _calendar(
    meetings: Iterable[Meeting],
    *,
    time_zone: str,
    method: str | None,
    stamp: datetime.datetime,
    name: str = "",
) -> bytes:
    zone = _zone(time_zone)
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        if zone is not UTC:
            calendar.add("x-wr-timezone", time_zone)
    for meeting in meetings:
        calendar.add_component(_event(meeting, zone=zone, stamp=stamp, method=method or PUBLISH))
    if zone is not UTC and meetings:
        # Only the years the meetings span: a VTIMEZONE from 1970 to 2038 is kilobytes of RDATEs.
        first = min(m.start for m in meetings).date() - datetime.timedelta(days=366)
        last = max(m.end for m in meetings).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def invite(
    meeting: Meeting, *, time_zone: str, stamp: datetime.datetime, cancelled: bool = False
) -> bytes:
    """A one-event iTIP message: METHOD:REQUEST (new or changed) or METHOD:CANCEL."""
    if meeting.attendee is None:
        raise ValueError("An invite needs an attendee.")
    return _calendar(
        [meeting], time_zone=time_zone, method=CANCEL if cancelled else REQUEST, stamp=stamp
    )


def feed(
    meetings: Iterable[Meeting], *, time_zone: str, stamp: datetime.datetime, name: str
) -> bytes:
    """A subscribable calendar (METHOD:PUBLISH) holding the given meetings."""
    return _calendar(meetings, time_zone=time_zone, method=PUBLISH, stamp=stamp, name=name)
