from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ridealong.search"
    label = "search"

    def ready(self) -> None:
        from ridealong.search import demo  # noqa: F401 (registers its part of the demo company)
