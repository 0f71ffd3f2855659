"""The one door from seats to notifications (invites, reminders).

Services call `assignment_event_on_commit(assignment, event)` after a change a person should
hear about. Once the transaction commits, `notify_assignment(assignment_id, event)` calls
`ridealong.notifications.services.assignment_event(assignment_id=..., event=...)` if that
function exists, and otherwise does nothing — so seats work with or without notifications.

Events (AssignmentEvent): confirmed, pending, waitlisted, changed, cancelled, declined,
swap_requested (on the holder's assignment; the pending SwapRequest names the colleague).
Only published assignments are announced; scheduler proposals stay quiet until published.
"""

import importlib
import logging
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from ridealong.seats.models import Assignment

logger = logging.getLogger(__name__)

NOTIFICATIONS_MODULE = "ridealong.notifications.services"
HANDLER = "assignment_event"


class AssignmentEvent(StrEnum):
    CONFIRMED = "confirmed"  # holds a confirmed seat (signed up, approved, promoted, swapped in)
    PENDING = "pending"  # holds a seat, waiting for the host's approval
    WAITLISTED = "waitlisted"  # on the waitlist
    CHANGED = "changed"  # time, place or channel of the occurrence changed; sequence bumped
    CANCELLED = "cancelled"  # gave the seat up, swapped it away, or the occurrence was cancelled
    DECLINED = "declined"  # the host declined the sign-up
    SWAP_REQUESTED = "swap_requested"  # the holder asks a colleague to take the seat


def _handler() -> Any:
    try:
        module = importlib.import_module(NOTIFICATIONS_MODULE)
    except ModuleNotFoundError as error:
        if error.name in {NOTIFICATIONS_MODULE, "ridealong.notifications"}:
            return None
        raise
    return getattr(module, HANDLER, None)


def notify_assignment(assignment_id: int, event: str) -> None:
    """Hand one event to the notifications app, if it is installed and listens."""
    handler = _handler()
    if handler is None:
        return
    try:
        handler(assignment_id=assignment_id, event=str(event))
    except Exception:
        # The change is committed already; a failing announcement must not undo the page.
        logger.exception("notifying assignment %s of %s failed", assignment_id, event)


def assignment_event_on_commit(assignment: "Assignment", event: AssignmentEvent) -> None:
    if not assignment.is_published:
        return
    transaction.on_commit(partial(notify_assignment, assignment.pk, event.value))
