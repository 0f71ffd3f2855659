from django.apps import AppConfig


class ProgramConfig(AppConfig):
    name = "ridealong.program"
    label = "program"
