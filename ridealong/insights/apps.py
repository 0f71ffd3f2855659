from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "ridealong.insights"
    label = "insights"
