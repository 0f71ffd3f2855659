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

The writes live in sub-modules by topic; this package re-exports their public names.
"""

from ridealong.seats.services.assignments import (
    assignment_approve,
    assignment_cancel,
    assignment_decline,
    assignment_place,
    assignment_publish,
    join_waitlist,
    signup,
)
from ridealong.seats.services.common import HORIZON_WEEKS, MAX_TEXT, SeatRefused
from ridealong.seats.services.engagement import assignment_to_engagement
from ridealong.seats.services.opportunities import (
    occurrence_cancel,
    occurrences_generate,
    opportunity_cancel,
    opportunity_create,
    opportunity_update,
)
from ridealong.seats.services.swaps import swap_accept, swap_decline, swap_request

__all__ = [
    "HORIZON_WEEKS",
    "MAX_TEXT",
    "SeatRefused",
    "assignment_approve",
    "assignment_cancel",
    "assignment_decline",
    "assignment_place",
    "assignment_publish",
    "assignment_to_engagement",
    "join_waitlist",
    "occurrence_cancel",
    "occurrences_generate",
    "opportunity_cancel",
    "opportunity_create",
    "opportunity_update",
    "signup",
    "swap_accept",
    "swap_decline",
    "swap_request",
]
