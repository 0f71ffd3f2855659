from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ridealong.search"
    label = "search"

    def ready(self) -> None:
        from ridealong.engagements.signals import engagement_deleted, engagement_saved
        from ridealong.insights.signals import content_deleted, content_saved
        from ridealong.search import (
            demo,  # noqa: F401 (registers its part of the demo company)
            receivers,
            sources,
        )
        from ridealong.search.registry import search_sources

        sources.register(search_sources)
        engagement_saved.connect(receivers.on_engagement_saved, dispatch_uid="search.engagement")
        engagement_deleted.connect(
            receivers.on_engagement_deleted, dispatch_uid="search.engagement_deleted"
        )
        content_saved.connect(receivers.on_content_saved, dispatch_uid="search.content")
        content_deleted.connect(receivers.on_content_deleted, dispatch_uid="search.content_deleted")
