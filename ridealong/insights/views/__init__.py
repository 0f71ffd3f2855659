"""Pages: the team feed, notes with the guide (autosaved), insights, reflections, questions
to the host, question guides, the customer wall and its links, unhappy customers and
learning tasks, and the digest opt-out.

The pages live in sub-modules by topic; this package re-exports the views the URLs name.
"""

from ridealong.insights.views.feed import (
    FEED_INSIGHTS,
    FEED_REFLECTIONS,
    PER_PAGE,
    home,
    insight_list,
)
from ridealong.insights.views.insights import insight_create, insight_delete, insight_edit
from ridealong.insights.views.learning import (
    task_cancel,
    task_create,
    task_done,
    task_list,
    unhappy,
)
from ridealong.insights.views.notes import (
    engagement_insights,
    note_edit,
    photo,
    photo_add,
    photo_delete,
)
from ridealong.insights.views.questions import (
    guide_edit,
    guide_list,
    question_ask,
    question_list,
    question_thread,
    reflection_edit,
)
from ridealong.insights.views.wall import (
    digest_opt_out,
    wall,
    wall_feed,
    wall_feed_data,
    wall_link_revoke,
    wall_links,
    wall_photo,
)

__all__ = [
    "FEED_INSIGHTS",
    "FEED_REFLECTIONS",
    "PER_PAGE",
    "digest_opt_out",
    "engagement_insights",
    "guide_edit",
    "guide_list",
    "home",
    "insight_create",
    "insight_delete",
    "insight_edit",
    "insight_list",
    "note_edit",
    "photo",
    "photo_add",
    "photo_delete",
    "question_ask",
    "question_list",
    "question_thread",
    "reflection_edit",
    "task_cancel",
    "task_create",
    "task_done",
    "task_list",
    "unhappy",
    "wall",
    "wall_feed",
    "wall_feed_data",
    "wall_link_revoke",
    "wall_links",
    "wall_photo",
]
