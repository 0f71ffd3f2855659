"""Writes about seats. Every write is audited; people hear about it after the commit.

For other apps (the scheduler, notifications):
- `assignment_place(occurrence=, person=, by=, source=, publish=)` puts a person on a seat
  (the scheduler's door: no board rules beyond eligibility and seats).
- `assignment_publish(assignment=, by=)` announces a proposal; `assignment_cancel` frees a
  seat and promotes the waitlist.
- Refusals are `SeatRefused` (a ValidationError) with a `code`: "full", "twice",
  "ineligible", "started", "cancelled", "state".

The last seat cannot be taken twice: every change to who holds a seat locks the occurrence
row first (`_lock`) and allocates seat numbers 1..seats; the partial unique constraint
`assignment_one_person_per_seat` refuses the loser if two transactions still race.
"""

import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ridealong.core.audit import diff, log_action
from ridealong.core.models import Organisation
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind, Engagement, EngagementChannel, Part, Practice
from ridealong.people.models import Department, Person
from ridealong.seats import recurrence
from ridealong.seats.models import (
    ACTIVE_STATUSES,
    MAX_SEATS,
    OPEN_STATUSES,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Eligibility,
    Occurrence,
    Opportunity,
    SwapRequest,
    SwapStatus,
)
from ridealong.seats.notify import AssignmentEvent, assignment_event_on_commit
from ridealong.seats.selectors import ineligibility_reason

HORIZON_WEEKS = 12
MAX_TEXT = 5_000


class SeatRefused(ValidationError):
    """A sign-up, cancellation or swap that cannot happen, with a message for the person."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, code=code)


def _now() -> datetime.datetime:
    return timezone.now()


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(Organisation.current().time_zone)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(_zone()).date()


def _when(occurrence: Occurrence) -> str:
    return f"{occurrence.starts_at.astimezone(_zone()):%a %d %b %H:%M}"


# --- opportunities --------------------------------------------------------------------------


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
    by: Any,
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
    by: Any,
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


def _lock(occurrence_id: int) -> Occurrence:
    """The occurrence, its row locked until the transaction ends (PostgreSQL)."""
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("opportunity__host", "opportunity__kind")
        .get(pk=occurrence_id)
    )


def _cancel_occurrence(occurrence: Occurrence, *, by: Any) -> None:
    occurrence = _lock(occurrence.pk)
    occurrence.is_cancelled = True
    occurrence.save(update_fields=["is_cancelled"])
    for assignment in occurrence.assignments.filter(status__in=OPEN_STATUSES):
        _close(assignment, AssignmentStatus.CANCELLED)
        assignment_event_on_commit(assignment, AssignmentEvent.CANCELLED)
    log_action("seats.occurrence.cancelled", actor=by, target=occurrence)


@transaction.atomic
def occurrence_cancel(*, occurrence: Occurrence, by: Any) -> Occurrence:
    """Call off one date; everyone on it is told."""
    if occurrence.is_cancelled:
        raise SeatRefused("This date is already cancelled.", code="cancelled")
    _cancel_occurrence(occurrence, by=by)
    occurrence.refresh_from_db()
    return occurrence


@transaction.atomic
def opportunity_cancel(*, opportunity: Opportunity, by: Any) -> Opportunity:
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
    for key, occurrence in by_key.items():
        if key in wanted:
            continue
        if occurrence.assignments.exists():
            _cancel_occurrence(occurrence, by=None)
        else:
            occurrence.delete()
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


# --- seats ---------------------------------------------------------------------------------


def _free_seat(occurrence: Occurrence) -> int | None:
    taken = set(
        occurrence.assignments.filter(status__in=ACTIVE_STATUSES).values_list(
            "seat_number", flat=True
        )
    )
    return next((n for n in range(1, occurrence.seats + 1) if n not in taken), None)


def _next_waitlist_position(occurrence: Occurrence) -> int:
    top = occurrence.assignments.filter(status=AssignmentStatus.WAITLISTED).aggregate(
        top=Max("waitlist_position")
    )["top"]
    return (top or 0) + 1


def _seat_status(occurrence: Occurrence, source: str) -> str:
    if occurrence.opportunity.requires_approval and source == AssignmentSource.SIGNUP:
        return AssignmentStatus.PENDING
    return AssignmentStatus.CONFIRMED


def _close(assignment: Assignment, status: str) -> None:
    assignment.status = status
    assignment.seat_number = None
    assignment.waitlist_position = None
    assignment.sequence += 1
    assignment.save()


def _promote_waitlist(occurrence: Occurrence) -> list[Assignment]:
    """Give free seats to the waitlist, first come first served. Caller holds the lock."""
    promoted = []
    while (seat := _free_seat(occurrence)) is not None:
        first = (
            occurrence.assignments.filter(status=AssignmentStatus.WAITLISTED)
            .order_by("waitlist_position", "id")
            .first()
        )
        if first is None:
            break
        first.status = _seat_status(occurrence, first.source)
        first.seat_number = seat
        first.waitlist_position = None
        first.sequence += 1
        first.save()
        log_action(
            "seats.assignment.promoted",
            target=first,
            changes={"seat_number": seat, "status": first.status},
        )
        assignment_event_on_commit(
            first,
            AssignmentEvent.CONFIRMED
            if first.status == AssignmentStatus.CONFIRMED
            else AssignmentEvent.PENDING,
        )
        promoted.append(first)
    return promoted


def _already(existing: Assignment) -> SeatRefused:
    if existing.status == AssignmentStatus.WAITLISTED:
        message = f"You are already on the waitlist (number {existing.waitlist_position})."
    elif existing.status == AssignmentStatus.PENDING:
        message = "You already have a seat on this one, waiting for the host's approval."
    else:
        message = "You already have a seat on this one."
    return SeatRefused(message, code="twice")


def _check_can_take(occurrence: Occurrence, person: Person) -> None:
    if occurrence.is_cancelled or occurrence.opportunity.is_cancelled:
        raise SeatRefused("This date was cancelled.", code="cancelled")
    if occurrence.starts_at <= _now():
        raise SeatRefused("This has already started.", code="started")
    reason = ineligibility_reason(
        opportunity=occurrence.opportunity,
        person=person,
        on=_local_date(occurrence.starts_at),
    )
    if reason:
        raise SeatRefused(reason, code="ineligible")


def _take(
    *,
    occurrence_id: int,
    person: Person,
    by: Any,
    source: str,
    waitlist: bool,
    publish: bool,
    check_eligibility: bool = True,
) -> Assignment:
    occurrence = _lock(occurrence_id)
    if check_eligibility:
        _check_can_take(occurrence, person)
    existing = occurrence.assignments.filter(person=person, status__in=OPEN_STATUSES).first()
    if existing is not None:
        raise _already(existing)
    seat = _free_seat(occurrence)
    if seat is None and not waitlist:
        raise SeatRefused(
            f"All {occurrence.seats} seats are taken. Join the waitlist and you get the "
            "first seat that frees up.",
            code="full",
        )
    assignment = Assignment(
        occurrence=occurrence,
        person=person,
        source=source,
        is_published=publish,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if seat is not None:
        assignment.status = _seat_status(occurrence, source)
        assignment.seat_number = seat
    else:
        assignment.status = AssignmentStatus.WAITLISTED
        assignment.waitlist_position = _next_waitlist_position(occurrence)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        # Another transaction won the race (possible only without the row lock, e.g. SQLite).
        existing = Assignment.objects.filter(
            occurrence_id=occurrence_id, person=person, status__in=OPEN_STATUSES
        ).first()
        if existing is not None:
            raise _already(existing) from None
        raise SeatRefused(
            "Someone has just taken the last seat. Try the waitlist.", code="full"
        ) from None
    log_action(
        "seats.assignment.created",
        actor=by,
        target=assignment,
        changes={"status": assignment.status, "source": source, "seat_number": seat},
    )
    assignment_event_on_commit(
        assignment,
        {
            AssignmentStatus.CONFIRMED: AssignmentEvent.CONFIRMED,
            AssignmentStatus.PENDING: AssignmentEvent.PENDING,
            AssignmentStatus.WAITLISTED: AssignmentEvent.WAITLISTED,
        }[assignment.status],
    )
    return assignment


@transaction.atomic
def signup(
    *, occurrence: Occurrence, person: Person, by: Any, waitlist: bool = False
) -> Assignment:
    """Take a seat (confirmed, or pending when the host approves sign-ups).

    When every seat is taken: with `waitlist`, join the waitlist; otherwise SeatRefused with
    code "full" and an offer to join it. Twice for the same person: SeatRefused "twice"."""
    return _take(
        occurrence_id=occurrence.pk,
        person=person,
        by=by,
        source=AssignmentSource.SIGNUP,
        waitlist=waitlist,
        publish=True,
    )


@transaction.atomic
def join_waitlist(*, occurrence: Occurrence, person: Person, by: Any) -> Assignment:
    """Take a free seat if there is one, else the next place on the waitlist."""
    return signup(occurrence=occurrence, person=person, by=by, waitlist=True)


@transaction.atomic
def assignment_place(
    *,
    occurrence: Occurrence,
    person: Person,
    by: Any,
    source: str = AssignmentSource.SCHEDULER,
    publish: bool = False,
    check_eligibility: bool = True,
) -> Assignment:
    """The scheduler's door: a confirmed seat (never pending, never the waitlist).

    Unpublished assignments hold their seat but announce nothing until assignment_publish.
    SeatRefused when full, twice, ineligible, started or cancelled."""
    return _take(
        occurrence_id=occurrence.pk,
        person=person,
        by=by,
        source=source,
        waitlist=False,
        publish=publish,
        check_eligibility=check_eligibility,
    )


@transaction.atomic
def assignment_publish(*, assignment: Assignment, by: Any) -> Assignment:
    """Announce a scheduler proposal: from now on the person hears about it."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.is_published:
        return assignment
    assignment.is_published = True
    assignment.sequence += 1
    assignment.save(update_fields=["is_published", "sequence", "updated_at"])
    log_action("seats.assignment.published", actor=by, target=assignment)
    if assignment.status in OPEN_STATUSES:
        assignment_event_on_commit(
            assignment,
            AssignmentEvent.CONFIRMED
            if assignment.status == AssignmentStatus.CONFIRMED
            else AssignmentEvent(assignment.status),
        )
    return assignment


@transaction.atomic
def assignment_cancel(*, assignment: Assignment, by: Any) -> Assignment:
    """Give a seat (or a waitlist place) up; a freed seat goes to the waitlist first."""
    occurrence = _lock(assignment.occurrence_id)
    assignment = Assignment.objects.get(pk=assignment.pk)
    if assignment.status not in OPEN_STATUSES:
        raise SeatRefused("This is already cancelled.", code="state")
    if occurrence.starts_at <= _now():
        raise SeatRefused(
            "This has already started; tell the host if you could not make it.", code="started"
        )
    held_seat = assignment.status in ACTIVE_STATUSES
    _close(assignment, AssignmentStatus.CANCELLED)
    assignment.swap_requests.filter(status=SwapStatus.PENDING).update(
        status=SwapStatus.WITHDRAWN, decided_at=_now()
    )
    log_action("seats.assignment.cancelled", actor=by, target=assignment)
    assignment_event_on_commit(assignment, AssignmentEvent.CANCELLED)
    if held_seat:
        _promote_waitlist(occurrence)
    return assignment


@transaction.atomic
def assignment_approve(*, assignment: Assignment, by: Any) -> Assignment:
    """The host confirms a pending sign-up."""
    _lock(assignment.occurrence_id)
    assignment = Assignment.objects.get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.PENDING:
        raise SeatRefused("Only a sign-up waiting for approval can be approved.", code="state")
    assignment.status = AssignmentStatus.CONFIRMED
    assignment.sequence += 1
    assignment.save()
    log_action("seats.assignment.approved", actor=by, target=assignment)
    assignment_event_on_commit(assignment, AssignmentEvent.CONFIRMED)
    return assignment


@transaction.atomic
def assignment_decline(*, assignment: Assignment, by: Any) -> Assignment:
    """The host declines a pending sign-up; the seat goes to the waitlist."""
    occurrence = _lock(assignment.occurrence_id)
    assignment = Assignment.objects.get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.PENDING:
        raise SeatRefused("Only a sign-up waiting for approval can be declined.", code="state")
    _close(assignment, AssignmentStatus.DECLINED)
    log_action("seats.assignment.declined", actor=by, target=assignment)
    assignment_event_on_commit(assignment, AssignmentEvent.DECLINED)
    _promote_waitlist(occurrence)
    return assignment


# --- swaps ---------------------------------------------------------------------------------


def _check_swap_target(occurrence: Occurrence, person: Person) -> None:
    _check_can_take(occurrence, person)
    if occurrence.assignments.filter(person=person, status__in=OPEN_STATUSES).exists():
        raise SeatRefused(f"{person} is already on this one.", code="twice")


@transaction.atomic
def swap_request(
    *, assignment: Assignment, to_person: Person, by: Any, message: str = ""
) -> SwapRequest:
    """Ask a colleague to take one's seat; nothing moves until they accept."""
    occurrence = _lock(assignment.occurrence_id)
    assignment = Assignment.objects.select_related("person").get(pk=assignment.pk)
    if assignment.status not in ACTIVE_STATUSES:
        raise SeatRefused("Only a seat you hold can be swapped.", code="state")
    if to_person.pk == assignment.person_id:
        raise SeatRefused("Pick a colleague, not yourself.", code="state")
    if "\x00" in message or len(message) > 300:
        raise ValidationError({"message": ["At most 300 characters, and no null characters."]})
    _check_swap_target(occurrence, to_person)
    if assignment.swap_requests.filter(status=SwapStatus.PENDING).exists():
        raise SeatRefused("A swap for this seat is already waiting for an answer.", code="state")
    swap = SwapRequest.objects.create(
        assignment=assignment,
        from_person=assignment.person,
        to_person=to_person,
        message=message.strip(),
    )
    log_action(
        "seats.swap.requested",
        actor=by,
        target=swap,
        changes={"from": str(assignment.person), "to": str(to_person)},
    )
    assignment_event_on_commit(assignment, AssignmentEvent.SWAP_REQUESTED)
    return swap


@transaction.atomic
def swap_accept(*, swap: SwapRequest, by: Any) -> Assignment:
    """The colleague takes the seat: the old assignment closes, theirs opens, one step."""
    swap = SwapRequest.objects.select_related("to_person").get(pk=swap.pk)
    occurrence = _lock(swap.assignment.occurrence_id)
    swap = SwapRequest.objects.select_for_update().select_related("to_person").get(pk=swap.pk)
    assignment = Assignment.objects.get(pk=swap.assignment_id)
    if swap.status != SwapStatus.PENDING:
        raise SeatRefused("This swap has been answered already.", code="state")
    if assignment.status not in ACTIVE_STATUSES:
        raise SeatRefused("The seat is no longer held; nothing to swap.", code="state")
    _check_swap_target(occurrence, swap.to_person)
    seat, status = assignment.seat_number, assignment.status
    _close(assignment, AssignmentStatus.CANCELLED)
    taken = Assignment.objects.create(
        occurrence=occurrence,
        person=swap.to_person,
        status=status,
        source=assignment.source,
        seat_number=seat,
        is_published=True,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    swap.status = SwapStatus.ACCEPTED
    swap.decided_at = _now()
    swap.new_assignment = taken
    swap.save()
    log_action(
        "seats.swap.accepted",
        actor=by,
        target=swap,
        changes={"from": str(swap.from_person_id), "to": str(swap.to_person), "seat": seat},
    )
    assignment_event_on_commit(assignment, AssignmentEvent.CANCELLED)
    assignment_event_on_commit(
        taken,
        AssignmentEvent.CONFIRMED
        if status == AssignmentStatus.CONFIRMED
        else AssignmentEvent.PENDING,
    )
    return taken


@transaction.atomic
def swap_decline(*, swap: SwapRequest, by: Any) -> SwapRequest:
    swap = SwapRequest.objects.select_for_update().get(pk=swap.pk)
    if swap.status != SwapStatus.PENDING:
        raise SeatRefused("This swap has been answered already.", code="state")
    swap.status = SwapStatus.DECLINED
    swap.decided_at = _now()
    swap.save(update_fields=["status", "decided_at"])
    log_action("seats.swap.declined", actor=by, target=swap)
    return swap


# --- after the contact -----------------------------------------------------------------------


@transaction.atomic
def assignment_to_engagement(*, assignment: Assignment, by: Any) -> tuple[Engagement, bool]:
    """Log the contact from the assignment: (engagement, created).

    Pre-filled from the opportunity (kind, customer, start, duration, channel, place), the
    host as host and the person as observer. Idempotent: a second call returns the same
    engagement; another observer of the same occurrence joins the engagement already logged."""
    from ridealong.engagements import services as engagements

    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("occurrence__opportunity__kind", "occurrence__opportunity__customer")
        .select_related("occurrence__opportunity__host", "person")
        .get(pk=assignment.pk)
    )
    if assignment.engagement_id:
        return assignment.engagement, False
    occurrence = assignment.occurrence
    opportunity = occurrence.opportunity
    if assignment.status not in ACTIVE_STATUSES:
        raise SeatRefused("Only a seat that was held can be logged.", code="state")
    if occurrence.is_cancelled:
        raise SeatRefused("This date was cancelled.", code="cancelled")
    if occurrence.starts_at > _now():
        raise SeatRefused("Log it once it has happened.", code="started")
    sibling = (
        Assignment.objects.filter(occurrence=occurrence, engagement__isnull=False)
        .select_related("engagement")
        .first()
    )
    if sibling is not None:
        engagement = sibling.engagement
        participations = list(engagement.participations.select_related("person"))
        if assignment.person_id not in {p.person_id for p in participations}:
            engagements.engagement_update(
                engagement=engagement,
                by=by,
                kind=engagement.kind,
                customer=engagement.customer,
                participants=[(p.person, p.part) for p in participations]
                + [(assignment.person, Part.OBSERVER)],
                started_at=engagement.started_at,
                duration_minutes=engagement.duration_minutes,
                summary=engagement.summary,
                contacts=list(engagement.contacts.all()),
                channel=engagement.channel,
                place=engagement.place,
                notes=engagement.notes,
            )
        created = False
    else:
        participants = [(assignment.person, Part.OBSERVER)]
        if opportunity.host_id != assignment.person_id:
            participants.insert(0, (opportunity.host, Part.HOST))
        engagement = engagements.engagement_create(
            by=by,
            kind=opportunity.kind,
            customer=opportunity.customer,
            participants=participants,
            started_at=occurrence.starts_at,
            duration_minutes=occurrence.duration_minutes,
            summary=opportunity.title[:300],
            channel=opportunity.channel,
            place=opportunity.place,
        )
        created = True
    assignment.engagement = engagement
    assignment.save(update_fields=["engagement", "updated_at"])
    log_action(
        "seats.assignment.logged",
        actor=by,
        target=assignment,
        changes={"engagement": engagement.pk, "created": created},
    )
    return engagement, created
