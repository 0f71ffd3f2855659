from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "ridealong.analytics"
    label = "analytics"
