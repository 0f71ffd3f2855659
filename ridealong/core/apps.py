from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ridealong.core"
    label = "core"
