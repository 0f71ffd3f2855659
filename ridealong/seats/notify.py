"""The one door from seats to whoever announces seat changes (the notifications app).

Services call `assignment_event_on_commit(assignment, event)` after a change a person should
hear about. Once the transaction commits, `notify_assignment(assignment_id, event)` sends the
`ridealong.seats.signals.assignment_event` signal; seats work whether or not anyone listens.

Events (AssignmentEvent): confirmed, pending, waitlisted, changed, cancelled, declined,
swap_requested (on the holder's assignment; the pending SwapRequest names the colleague).
Only published assignments are announced; scheduler proposals stay quiet until published.
"""

import logging
from enum import StrEnum
from functools import partial

from django.db import transaction

from ridealong.seats.models import Assignment
from ridealong.seats.signals import assignment_event

logger = logging.getLogger(__name__)


class AssignmentEvent(StrEnum):
    CONFIRMED = "confirmed"  # holds a confirmed seat (signed up, approved, promoted, swapped in)
    PENDING = "pending"  # holds a seat, waiting for the host's approval
    WAITLISTED = "waitlisted"  # on the waitlist
    CHANGED = "changed"  # time, place or channel of the occurrence changed; sequence bumped
    CANCELLED = "cancelled"  # gave the seat up, swapped it away, or the occurrence was cancelled
    DECLINED = "declined"  # the host declined the sign-up
    SWAP_REQUESTED = "swap_requested"  # the holder asks a colleague to take the seat


def notify_assignment(assignment_id: int, event: str) -> None:
    """Send one event to every receiver of `assignment_event`."""
    results = assignment_event.send_robust(
        sender=Assignment, assignment_id=assignment_id, event=str(event)
    )
    for receiver, result in results:
        if isinstance(result, Exception):
            # The change is committed already; a failing announcement must not undo the page.
            logger.error(
                "notifying assignment %s of %s failed in %r",
                assignment_id,
                event,
                receiver,
                exc_info=result,
            )


def assignment_event_on_commit(assignment: Assignment, event: AssignmentEvent) -> None:
    if not assignment.is_published:
        return
    transaction.on_commit(partial(notify_assignment, assignment.pk, event.value))
