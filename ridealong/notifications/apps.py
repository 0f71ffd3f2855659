from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ridealong.notifications"
    label = "notifications"

    def ready(self) -> None:
        from ridealong.notifications import demo  # noqa: F401 (registers its part of the demo company)
