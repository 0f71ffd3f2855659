"""Writes about notes, insights, reflections, host questions, guides, wall links and learning
tasks. Every write is audited; notes and insights are scored for sentiment; every write of a
note, insight, reflection or host-question reply sends `signals.content_saved` (search indexes
it, in this transaction).

The writes live in sub-modules by topic; this package re-exports their public names.
"""

from ridealong.insights.services.common import (
    MAX_QUESTIONS,
    MAX_QUOTE,
    MAX_TAGS,
    MAX_TEXT,
    absolute,
    participation_of,
    send_email,
    sentiment_score_object,
    sentiment_score_queryset,
    text_for_sentiment,
)
from ridealong.insights.services.insights import insight_create, insight_delete, insight_update
from ridealong.insights.services.learning import (
    learning_task_cancel,
    learning_task_complete,
    learning_task_create,
)
from ridealong.insights.services.notes import (
    guide_create,
    guide_update,
    note_photo_add,
    note_photo_delete,
    note_save,
)
from ridealong.insights.services.reflections import (
    host_question_ask,
    host_reply_add,
    reflection_save,
    remind_reflections,
)
from ridealong.insights.services.wall import (
    digest_opt_in,
    digest_opt_out,
    wall_link_create,
    wall_link_revoke,
    wall_link_seen,
)

__all__ = [
    "MAX_QUESTIONS",
    "MAX_QUOTE",
    "MAX_TAGS",
    "MAX_TEXT",
    "absolute",
    "digest_opt_in",
    "digest_opt_out",
    "guide_create",
    "guide_update",
    "host_question_ask",
    "host_reply_add",
    "insight_create",
    "insight_delete",
    "insight_update",
    "learning_task_cancel",
    "learning_task_complete",
    "learning_task_create",
    "note_photo_add",
    "note_photo_delete",
    "note_save",
    "participation_of",
    "reflection_save",
    "remind_reflections",
    "send_email",
    "sentiment_score_object",
    "sentiment_score_queryset",
    "text_for_sentiment",
    "wall_link_create",
    "wall_link_revoke",
    "wall_link_seen",
]
