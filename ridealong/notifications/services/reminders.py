"""Reminders the day before a seat, and the weekly nudge to people behind their standard."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ridealong.core.models import Organisation
from ridealong.notifications.models import (
    NotificationPreference,
)
from ridealong.notifications.outbox import email_enqueue
from ridealong.notifications.services.seat_mail import format_place, format_when, seat_url, site_url
from ridealong.people.models import Person

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from ridealong.seats.models import Occurrence, Opportunity
    from ridealong.standards.progress import Deficit


class _SeatsTaken(TypedDict):
    seats_taken: int


if TYPE_CHECKING:
    OpenOccurrence = WithAnnotations[Occurrence, _SeatsTaken]  # an upcoming date, seats counted


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
            "when": format_when(occurrence.starts_at, occurrence.ends_at, organisation.time_zone),
            "place": format_place(opportunity),
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
                when=format_when(o.starts_at, o.ends_at, organisation.time_zone),
                place=format_place(o.opportunity),
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
