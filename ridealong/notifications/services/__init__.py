"""Writes for notifications: calendar feed tokens, preferences, and the e-mails that tell
people about their seats (invites, cancellations, reminders, the weekly nudge).

E-mails go through the outbox (ridealong.notifications.outbox): stored in the caller's
transaction, sent by the worker after commit, once per idempotency key.
"""

from ridealong.notifications.services.preferences import (
    feed_token_create,
    feed_token_revoke,
    feed_token_touch,
    preference_update,
)
from ridealong.notifications.services.reminders import (
    NUDGE_CANDIDATES,
    NUDGE_HORIZON,
    NUDGE_SEATS,
    NudgeSeat,
    nudge_seats_for,
    nudges_send,
    reminders_send,
)
from ridealong.notifications.services.seat_mail import (
    SeatMail,
    assignment_event,
    feed_ics,
    feed_url,
    meeting_for,
    seat_url,
    site_url,
)

__all__ = [
    "NUDGE_CANDIDATES",
    "NUDGE_HORIZON",
    "NUDGE_SEATS",
    "NudgeSeat",
    "SeatMail",
    "assignment_event",
    "feed_ics",
    "feed_token_create",
    "feed_token_revoke",
    "feed_token_touch",
    "feed_url",
    "meeting_for",
    "nudge_seats_for",
    "nudges_send",
    "preference_update",
    "reminders_send",
    "seat_url",
    "site_url",
]
