from django.apps import AppConfig


class SeatsConfig(AppConfig):
    name = "ridealong.seats"
    label = "seats"
    # Called "program" before 0.2; its tables and history move on `ridealong migrate`.
    former_labels = ("program",)
