from django.apps import AppConfig


class SeatsConfig(AppConfig):
    name = "ridealong.seats"
    label = "seats"
    # Called "program" before 0.2; its tables and history move on `ridealong migrate`.
    former_labels = ("program",)

    def ready(self) -> None:
        from ridealong.seats import demo  # noqa: F401 (registers its part of the demo company)
