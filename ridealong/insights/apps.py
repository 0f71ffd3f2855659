from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "ridealong.insights"
    label = "insights"

    def ready(self) -> None:
        from ridealong.insights import demo  # noqa: F401 (registers its part of the demo company)
