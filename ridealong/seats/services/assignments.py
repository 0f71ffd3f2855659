"""Seats: signing up, the waitlist, placing, publishing, cancelling, approving."""

from django.db import IntegrityError, transaction
from django.db.models import Max

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.people.models import Person
from ridealong.seats.models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Occurrence,
    SwapStatus,
)
from ridealong.seats.notify import AssignmentEvent, assignment_event_on_commit
from ridealong.seats.selectors import ineligibility_reason
from ridealong.seats.services.common import SeatRefused, _local_date, _lock, _now


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
    by: User | None,
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
        }[AssignmentStatus(assignment.status)],
    )
    return assignment


@transaction.atomic
def signup(
    *, occurrence: Occurrence, person: Person, by: User | None, waitlist: bool = False
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
def join_waitlist(*, occurrence: Occurrence, person: Person, by: User | None) -> Assignment:
    """Take a free seat if there is one, else the next place on the waitlist."""
    return signup(occurrence=occurrence, person=person, by=by, waitlist=True)


@transaction.atomic
def assignment_place(
    *,
    occurrence: Occurrence,
    person: Person,
    by: User | None,
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
def assignment_publish(*, assignment: Assignment, by: User | None) -> Assignment:
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
def assignment_cancel(*, assignment: Assignment, by: User | None) -> Assignment:
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
def assignment_approve(*, assignment: Assignment, by: User | None) -> Assignment:
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
def assignment_decline(*, assignment: Assignment, by: User | None) -> Assignment:
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
