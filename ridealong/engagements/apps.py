from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "ridealong.engagements"
    label = "engagements"
