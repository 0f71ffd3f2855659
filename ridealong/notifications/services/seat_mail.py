"""The e-mails that tell people about their seats (invites, changes, cancellations, swap
requests) and the calendar feed of their seats."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.models import Organisation
from ridealong.notifications import ical
from ridealong.notifications.models import (
    CalendarFeedToken,
    OutgoingEmail,
)
from ridealong.notifications.outbox import email_enqueue

if TYPE_CHECKING:
    from ridealong.seats.models import Assignment, Opportunity


# --- seats: invites and the e-mails around them -------------------------------------------


@dataclass(frozen=True)
class SeatMail:
    """What one assignment event tells the participant, and which invite (if any) it carries."""

    kind: str  # request, cancel, pending, waitlisted, declined
    subject: str
    headline: str
    ics_method: str | None  # "REQUEST", "CANCEL" or None


def site_url(path: str = "") -> str:
    return f"{settings.SITE_URL}{path}"


def seat_url(assignment: Assignment) -> str:
    """A link to the seat on the board (whichever page the seats app offers)."""
    for name, kwargs in (
        ("seats:opportunity_detail", {"pk": assignment.occurrence.opportunity_id}),
        ("seats:mine", {}),
        ("seats:board", {}),
    ):
        try:
            return site_url(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return site_url("/")


def _mine_url() -> str:
    try:
        return site_url(reverse("seats:mine"))
    except NoReverseMatch:
        return ""


def feed_url(token: CalendarFeedToken) -> str:
    return site_url(reverse("notifications:feed_ics", kwargs={"token": token.token}))


def format_when(start: datetime.datetime, end: datetime.datetime, zone: str) -> str:
    """ "Tuesday 24 November 2026, 09:00–11:00 (Europe/Berlin)" in the organisation's zone."""
    tz = zoneinfo.ZoneInfo(zone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    day = f"{local_start:%A} {local_start.day} {local_start:%B %Y}"
    if local_end.date() == local_start.date():
        return f"{day}, {local_start:%H:%M}–{local_end:%H:%M} ({zone})"
    return f"{day} {local_start:%H:%M} to {local_end:%A %d %B %H:%M} ({zone})"


def format_place(opportunity: Opportunity) -> str:
    channel = opportunity.get_channel_display()
    if opportunity.place:
        return f"{opportunity.place} ({channel.lower()})"
    return channel


def _summary(opportunity: Opportunity) -> str:
    title = opportunity.title
    customer = opportunity.customer
    if customer is not None and customer.name not in title:
        title = f"{title} · {customer.name}"
    return f"Ridealong: {title}"


def meeting_for(assignment: Assignment, *, sequence: int | None = None) -> ical.Meeting:
    """The calendar event of one assignment (loaded with_related)."""
    occurrence = assignment.occurrence
    opportunity = occurrence.opportunity
    host = opportunity.host
    url = seat_url(assignment)
    description = [f"Host: {host.full_name}"]
    if opportunity.customer is not None:
        description.append(f"Customer: {opportunity.customer.name}")
    if opportunity.briefing:
        description += ["", "What to watch for:", opportunity.briefing]
    description += ["", f"Your seat: {url}"]
    return ical.Meeting(
        uid=ical.meeting_uid(assignment.pk, settings.SITE_URL),
        sequence=assignment.sequence if sequence is None else sequence,
        start=occurrence.starts_at,
        end=occurrence.ends_at,
        summary=_summary(opportunity),
        location=format_place(opportunity),
        description="\n".join(description),
        url=url,
        organizer=ical.Party(email=host.email, name=host.full_name),
        attendee=ical.Party(email=assignment.person.email, name=assignment.person.full_name),
        categories=(opportunity.kind.name,),
    )


def _last_invite_sequence(assignment_id: int) -> int | None:
    """The SEQUENCE of the last invite (REQUEST) sent for this assignment, if any."""
    keys = OutgoingEmail.objects.filter(
        key__startswith=f"assignment:{assignment_id}:seq:", ics_method="REQUEST"
    ).values_list("key", flat=True)
    sequences = [int(key.split(":")[3]) for key in keys]
    return max(sequences) if sequences else None


def _seat_mail(assignment: Assignment, event: str) -> SeatMail | None:
    from ridealong.seats.models import AssignmentStatus

    occurrence = assignment.occurrence
    title = occurrence.opportunity.title
    gone = occurrence.is_cancelled or occurrence.opportunity.is_cancelled
    status = assignment.status
    if (
        event in {"cancelled", "declined"}
        or gone
        or status
        in {
            AssignmentStatus.CANCELLED,
            AssignmentStatus.DECLINED,
        }
    ):
        if event == "declined" or status == AssignmentStatus.DECLINED:
            headline = "The host could not take you on this one"
            subject = f"Not this time: {title}"
            kind = "declined"
        elif gone:
            headline = "This has been cancelled"
            subject = f"Cancelled: {title}"
            kind = "cancel"
        else:
            headline = "Your seat is cancelled"
            subject = f"Cancelled: {title}"
            kind = "cancel"
        # A calendar holds the seat only if an invite went out: then it needs a CANCEL.
        sent = _last_invite_sequence(assignment.pk) is not None
        return SeatMail(kind, subject, headline, "CANCEL" if sent else None)
    if status == AssignmentStatus.CONFIRMED:
        if event == "changed":
            return SeatMail("request", f"Changed: {title}", "Your seat has changed", "REQUEST")
        return SeatMail("request", f"Your seat: {title}", "You have a seat", "REQUEST")
    if status == AssignmentStatus.PENDING:
        return SeatMail(
            "pending",
            f"Waiting for the host: {title}",
            "You asked for a seat; the host approves sign-ups",
            None,
        )
    if status == AssignmentStatus.WAITLISTED:
        return SeatMail("waitlisted", f"On the waitlist: {title}", "You are on the waitlist", None)
    return None


def _swap_requested(assignment: Assignment) -> OutgoingEmail | None:
    """Ask the colleague (no invite yet: the seat is theirs only once they accept)."""
    from ridealong.seats.models import SwapStatus

    swap = (
        assignment.swap_requests.filter(status=SwapStatus.PENDING)
        .select_related("to_person", "from_person")
        .first()
    )
    if swap is None or not swap.to_person.email:
        return None
    organisation = Organisation.current()
    occurrence = assignment.occurrence
    opportunity = occurrence.opportunity
    context = {
        "swap": swap,
        "opportunity": opportunity,
        "host": opportunity.host,
        "customer": opportunity.customer,
        "when": format_when(occurrence.starts_at, occurrence.ends_at, organisation.time_zone),
        "place": format_place(opportunity),
        "url": _mine_url() or seat_url(assignment),
        "organisation": organisation,
    }
    with transaction.atomic():
        email, _ = email_enqueue(
            key=f"swap:{swap.pk}:requested",
            to=swap.to_person.email,
            subject=f"{swap.from_person.full_name} offers you a seat: {opportunity.title}",
            text=render_to_string("notifications/email/swap.txt", context),
            html=render_to_string("notifications/email/swap.html", context),
            person=swap.to_person,
        )
    return email


def assignment_event(*, assignment_id: int, event: str) -> OutgoingEmail | None:
    """Tell the participant about a change to their seat: an e-mail, with an invite when the
    seat is confirmed (METHOD:REQUEST) or a cancellation when a sent invite no longer holds
    (METHOD:CANCEL, same UID, higher SEQUENCE).

    Called after commit through the seats signal `assignment_event` for the events confirmed,
    pending, waitlisted, changed, cancelled, declined. Idempotent: the outbox key holds the
    assignment's sequence number, so announcing the same state twice sends one e-mail.
    """
    from ridealong.seats.models import Assignment

    assignment = Assignment.objects.with_related().filter(pk=assignment_id).first()
    if assignment is None or not assignment.is_published or not assignment.person.email:
        return None
    if event == "swap_requested":
        return _swap_requested(assignment)
    mail = _seat_mail(assignment, event)
    if mail is None:
        return None
    sequence = assignment.sequence
    if mail.ics_method == "CANCEL":
        # A CANCEL must outrank every REQUEST sent for this UID, whatever the seats app did.
        sequence = max(sequence, (_last_invite_sequence(assignment.pk) or 0) + 1)
    organisation = Organisation.current()
    meeting = meeting_for(assignment, sequence=sequence)
    ics = None
    if mail.ics_method:
        ics = ical.invite(
            meeting,
            time_zone=organisation.time_zone,
            stamp=timezone.now(),
            cancelled=mail.ics_method == "CANCEL",
        )
    occurrence = assignment.occurrence
    opportunity = occurrence.opportunity
    context = {
        "mail": mail,
        "assignment": assignment,
        "person": assignment.person,
        "opportunity": opportunity,
        "host": opportunity.host,
        "customer": opportunity.customer,
        "when": format_when(occurrence.starts_at, occurrence.ends_at, organisation.time_zone),
        "place": format_place(opportunity),
        "url": meeting.url,
        "organisation": organisation,
    }
    with transaction.atomic():
        email, _ = email_enqueue(
            key=f"assignment:{assignment.pk}:seq:{sequence}:{mail.kind}",
            to=assignment.person.email,
            subject=mail.subject,
            text=render_to_string("notifications/email/seat.txt", context),
            html=render_to_string("notifications/email/seat.html", context),
            ics=ics,
            method=mail.ics_method,
            person=assignment.person,
        )
    return email


def feed_ics(*, user: User) -> tuple[bytes, datetime.datetime]:
    """The user's calendar feed (METHOD:PUBLISH) and when it last changed."""
    from ridealong.notifications.selectors import feed_assignments

    assignments = feed_assignments(user.person_id)
    organisation = Organisation.current()
    changed = max(
        (a.updated_at for a in assignments),
        default=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    )
    name = f"Ridealong · {user.display_name}"
    data = ical.feed(
        [meeting_for(a) for a in assignments],
        time_zone=organisation.time_zone,
        stamp=changed,
        name=name,
    )
    return data, changed
