"""Search keeps up with the apps below it; connected in SearchConfig.ready(). The signals are
sent inside the writing service's transaction, so index rows commit (or roll back) with it."""

from typing import Any

from django.db.models import Model

from ridealong.engagements.models import Engagement
from ridealong.search.services import (
    index_engagement,
    search_index_object,
    search_unindex_object,
    unindex_engagement,
)


def on_engagement_saved(sender: Any, *, engagement: Engagement, **kwargs: Any) -> None:
    index_engagement(engagement)


def on_engagement_deleted(sender: Any, *, engagement_id: int, **kwargs: Any) -> None:
    unindex_engagement(engagement_id)


def on_content_saved(sender: Any, *, instance: Model, **kwargs: Any) -> None:
    search_index_object(instance)


def on_content_deleted(sender: Any, *, instance: Model, **kwargs: Any) -> None:
    search_unindex_object(instance)
