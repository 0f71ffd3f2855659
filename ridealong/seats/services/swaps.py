"""Swaps: asking someone to take over a seat, accepting, declining."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.people.models import Person
from ridealong.seats.models import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    Assignment,
    AssignmentStatus,
    Occurrence,
    SwapRequest,
    SwapStatus,
)
from ridealong.seats.notify import AssignmentEvent, assignment_event_on_commit
from ridealong.seats.services.assignments import _check_can_take, _close
from ridealong.seats.services.common import SeatRefused, _lock, _now


def _check_swap_target(occurrence: Occurrence, person: Person) -> None:
    _check_can_take(occurrence, person)
    if occurrence.assignments.filter(person=person, status__in=OPEN_STATUSES).exists():
        raise SeatRefused(f"{person} is already on this one.", code="twice")


@transaction.atomic
def swap_request(
    *, assignment: Assignment, to_person: Person, by: User | None, message: str = ""
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
def swap_accept(*, swap: SwapRequest, by: User | None) -> Assignment:
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
def swap_decline(*, swap: SwapRequest, by: User | None) -> SwapRequest:
    swap = SwapRequest.objects.select_for_update().get(pk=swap.pk)
    if swap.status != SwapStatus.PENDING:
        raise SeatRefused("This swap has been answered already.", code="state")
    swap.status = SwapStatus.DECLINED
    swap.decided_at = _now()
    swap.save(update_fields=["status", "decided_at"])
    log_action("seats.swap.declined", actor=by, target=swap)
    return swap
