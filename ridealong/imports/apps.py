from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ridealong.imports"
    label = "imports"
