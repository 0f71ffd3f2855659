"""Opportunities and their occurrences: create, update, cancel, generate, resync."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import diff, log_action
from ridealong.core.models import Organisation
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind, EngagementChannel, Practice
from ridealong.people.models import Department, Person
from ridealong.seats import recurrence
from ridealong.seats.models import (
    ACTIVE_STATUSES,
    MAX_SEATS,
    OPEN_STATUSES,
    AssignmentStatus,
    Eligibility,
    Occurrence,
    Opportunity,
)
from ridealong.seats.notify import AssignmentEvent, assignment_event_on_commit
from ridealong.seats.services.assignments import _close, _promote_waitlist
from ridealong.seats.services.common import (
    HORIZON_WEEKS,
    MAX_TEXT,
    SeatRefused,
    _lock,
    _now,
    _when,
    _zone,
)


def _validate_opportunity(
    *,
    kind: ContactKind,
    customer: Customer | None,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    channel: str,
    place: str,
    seats: int,
    eligibility: str,
    departments: Sequence[Department],
    new_hire_days: int,
    briefing: str,
    recurrence_rule: str,
    exception_dates: Sequence[datetime.date],
) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field, value, limit in (
        ("title", title, 200),
        ("place", place, 200),
        ("briefing", briefing, MAX_TEXT),
        ("recurrence", recurrence_rule, 500),
    ):
        if "\x00" in value:
            add(field, "Null characters are not allowed.")
        elif len(value.strip()) > limit:
            add(field, f"At most {limit} characters, please (this has {len(value.strip())}).")
    if not title.strip():
        add("title", "Say in a few words what this is, e.g. “Sales call with Acme”.")
    if kind.is_live and kind.practice != Practice.SUPPORT and customer is None:
        add("customer", f"A {kind.name.lower()} is with a customer: pick which one.")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        add("starts_at", "The start and end need a time zone.")
    elif ends_at <= starts_at:
        add("ends_at", "The end is after the start.")
    elif ends_at - starts_at > datetime.timedelta(hours=24):
        add("ends_at", "One occurrence lasts at most 24 hours; repeat it instead.")
    if channel not in EngagementChannel.values:
        add("channel", f"“{channel}” is not a channel.")
    if not 1 <= seats <= MAX_SEATS:
        add("seats", f"Between 1 and {MAX_SEATS} seats.")
    if eligibility not in Eligibility.values:
        add("eligibility", f"“{eligibility}” is not a rule.")
    elif eligibility == Eligibility.DEPARTMENTS and not departments:
        add("departments", "Pick at least one department.")
    if not 1 <= new_hire_days <= 3650:
        add("new_hire_days", "Between 1 and 3650 days.")
    if recurrence_rule.strip() and "recurrence" not in errors and "starts_at" not in errors:
        local = starts_at.astimezone(_zone()).replace(tzinfo=None)
        try:
            recurrence.validate(recurrence_rule, first_local=local)
        except recurrence.RecurrenceError as error:
            add("recurrence", str(error))
    if exception_dates and not recurrence_rule.strip():
        add("exception_dates", "Exception dates are for repeating opportunities.")
    if errors:
        raise ValidationError(errors)


def _opportunity_data(
    *,
    host: Person,
    kind: ContactKind,
    customer: Customer | None,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    channel: str,
    place: str,
    seats: int,
    eligibility: str,
    departments: Sequence[Department],
    new_hire_days: int,
    briefing: str,
    requires_approval: bool,
    recurrence_rule: str,
    exception_dates: Sequence[datetime.date],
) -> dict[str, Any]:
    _validate_opportunity(
        kind=kind,
        customer=customer,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        channel=channel,
        place=place,
        seats=seats,
        eligibility=eligibility,
        departments=departments,
        new_hire_days=new_hire_days,
        briefing=briefing,
        recurrence_rule=recurrence_rule,
        exception_dates=exception_dates,
    )
    rule = recurrence_rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :].strip()
    return {
        "host": host,
        "kind": kind,
        "customer": customer,
        "title": title.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "channel": channel,
        "place": place.strip(),
        "seats": seats,
        "eligibility": eligibility,
        "new_hire_days": new_hire_days,
        "briefing": briefing.strip(),
        "requires_approval": requires_approval,
        "recurrence": rule.upper(),
        "exception_dates": sorted({d.isoformat() for d in exception_dates}),
    }


@transaction.atomic
def opportunity_create(
    *,
    by: User | None,
    host: Person,
    kind: ContactKind,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    customer: Customer | None = None,
    channel: str = EngagementChannel.ON_SITE,
    place: str = "",
    seats: int = 1,
    eligibility: str = Eligibility.EVERYONE,
    departments: Sequence[Department] = (),
    new_hire_days: int = 30,
    briefing: str = "",
    requires_approval: bool = False,
    recurrence_rule: str = "",
    exception_dates: Sequence[datetime.date] = (),
    now: datetime.datetime | None = None,
) -> Opportunity:
    """Offer seats on a piece of customer work, and generate its occurrences."""
    data = _opportunity_data(
        host=host,
        kind=kind,
        customer=customer,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        channel=channel,
        place=place,
        seats=seats,
        eligibility=eligibility,
        departments=departments,
        new_hire_days=new_hire_days,
        briefing=briefing,
        requires_approval=requires_approval,
        recurrence_rule=recurrence_rule,
        exception_dates=exception_dates,
    )
    opportunity = Opportunity.objects.create(
        created_by=by if getattr(by, "is_authenticated", False) else None, **data
    )
    opportunity.departments.set(departments)
    log_action(
        "seats.opportunity.created",
        actor=by,
        target=opportunity,
        changes={
            "host": str(host),
            "kind": kind.name,
            "seats": seats,
            "recurrence": data["recurrence"],
        },
    )
    # A one-off opportunity gets its occurrence even when it is already past (logging late);
    # a recurring one starts from now (or the `now` given, as the demo does).
    start = (now or _now()) if data["recurrence"] else min(now or _now(), starts_at)
    occurrences_generate(opportunity=opportunity, now=start)
    return opportunity


@transaction.atomic
def opportunity_update(
    *,
    opportunity: Opportunity,
    by: User | None,
    host: Person,
    kind: ContactKind,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    customer: Customer | None = None,
    channel: str = EngagementChannel.ON_SITE,
    place: str = "",
    seats: int = 1,
    eligibility: str = Eligibility.EVERYONE,
    departments: Sequence[Department] = (),
    new_hire_days: int = 30,
    briefing: str = "",
    requires_approval: bool = False,
    recurrence_rule: str = "",
    exception_dates: Sequence[datetime.date] = (),
) -> Opportunity:
    """Change an opportunity; future occurrences follow (people on them are told)."""
    if opportunity.is_cancelled:
        raise SeatRefused("This opportunity was cancelled.", code="cancelled")
    data = _opportunity_data(
        host=host,
        kind=kind,
        customer=customer,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        channel=channel,
        place=place,
        seats=seats,
        eligibility=eligibility,
        departments=departments,
        new_hire_days=new_hire_days,
        briefing=briefing,
        requires_approval=requires_approval,
        recurrence_rule=recurrence_rule,
        exception_dates=exception_dates,
    )
    changes = diff(opportunity, data)
    old_departments = sorted(d.pk for d in opportunity.departments.all())
    if old_departments != sorted(d.pk for d in departments):
        changes["departments"] = [old_departments, sorted(d.pk for d in departments)]
    for field, value in data.items():
        setattr(opportunity, field, value)
    opportunity.save()
    opportunity.departments.set(departments)
    # A one-off may be moved into the past (logged late); a rule never refills past dates.
    since = _now() if opportunity.recurrence else min(_now(), starts_at)
    occurrences_generate(opportunity=opportunity, now=since)
    if changes:
        log_action("seats.opportunity.updated", actor=by, target=opportunity, changes=changes)
    return opportunity


def _cancel_occurrence(occurrence: Occurrence, *, by: User | None) -> None:
    occurrence = _lock(occurrence.pk)
    occurrence.is_cancelled = True
    occurrence.save(update_fields=["is_cancelled"])
    for assignment in occurrence.assignments.filter(status__in=OPEN_STATUSES):
        _close(assignment, AssignmentStatus.CANCELLED)
        assignment_event_on_commit(assignment, AssignmentEvent.CANCELLED)
    log_action("seats.occurrence.cancelled", actor=by, target=occurrence)


@transaction.atomic
def occurrence_cancel(*, occurrence: Occurrence, by: User | None) -> Occurrence:
    """Call off one date; everyone on it is told."""
    if occurrence.is_cancelled:
        raise SeatRefused("This date is already cancelled.", code="cancelled")
    _cancel_occurrence(occurrence, by=by)
    occurrence.refresh_from_db()
    return occurrence


@transaction.atomic
def opportunity_cancel(*, opportunity: Opportunity, by: User | None) -> Opportunity:
    """Call off every future date; everyone on them is told. The past stays as it was."""
    if opportunity.is_cancelled:
        raise SeatRefused("This opportunity is already cancelled.", code="cancelled")
    opportunity.is_cancelled = True
    opportunity.save(update_fields=["is_cancelled", "updated_at"])
    for occurrence in opportunity.occurrences.filter(is_cancelled=False, starts_at__gt=_now()):
        _cancel_occurrence(occurrence, by=by)
    log_action("seats.opportunity.cancelled", actor=by, target=opportunity)
    return opportunity


def _day_keys(moments: Iterable[datetime.datetime]) -> list[tuple[datetime.date, int]]:
    """(local date, n-th on that day) for each moment, so a moved time matches its day."""
    zone = _zone()
    seen: dict[datetime.date, int] = {}
    keys = []
    for moment in moments:
        day = moment.astimezone(zone).date()
        seen[day] = seen.get(day, -1) + 1
        keys.append((day, seen[day]))
    return keys


@transaction.atomic
def occurrences_generate(
    *,
    opportunity: Opportunity,
    now: datetime.datetime | None = None,
    horizon_weeks: int = HORIZON_WEEKS,
) -> list[Occurrence]:
    """Make the occurrences from `now` to `horizon_weeks` ahead match the opportunity.

    Idempotent: running it twice changes nothing. Occurrences that started before `now` are
    never touched. A date the rule no longer has is deleted when nobody is on it and
    cancelled (people told) otherwise; a moved time or place is announced as a change."""
    now = now or _now()
    window_end = max(now, _now()) + datetime.timedelta(weeks=horizon_weeks)
    slots = recurrence.expand(
        rule_text=opportunity.recurrence,
        first_start=opportunity.starts_at,
        first_end=opportunity.ends_at,
        time_zone=Organisation.current().time_zone,
        exception_dates=[datetime.date.fromisoformat(d) for d in opportunity.exception_dates],
        window_start=now,
        window_end=window_end,
    )
    existing = list(
        opportunity.occurrences.filter(starts_at__gte=now, is_cancelled=False).order_by("starts_at")
    )
    by_key = dict(zip(_day_keys(o.starts_at for o in existing), existing, strict=True))
    wanted = dict(zip(_day_keys(s.starts_at for s in slots), slots, strict=True))
    result: list[Occurrence] = []
    for key, stale in by_key.items():
        if key in wanted:
            continue
        if stale.assignments.exists():
            _cancel_occurrence(stale, by=None)
        else:
            stale.delete()
    for key, slot in wanted.items():
        occurrence = by_key.get(key)
        if occurrence is None:
            occurrence, _ = Occurrence.objects.get_or_create(
                opportunity=opportunity,
                starts_at=slot.starts_at,
                defaults={"ends_at": slot.ends_at, "seats": opportunity.seats},
            )
            if occurrence.is_cancelled:  # a date cancelled by hand stays cancelled
                continue
        else:
            _resync(occurrence, slot=slot, seats=opportunity.seats)
        result.append(occurrence)
    return result


def _resync(occurrence: Occurrence, *, slot: recurrence.Slot, seats: int) -> None:
    """Move an occurrence to its new time and seats; tell people on it; fill new seats."""
    occurrence = _lock(occurrence.pk)
    moved = (occurrence.starts_at, occurrence.ends_at) != (slot.starts_at, slot.ends_at)
    taken = occurrence.assignments.filter(status__in=ACTIVE_STATUSES).count()
    if seats < taken:
        raise ValidationError(
            {
                "seats": [
                    f"{taken} people already hold seats on {_when(occurrence)}; "
                    "cancel some of theirs before offering fewer seats."
                ]
            }
        )
    if (
        seats != occurrence.seats
        and occurrence.assignments.filter(
            status__in=ACTIVE_STATUSES, seat_number__gt=seats
        ).exists()
    ):
        _renumber_seats(occurrence)
    grew = seats > occurrence.seats
    occurrence.starts_at, occurrence.ends_at, occurrence.seats = slot.starts_at, slot.ends_at, seats
    occurrence.save(update_fields=["starts_at", "ends_at", "seats"])
    if moved:
        for assignment in occurrence.assignments.filter(status__in=OPEN_STATUSES):
            assignment.sequence += 1
            assignment.save(update_fields=["sequence", "updated_at"])
            assignment_event_on_commit(assignment, AssignmentEvent.CHANGED)
    if grew:
        _promote_waitlist(occurrence)


def _renumber_seats(occurrence: Occurrence) -> None:
    """Pack seat numbers 1..n (two passes so the unique constraint never sees a clash)."""
    holders = list(
        occurrence.assignments.filter(status__in=ACTIVE_STATUSES).order_by("seat_number")
    )
    offset = MAX_SEATS * 10
    for i, assignment in enumerate(holders, start=1):
        assignment.seat_number = offset + i
        assignment.save(update_fields=["seat_number"])
    for i, assignment in enumerate(holders, start=1):
        assignment.seat_number = i
        assignment.save(update_fields=["seat_number"])
