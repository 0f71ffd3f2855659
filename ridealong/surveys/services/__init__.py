"""Writes for surveys: building, sending, answering, the closed loop, and webhooks.

Every write is audited. Raw invitation tokens leave these functions only to be put into an
e-mail or a CSV of links; the database keeps their SHA-256 digests.

The writes live in sub-modules by topic; this package re-exports their public names.
"""

from ridealong.surveys.services.answering import (
    AlreadyAnswered,
    response_submit,
    sentiment_of,
    validate_answers,
)
from ridealong.surveys.services.building import (
    question_add,
    question_delete,
    question_move,
    question_update,
    survey_close,
    survey_create,
    survey_duplicate,
    survey_open,
    survey_update,
)
from ridealong.surveys.services.common import MAX_CHOICES, MAX_TEXT_ANSWER
from ridealong.surveys.services.follow_ups import (
    follow_up_assign,
    follow_up_open,
    follow_up_record,
    follow_up_reminders_send,
)
from ridealong.surveys.services.routing import (
    CUSTOMER_FACING_WORDS,
    eligible_people,
    personal_caps,
    route,
    routing_rule_create,
    routing_rule_delete,
    week_start,
    weekly_load,
)
from ridealong.surveys.services.sending import (
    SendResult,
    contact_unsubscribe,
    invitation_reminders_send,
    invitations_create,
    public_url,
    send_email,
    unsubscribe_url,
)
from ridealong.surveys.services.webhooks import webhook_create, webhook_delete, webhooks_fire

__all__ = [
    "CUSTOMER_FACING_WORDS",
    "MAX_CHOICES",
    "MAX_TEXT_ANSWER",
    "AlreadyAnswered",
    "SendResult",
    "contact_unsubscribe",
    "eligible_people",
    "follow_up_assign",
    "follow_up_open",
    "follow_up_record",
    "follow_up_reminders_send",
    "invitation_reminders_send",
    "invitations_create",
    "personal_caps",
    "public_url",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "response_submit",
    "route",
    "routing_rule_create",
    "routing_rule_delete",
    "send_email",
    "sentiment_of",
    "survey_close",
    "survey_create",
    "survey_duplicate",
    "survey_open",
    "survey_update",
    "unsubscribe_url",
    "validate_answers",
    "webhook_create",
    "webhook_delete",
    "webhooks_fire",
    "week_start",
    "weekly_load",
]
