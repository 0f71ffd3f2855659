"""Writes for notifications: calendar feed tokens, preferences, and the e-mails that tell
people about their seats (invites, cancellations, reminders, the weekly nudge).

E-mails go through the outbox (ridealong.notifications.outbox): stored in the caller's
transaction, sent by the worker after commit, once per idempotency key.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation
from ridealong.notifications import ical
from ridealong.notifications.models import (
    CalendarFeedToken,
    NotificationPreference,
    OutgoingEmail,
)
from ridealong.notifications.outbox import email_enqueue
from ridealong.people.models import Person

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from ridealong.seats.models import Assignment, Occurrence, Opportunity
    from ridealong.standards.progress import Deficit


class _SeatsTaken(TypedDict):
    seats_taken: int


if TYPE_CHECKING:
    OpenOccurrence = WithAnnotations[Occurrence, _SeatsTaken]  # an upcoming date, seats counted


@transaction.atomic
def feed_token_create(*, user: User, by: User | None = None) -> CalendarFeedToken:
    """A new secret feed URL for the user; the old one (if any) stops working."""
    now = timezone.now()
    revoked = CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = CalendarFeedToken.objects.create(user=user, created_at=now)
    log_action(
        "notifications.feed.regenerated" if revoked else "notifications.feed.created",
        actor=by or user,
        target=user,
    )
    return token


@transaction.atomic
def feed_token_revoke(*, user: User, by: User | None = None) -> int:
    """Stop the user's feed URL from working. Returns how many tokens were revoked (0 or 1)."""
    revoked = CalendarFeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        log_action("notifications.feed.revoked", actor=by or user, target=user)
    return revoked


def feed_token_touch(*, token: CalendarFeedToken) -> None:
    """Note when a calendar app last fetched the feed (at most once a minute: it polls)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        CalendarFeedToken.objects.filter(pk=token.pk).update(last_used_at=now)


@transaction.atomic
def preference_update(
    *, person: Person, weekly_nudge: bool, reminders: bool, by: User | None = None
) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(person=person)
    changes = {}
    if preference.weekly_nudge != weekly_nudge:
        changes["weekly_nudge"] = [preference.weekly_nudge, weekly_nudge]
    if preference.reminders != reminders:
        changes["reminders"] = [preference.reminders, reminders]
    preference.weekly_nudge = weekly_nudge
    preference.reminders = reminders
    preference.save()
    if changes:
        log_action("notifications.preference.updated", actor=by, target=person, changes=changes)
    return preference


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


def _when(start: datetime.datetime, end: datetime.datetime, zone: str) -> str:
    """ "Tuesday 24 November 2026, 09:00–11:00 (Europe/Berlin)" in the organisation's zone."""
    tz = zoneinfo.ZoneInfo(zone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    day = f"{local_start:%A} {local_start.day} {local_start:%B %Y}"
    if local_end.date() == local_start.date():
        return f"{day}, {local_start:%H:%M}–{local_end:%H:%M} ({zone})"
    return f"{day} {local_start:%H:%M} to {local_end:%A %d %B %H:%M} ({zone})"


def _place(opportunity: Opportunity) -> str:
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
        location=_place(opportunity),
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
        "when": _when(occurrence.starts_at, occurrence.ends_at, organisation.time_zone),
        "place": _place(opportunity),
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
        "when": _when(occurrence.starts_at, occurrence.ends_at, organisation.time_zone),
        "place": _place(opportunity),
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


# --- reminders and the weekly nudge ------------------------------------------------------


def _opted_out(person_ids: set[int], what: str) -> set[int]:
    return set(
        NotificationPreference.objects.filter(
            person_id__in=person_ids, **{what: False}
        ).values_list("person_id", flat=True)
    )


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail everyone with a confirmed seat tomorrow (the organisation's calendar day).

    Idempotent: one reminder per assignment and date (outbox key), so it may run hourly.
    People who turned reminders off get none. Returns how many reminders were queued.
    """
    from ridealong.seats.models import Assignment, AssignmentStatus

    now = now or timezone.now()
    organisation = Organisation.current()
    zone = zoneinfo.ZoneInfo(organisation.time_zone)
    tomorrow = now.astimezone(zone).date() + datetime.timedelta(days=1)
    day_start = datetime.datetime.combine(tomorrow, datetime.time(0), tzinfo=zone)
    day_end = day_start + datetime.timedelta(days=1)
    assignments = list(
        Assignment.objects.with_related()
        .filter(
            status=AssignmentStatus.CONFIRMED,
            is_published=True,
            occurrence__is_cancelled=False,
            occurrence__opportunity__is_cancelled=False,
            occurrence__starts_at__gte=max(day_start, now),
            occurrence__starts_at__lt=day_end,
        )
        .exclude(person__email="")
        .order_by("occurrence__starts_at", "id")
    )
    opted_out = _opted_out({a.person_id for a in assignments}, "reminders")
    queued = 0
    for assignment in assignments:
        if assignment.person_id in opted_out:
            continue
        occurrence = assignment.occurrence
        opportunity = occurrence.opportunity
        context = {
            "person": assignment.person,
            "opportunity": opportunity,
            "host": opportunity.host,
            "customer": opportunity.customer,
            "when": _when(occurrence.starts_at, occurrence.ends_at, organisation.time_zone),
            "place": _place(opportunity),
            "url": seat_url(assignment),
            "organisation": organisation,
        }
        with transaction.atomic():
            _, created = email_enqueue(
                key=f"assignment:{assignment.pk}:reminder:{tomorrow.isoformat()}",
                to=assignment.person.email,
                subject=f"Tomorrow: {opportunity.title}",
                text=render_to_string("notifications/email/reminder.txt", context),
                html=render_to_string("notifications/email/reminder.html", context),
                person=assignment.person,
            )
        queued += created
    return queued


NUDGE_SEATS = 3
NUDGE_HORIZON = datetime.timedelta(days=28)
# Enough open dates to find three for anyone, without checking thousands per person.
NUDGE_CANDIDATES = 300


@dataclass(frozen=True)
class NudgeSeat:
    title: str
    when: str
    place: str
    kind: str
    customer: str
    seats_left: int
    url: str


def _candidate_dates(now: datetime.datetime) -> list[OpenOccurrence]:
    """Upcoming dates with a free seat, soonest first (one query, plus departments)."""
    from django.db.models import F, Prefetch

    from ridealong.people.models import Department
    from ridealong.seats.models import Occurrence

    # with_seats_taken() adds seats_taken to each occurrence.
    return cast(
        "list[OpenOccurrence]",
        list(
            Occurrence.objects.upcoming(now)
            .filter(starts_at__gte=now, starts_at__lt=now + NUDGE_HORIZON)
            .with_seats_taken()
            # seats_taken comes from with_seats_taken(), an annotation the stubs cannot see.
            .filter(seats_taken__lt=F("seats"))  # type: ignore[misc]
            .select_related("opportunity__kind", "opportunity__customer", "opportunity__host")
            .prefetch_related(
                Prefetch("opportunity__departments", queryset=Department.objects.only("id", "name"))
            )
            .order_by("starts_at", "id")[:NUDGE_CANDIDATES]
        ),
    )


def nudge_seats_for(
    person: Person,
    deficit: Deficit,
    dates: Iterable[OpenOccurrence],
    *,
    taken: set[int],
    department_ids: Callable[[Opportunity], set[int]],
    zone: datetime.tzinfo,
) -> list[OpenOccurrence]:
    """Up to three open dates `person` may take, those that count for their standard first."""
    from ridealong.engagements.models import Practice
    from ridealong.seats.selectors import ineligibility_reason

    def fits(occurrence: Occurrence) -> bool:
        opportunity = occurrence.opportunity
        if occurrence.pk in taken:
            return False
        return not ineligibility_reason(
            opportunity=opportunity,
            person=person,
            on=occurrence.starts_at.astimezone(zone).date(),
            department_ids=department_ids(opportunity),
        )

    def rank(occurrence: Occurrence) -> tuple[bool, bool, bool, datetime.datetime]:
        kind = occurrence.opportunity.kind
        counts = deficit.kind_ids is None or kind.pk in deficit.kind_ids
        support = deficit.needs_support_seat and kind.practice == Practice.SUPPORT
        live = deficit.live_missing and kind.is_live
        return (not support, not counts, not live, occurrence.starts_at)

    chosen: list[OpenOccurrence] = []
    opportunities: set[int] = set()
    for occurrence in sorted((o for o in dates if fits(o)), key=rank):
        # Three different things to try, not three days of the same recurring shift.
        if occurrence.opportunity_id in opportunities:
            continue
        opportunities.add(occurrence.opportunity_id)
        chosen.append(occurrence)
        if len(chosen) == NUDGE_SEATS:
            break
    return chosen


def nudges_send(*, now: datetime.datetime | None = None) -> int:
    """The weekly nudge: people behind their standard get three open seats that fit them.

    Once per person and ISO week (outbox key), so it may run daily; people who turned it off
    and people with nothing open that fits get none. Returns how many were queued.
    """
    from ridealong.people.models import Person
    from ridealong.seats.models import OPEN_STATUSES, Assignment
    from ridealong.seats.selectors import eligible_department_ids
    from ridealong.standards.progress import format_minutes
    from ridealong.standards.selectors import deficits

    now = now or timezone.now()
    organisation = Organisation.current()
    zone = zoneinfo.ZoneInfo(organisation.time_zone)
    local_today = now.astimezone(zone).date()
    year, week, _ = local_today.isocalendar()
    behind = {pid: d for pid, d in deficits(at=now).items() if d.is_behind}
    behind_ids = set(behind) - _opted_out(set(behind), "weekly_nudge")
    if not behind_ids:
        return 0
    dates = _candidate_dates(now)
    people = Person.objects.filter(pk__in=behind_ids, is_active=True).exclude(email="")
    taken: dict[int, set[int]] = {}
    for person_id, occurrence_id in Assignment.objects.filter(
        person_id__in=behind_ids,
        status__in=OPEN_STATUSES,
        occurrence_id__in=[o.pk for o in dates],
    ).values_list("person_id", "occurrence_id"):
        taken.setdefault(person_id, set()).add(occurrence_id)
    department_cache: dict[int, set[int]] = {}

    def department_ids(opportunity: Opportunity) -> set[int]:
        if opportunity.pk not in department_cache:
            department_cache[opportunity.pk] = eligible_department_ids(opportunity)
        return department_cache[opportunity.pk]

    queued = 0
    for person in people.order_by("pk"):
        deficit = behind[person.pk]
        fitting = nudge_seats_for(
            person,
            deficit,
            dates,
            taken=taken.get(person.pk, set()),
            department_ids=department_ids,
            zone=zone,
        )
        if not fitting:
            continue
        missing = []
        if deficit.minutes_missing:
            missing.append(f"{format_minutes(deficit.minutes_missing)} of customer time")
        if deficit.contacts_missing:
            n = deficit.contacts_missing
            missing.append(f"{n} contact{'s' if n != 1 else ''}")
        if deficit.live_missing:
            n = deficit.live_missing
            missing.append(f"{n} live contact{'s' if n != 1 else ''}")
        if deficit.needs_support_seat:
            missing.append("a support seat (new-hire rule)")
        seats = [
            NudgeSeat(
                title=o.opportunity.title,
                when=_when(o.starts_at, o.ends_at, organisation.time_zone),
                place=_place(o.opportunity),
                kind=o.opportunity.kind.name,
                customer=o.opportunity.customer.name
                if o.opportunity.customer is not None
                and o.opportunity.customer.name not in o.opportunity.title
                else "",
                seats_left=o.seats - o.seats_taken,
                url=site_url(reverse("seats:opportunity_detail", args=[o.opportunity_id])),
            )
            for o in fitting
        ]
        context = {
            "person": person,
            "deficit": deficit,
            "missing": missing,
            "seats": seats,
            "board_url": _board_url(),
            "preferences_url": site_url(reverse("notifications:feed")),
            "organisation": organisation,
        }
        with transaction.atomic():
            _, created = email_enqueue(
                key=f"nudge:{person.pk}:{year}-W{week:02d}",
                to=person.email,
                subject=f"{len(seats)} seat{'s' if len(seats) > 1 else ''} for you this month",
                text=render_to_string("notifications/email/nudge.txt", context),
                html=render_to_string("notifications/email/nudge.html", context),
                person=person,
            )
        queued += created
    return queued


def _board_url() -> str:
    try:
        return site_url(reverse("seats:board"))
    except NoReverseMatch:
        return site_url("/")
